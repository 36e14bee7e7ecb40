// Thin shell shared by the workers: take a job, run a pipeline step, let BullMQ retry what failed
// transiently (the step throws only when our own infrastructure fails), log failures with the job.
import { DelayedError, Worker } from 'bullmq';
import { describeError, PostponedError } from '../src/errors.ts';
import type { Deps } from '../src/pipeline/deps.ts';
import { workerLockOptions } from '../src/queue/queues.ts';
import { connectRedis } from '../src/queue/redis-connection.ts';

/** Start a worker on `queue` that runs `step` for each job, `concurrency` at a time. */
export function startQueueWorker<T>(
  deps: Deps,
  queue: string,
  concurrency: number,
  step: (deps: Deps, data: T) => Promise<unknown>,
): Worker<T> {
  const connection = connectRedis(deps.queues.redis);
  const worker = new Worker<T>(queue, async (job, token) => {
    try {
      return await step(deps, job.data);
    } catch (err) {
      // A postponement is no failure: the same job goes back to the delayed set without using an attempt
      // (BullMQ's documented way: moveToDelayed with the worker's lock token, then DelayedError).
      if (err instanceof PostponedError && token) {
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        deps.log.debug({ queue, job_id: job.id, delay_ms: err.retryAfterMs, reason: err.message }, 'job postponed');
        throw new DelayedError();
      }
      throw err;
    }
  }, {
    connection,
    prefix: deps.queues.prefix,
    concurrency,
    ...workerLockOptions(deps.config.jobLockSeconds),
  });
  worker.on('closed', () => connection.disconnect());
  worker.on('failed', (job, err) => {
    deps.log.error({ queue, job_id: job?.id, data: job?.data, attempts: job?.attemptsMade, error: describeError(err) }, 'job failed');
  });
  worker.on('error', (err) => deps.log.warn({ queue, error: err.message }, 'worker error'));
  return worker;
}
