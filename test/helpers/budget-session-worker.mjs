// Worker thread of test/helpers/budget-session.ts: loads one TypeScript module, says it is ready, then runs one
// call per message, in order, answering each with its result or its error's message.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
parentPort.on('message', async ({ exportName, args }) => {
  try {
    const result = await mod[exportName](...args);
    parentPort.postMessage({ ok: true, value: result === undefined ? null : result });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
parentPort.postMessage('ready');
