// Worker thread of test/helpers/budget.ts: loads one TypeScript module, says it is ready, then runs one call.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.module);
parentPort.once('message', async (args) => {
  const result = await mod[workerData.exportName](...args);
  parentPort.postMessage(result === undefined ? null : result);
});
parentPort.postMessage('ready');
