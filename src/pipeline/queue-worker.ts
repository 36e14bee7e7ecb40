// Thin shell shared by the workers: take a job, run a pipeline step, let BullMQ retry what failed
// transiently (the step throws only when our own infrastructure fails), log failures with the job.
// A job that crashed its worker process too often is failed by BullMQ; `recordCrash` tells its feed or item why.
import { DelayedError, Worker, type Job } from 'bullmq';
import { describeError, PostponedError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { failedByCrashes, workerLockOptions } from '../queue/queues.ts';
import { connectRedis } from '../queue/redis-connection.ts';

/** A pipeline step run for each job, and what to record when a job crashed its worker process too often. */
export interface QueueStep<T> {
  run: (deps: Deps, data: T) => Promise<unknown>;
  recordCrash: (deps: Deps, data: T, reason: string) => Promise<void>;
}

/** Start a worker on `queue` that runs `step` for each job, `concurrency` at a time. */
export function startQueueWorker<T>(deps: Deps, queue: string, concurrency: number, step: QueueStep<T>): Worker<T> {
  const connection = connectRedis(deps.queues.redis);
  const worker = new Worker<T>(queue, async (job, token) => {
    try {
      return await step.run(deps, job.data);
    } catch (err) {
      // A postponement is no failure: the same job goes back to the delayed set without using an attempt
      // (BullMQ's documented way: moveToDelayed with the worker's lock token, then DelayedError).
      if (err instanceof PostponedError && token) {
        await job.moveToDelayed(Date.now() + err.retryAfterMs, token);
        deps.log.debug({ queue, job_id: job.id, delay_ms: err.retryAfterMs, reason: err.message }, 'job postponed');
        throw new DelayedError();
      }
      throw withShortMessage(err);
    }
  }, {
    connection,
    prefix: deps.queues.prefix,
    concurrency,
    ...workerLockOptions(deps.config.jobLockSeconds, deps.config.jobMaxCrashes),
  });
  worker.on('closed', () => connection.disconnect());
  worker.on('failed', (job, err) => {
    deps.log.error({ queue, job_id: job?.id, data: job?.data, attempts: job?.attemptsMade, error: describeError(err) }, 'job failed');
    if (job && failedByCrashes(job, err)) void recordCrash(deps, queue, step, job);
  });
  worker.on('error', (err) => deps.log.warn({ queue, error: describeError(err) }, 'worker error'));
  return worker;
}

async function recordCrash<T>(deps: Deps, queue: string, step: QueueStep<T>, job: Job<T>): Promise<void> {
  const reason = `stopped its worker process ${deps.config.jobMaxCrashes} times (FEEDFOLD_JOB_MAX_CRASHES); not run again`;
  try {
    await step.recordCrash(deps, job.data, reason);
  } catch (err) {
    deps.log.error({ queue, job_id: job.id, error: describeError(err) }, 'could not record a crashed job');
  }
}

/**
 * BullMQ keeps a failed job's message and stack in Redis and shows them on the board: an error whose message
 * carries a query's parameters (a whole feed) is replaced by its one-line description, keeping it as the cause.
 */
function withShortMessage(err: unknown): unknown {
  if (!(err instanceof Error) || !err.message.startsWith('Failed query:')) return err;
  return new Error(describeError(err), { cause: err });
}
