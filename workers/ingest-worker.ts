// The ingest worker: one item per job.
import type { Worker } from 'bullmq';
import { ingestItem, recordIngestCrash } from '../src/pipeline/ingest-item.ts';
import type { Deps } from '../src/pipeline/deps.ts';
import { INGEST_QUEUE, type IngestJob } from '../src/queue/queues.ts';
import { startQueueWorker } from './queue-worker.ts';

/** Start an ingest worker on the deps' queues. */
export function startIngestWorker(deps: Deps): Worker<IngestJob> {
  return startQueueWorker<IngestJob>(deps, INGEST_QUEUE, deps.config.ingestConcurrency, { run: ingestItem, recordCrash: recordIngestCrash });
}
