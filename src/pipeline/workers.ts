// The two job workers: a poll worker runs one feed's poll per job, an ingest worker one item's ingestion.
import type { Worker } from 'bullmq';
import { ingestItem, recordIngestGivenUp } from './ingest-item.ts';
import { pollFeed, recordPollGivenUp } from './poll-feed.ts';
import type { Deps } from './deps.ts';
import { INGEST_QUEUE, POLL_QUEUE, type IngestJob, type PollJob } from '../queue/queues.ts';
import { startQueueWorker } from './queue-worker.ts';
import { signatureCacheFor, takeLookupCounts } from '../db/signature-cache.ts';

/** Start a poll worker on the deps' queues. */
export function startPollWorker(deps: Deps): Worker<PollJob> {
  return startQueueWorker<PollJob>(deps, POLL_QUEUE, deps.config.pollConcurrency, { run: pollFeed, recordGivenUp: recordPollGivenUp });
}

/** Start an ingest worker on the deps' queues. */
export function startIngestWorker(deps: Deps): Worker<IngestJob> {
  return startQueueWorker<IngestJob>(deps, INGEST_QUEUE, deps.config.ingestConcurrency, { run: ingestItem, recordGivenUp: recordIngestGivenUp });
}

/** How often a worker process logs its signature cache's hit rate. */
export const CACHE_REPORT_MS = 10 * 60_000;

/**
 * Log, every `everyMs`, how many of this process's candidate look-ups its signature cache answered: the figure an
 * operator sizes FEEDFOLD_SIGNATURE_CACHE_ITEMS by (a low hit rate costs database reads, a high one with memory to
 * spare allows a smaller cache). Nothing is logged for a period without folds. Returns the stop.
 */
export function startCacheReport(deps: Pick<Deps, 'db' | 'log'>, everyMs: number = CACHE_REPORT_MS): () => void {
  const report = () => {
    const cache = signatureCacheFor(deps.db);
    const { hits, misses } = takeLookupCounts(cache);
    if (hits + misses === 0) return;
    deps.log.info({ hits, misses, hit_rate: Number((hits / (hits + misses)).toFixed(3)), cached: cache.size, capacity: cache.max }, 'signature cache');
  };
  const timer = setInterval(report, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    report();
  };
}
