// Worker events to logs, with the job's id and payload as context.
import type { Worker } from 'bullmq';
import type { Logger } from '../src/log.ts';

/** Log failures and connection errors of a worker; never let an 'error' event crash the process. */
export function attachWorkerLogging<T extends Worker>(worker: T, log: Logger, queue: string): T {
  worker.on('failed', (job, err) => {
    log.error({ queue, job_id: job?.id, data: job?.data, attempts: job?.attemptsMade, error: err.message }, 'job failed');
  });
  worker.on('error', (err) => log.warn({ queue, error: err.message }, 'worker error'));
  return worker;
}
