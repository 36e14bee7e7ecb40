// The two job workers: a poll worker runs one feed's poll per job, an ingest worker one item's ingestion.
import type { Worker } from 'bullmq';
import { ingestItem, recordIngestGivenUp } from './ingest-item.ts';
import { pollFeed, recordPollGivenUp } from './poll-feed.ts';
import type { Deps } from './deps.ts';
import { INGEST_QUEUE, POLL_QUEUE, type IngestJob, type PollJob } from '../queue/queues.ts';
import { startQueueWorker } from './queue-worker.ts';

/** Start a poll worker on the deps' queues. */
export function startPollWorker(deps: Deps): Worker<PollJob> {
  return startQueueWorker<PollJob>(deps, POLL_QUEUE, deps.config.pollConcurrency, { run: pollFeed, recordGivenUp: recordPollGivenUp });
}

/** Start an ingest worker on the deps' queues. */
export function startIngestWorker(deps: Deps): Worker<IngestJob> {
  return startQueueWorker<IngestJob>(deps, INGEST_QUEUE, deps.config.ingestConcurrency, { run: ingestItem, recordGivenUp: recordIngestGivenUp });
}
