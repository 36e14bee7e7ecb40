// The poll worker: one feed per job.
import type { Worker } from 'bullmq';
import { pollFeed, recordPollCrash } from '../src/pipeline/poll-feed.ts';
import type { Deps } from '../src/pipeline/deps.ts';
import { POLL_QUEUE, type PollJob } from '../src/queue/queues.ts';
import { startQueueWorker } from './queue-worker.ts';

/** Start a poll worker on the deps' queues. */
export function startPollWorker(deps: Deps): Worker<PollJob> {
  return startQueueWorker<PollJob>(deps, POLL_QUEUE, deps.config.pollConcurrency, { run: pollFeed, recordCrash: recordPollCrash });
}
