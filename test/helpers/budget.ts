// Runs one function of a source module in a worker thread with a deadline that the main thread enforces: a
// function that blocks (a regular expression backtracking for minutes) is terminated and the test fails, instead
// of freezing the test process. The deadline starts once the module is loaded, so start-up under load is not
// counted.
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./budget-worker.mjs', import.meta.url);

/**
 * The result of `exportName(...args)` from `moduleUrl`, or a rejection when it runs longer than `budgetMs` or
 * needs more heap than `heapMb` (default 256, the image's bound).
 */
export async function runWithinBudget<T>(moduleUrl: URL, exportName: string, args: unknown[], budgetMs: number, heapMb = 256): Promise<T> {
  const worker = new Worker(WORKER, { workerData: { module: moduleUrl.href, exportName }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`worker exited (${code}) before answering`)));
      worker.on('message', (message: unknown) => {
        if (message !== 'ready') return resolve(message as T);
        timer = setTimeout(() => reject(new Error(`${exportName} ran longer than its budget of ${budgetMs} ms`)), budgetMs);
        worker.postMessage(args);
      });
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
