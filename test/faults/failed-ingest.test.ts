// Fault: the database is down longer than an ingest job's retries, so the job fails for good. The item is
// still waiting in the database; the stranded-item sweep must queue it again rather than find its id
// taken by the failed job (which BullMQ keeps for days) and silently do nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems } from '../../src/db/items.ts';
import { createQueues, enqueueIngest, ingestJobId, type Queues } from '../../src/queue/queues.ts';
import { connectRedis } from '../../src/queue/redis-connection.ts';
import { schedulePolls } from '../../src/pipeline/schedule-polls.ts';
import { createTestDatabase, testConfig, testDeps } from '../helpers/services.ts';
import { waitFor } from '../helpers/cli.ts';
import type { Config } from '../../src/config.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let config: Config;
let queues: Queues;

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig();
  queues = createQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, attempts: 1 });
});

afterAll(async () => {
  await Promise.allSettled([queues.poll.obliterate({ force: true }), queues.ingest.obliterate({ force: true })]);
  await queues.close();
  await database?.drop();
});

describe('an ingest job that failed for good', () => {
  it('is queued again for its still-waiting item by the stranded-item sweep', async () => {
    const clock = { now: new Date('2026-11-20T08:00:00Z') };
    const { feed } = await addFeed(database.db, { url: 'http://outage.example/feed.xml' }, clock.now);
    const [itemId] = await insertItems(database.db, feed.id, [
      { itemKey: 'k1', url: 'http://outage.example/1', canonicalUrl: null, title: 't', summary: null, content: null, author: null, publishedAt: null },
    ]);
    await enqueueIngest(queues, [itemId as number]);
    // A worker whose every run hits "the database is down".
    const connection = connectRedis(config.redisUrl);
    const worker = new Worker(
      'ingest',
      async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
      { connection, prefix: config.queuePrefix },
    );
    const id = ingestJobId(itemId as number);
    await waitFor(async () => (await queues.ingest.getJobState(id)) === 'failed', 10_000, 'the job to fail for good');
    await worker.close();
    connection.disconnect();
    // Long after, the scheduler's sweep finds the item still new.
    const deps = testDeps(config, database, queues, { now: new Date(Date.now() + 10 * 60_000) });
    const tick = await schedulePolls(deps);
    expect(tick.stranded).toBe(1);
    expect(await queues.ingest.getJobState(id)).toBe('waiting');
  });
});
