// Thin shell: take a poll job, run the pipeline step, let BullMQ retry what failed transiently.
import { Worker } from 'bullmq';
import { pollFeed } from '../src/pipeline/poll-feed.ts';
import type { Deps } from '../src/pipeline/deps.ts';
import { POLL_QUEUE, connectRedis, type PollJob } from '../src/queue/queues.ts';
import { attachWorkerLogging } from './worker-events.ts';

/** Start a poll worker on the deps' queues. */
export function startPollWorker(deps: Deps, redisUrl: string): Worker<PollJob> {
  const connection = connectRedis(redisUrl);
  const worker = new Worker<PollJob>(POLL_QUEUE, (job) => pollFeed(deps, job.data), {
    connection,
    prefix: deps.queues.prefix,
    concurrency: deps.config.pollConcurrency,
  });
  worker.on('closed', () => connection.disconnect());
  return attachWorkerLogging(worker, deps.log, 'poll');
}
