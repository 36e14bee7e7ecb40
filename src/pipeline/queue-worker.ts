// Thin shell shared by the workers: take a job, run a pipeline step, let BullMQ retry what failed
// transiently (the step throws only when our own infrastructure fails), log failures with the job.
// A job given up for good (it crashed its worker process too often, or failed every attempt) is recorded by
// its step's `recordGivenUp` on its feed or item, so nothing fails silently and then loops.
import { DelayedError, Worker, type Job } from 'bullmq';
import { describeError, PostponedError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { failedByCrashes, workerLockOptions, type GivenUp } from '../queue/queues.ts';
import { connectRedis } from '../queue/redis-connection.ts';

/** A pipeline step run for each job, and what to record when the job is given up. */
export interface QueueStep<T> {
  run: (deps: Deps, data: T) => Promise<unknown>;
  recordGivenUp: (deps: Deps, data: T, reason: string, why: GivenUp) => Promise<void>;
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
    if (!job) return;
    if (failedByCrashes(job, err)) void recordGivenUp(deps, queue, step, job, 'crashed', err);
    else if (job.attemptsMade >= (job.opts.attempts ?? 1)) void recordGivenUp(deps, queue, step, job, 'attempts', err);
  });
  worker.on('error', (err) => deps.log.warn({ queue, error: describeError(err) }, 'worker error'));
  return worker;
}

async function recordGivenUp<T>(deps: Deps, queue: string, step: QueueStep<T>, job: Job<T>, why: GivenUp, err: Error): Promise<void> {
  const reason = why === 'crashed'
    ? `stopped its worker process ${deps.config.jobMaxCrashes} times (FEEDFOLD_JOB_MAX_CRASHES); not run again`
    : `failed all ${job.attemptsMade} attempts (FEEDFOLD_JOB_ATTEMPTS), the last with: ${describeError(err)}`;
  try {
    await step.recordGivenUp(deps, job.data, reason, why);
  } catch (recordErr) {
    deps.log.error({ queue, job_id: job.id, error: describeError(recordErr) }, 'could not record a job given up');
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
