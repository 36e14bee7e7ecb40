// Many calls into one source module, each under its own deadline and all under one heap bound, in a single
// worker thread (a module load per call would cost more than the calls). A call past its deadline terminates
// the thread and rejects naming the call: a super-linear scan fails the test instead of freezing it.
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./budget-session-worker.mjs', import.meta.url);

/** What a call returned, or the message of what it threw. */
export type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A worker thread holding one loaded module. */
export interface BudgetSession {
  /** `exportName(...args)`; rejects when it runs longer than `budgetMs` or the thread runs out of heap. */
  call<T>(exportName: string, args: unknown[], budgetMs: number, label?: string): Promise<CallOutcome<T>>;
  close(): Promise<void>;
}

/** Load `moduleUrl` in a worker thread with a heap of `heapMb` (default 256, the image's bound). */
export async function openBudgetSession(moduleUrl: URL, heapMb = 256): Promise<BudgetSession> {
  const worker = new Worker(WORKER, { workerData: { module: moduleUrl.href }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  let pending: ((outcome: unknown) => void) | null = null;
  let failure: Error | null = null;
  let fail: (err: Error) => void = () => {};
  const stop = (err: Error) => {
    failure ??= err;
    fail(failure);
  };
  worker.on('error', (err) => stop(err));
  worker.on('exit', (code) => stop(new Error(`worker exited (${code})`)));
  await new Promise<void>((resolve, reject) => {
    fail = reject;
    worker.once('message', () => resolve());
  });
  worker.on('message', (message: unknown) => pending?.(message));
  // One call at a time: the deadline of a call must not count the calls queued before it.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    call<T>(exportName: string, args: unknown[], budgetMs: number, label = exportName): Promise<CallOutcome<T>> {
      const run = queue.then(
        () =>
          new Promise<CallOutcome<T>>((resolve, reject) => {
            if (failure) return reject(new Error(`${label}: the worker had already stopped (${failure.message})`));
            const timer = setTimeout(() => {
              reject(new Error(`${label} ran longer than its budget of ${budgetMs} ms`));
              void worker.terminate();
            }, budgetMs);
            fail = (err) => {
              clearTimeout(timer);
              reject(new Error(`${label}: ${err.message}`));
            };
            pending = (outcome) => {
              clearTimeout(timer);
              pending = null;
              resolve(outcome as CallOutcome<T>);
            };
            worker.postMessage({ exportName, args });
          }),
      );
      queue = run.catch(() => {});
      return run;
    },
    close: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
