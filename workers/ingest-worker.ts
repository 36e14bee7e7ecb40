// Thin shell: take an ingest job, run the pipeline step, let BullMQ retry what failed transiently.
import { Worker } from 'bullmq';
import { ingestItem } from '../src/pipeline/ingest-item.ts';
import type { Deps } from '../src/pipeline/deps.ts';
import { INGEST_QUEUE, connectRedis, type IngestJob } from '../src/queue/queues.ts';
import { attachWorkerLogging } from './worker-events.ts';

/** Start an ingest worker on the deps' queues. */
export function startIngestWorker(deps: Deps, redisUrl: string): Worker<IngestJob> {
  const connection = connectRedis(redisUrl);
  const worker = new Worker<IngestJob>(INGEST_QUEUE, (job) => ingestItem(deps, job.data), {
    connection,
    prefix: deps.queues.prefix,
    concurrency: deps.config.ingestConcurrency,
  });
  worker.on('closed', () => connection.disconnect());
  return attachWorkerLogging(worker, deps.log, 'ingest');
}
