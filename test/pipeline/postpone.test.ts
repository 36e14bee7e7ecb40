// A host over its budget postpones article fetches and feed polls alike: the same job returns to the
// delayed set without using an attempt, and runs once the budget allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { testConfig, testDeps, useTestStore, type TestDatabase } from '../helpers/services.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { insertItems } from '../../src/db/items.ts';
import { ingestItem } from '../../src/pipeline/ingest-item.ts';
import { startIngestWorker, startPollWorker } from '../../src/pipeline/workers.ts';
import { enqueueIngest, enqueuePolls, ingestJobId, pollJobId, type Queues } from '../../src/queue/queues.ts';
import { PostponedError } from '../../src/errors.ts';
import type { Deps } from '../../src/pipeline/deps.ts';

let web: FixtureWeb;
const config = testConfig({ FEEDFOLD_HOST_MAX_PER_MINUTE: '1', FEEDFOLD_HOST_MAX_CONCURRENT: '1' });
const store = useTestStore(config);
let database: TestDatabase;
let queues: Queues;
let deps: Deps;
const ids: number[] = [];
let feedId = 0;

beforeAll(async () => {
  web = await startFixtureWeb();
  ({ database, queues } = store);
  deps = testDeps(config, database, queues);
  const { feed } = await addFeed(database.db, { url: web.url('/wire/feed.xml') }, new Date(Date.now() - 60_000));
  feedId = feed.id;
  const pages = ['/wire/2026/11/24/wheat-exports.html', '/wire/2026/11/24/lavrov-ankara.html'];
  ids.push(
    ...(await insertItems(
      database.db,
      feed.id,
      pages.map((p, i) => ({ itemKey: `k${i}`, url: web.url(p), canonicalUrl: web.url(p), title: `T${i}`, summary: null, content: null, author: null, publishedAt: null })),
    )),
  );
});
afterAll(async () => {
  await web?.close();
});

describe('per-host budget for article pages', () => {
  it('the second page of a host within the minute is postponed, not fetched', async () => {
    expect((await ingestItem(deps, { itemId: ids[0]! })).outcome).toBe('folded');
    await expect(ingestItem(deps, { itemId: ids[1]! })).rejects.toBeInstanceOf(PostponedError);
    expect(web.hits('/wire/2026/11/24/lavrov-ankara.html')).toBe(0);
  });

  it('a worker moves a postponed job to the delayed set without counting an attempt', async () => {
    await enqueueIngest(queues, [ids[1]!]);
    const worker = startIngestWorker(deps);
    try {
      for (let i = 0; i < 40 && (await queues.ingest.getJob(ingestJobId(ids[1]!)))?.processedOn === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      const job = await queues.ingest.getJob(ingestJobId(ids[1]!));
      expect(await job?.getState()).toBe('delayed');
      expect(job?.attemptsMade).toBe(0);
      expect(job?.delay ?? 0).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
  });

  it('a poll of a host over budget is postponed the same way: same job id, delayed, no attempt, feed untouched', async () => {
    const before = await getFeed(database.db, feedId);
    const job = { feedId, dueAt: before!.nextPollAt.getTime() };
    await enqueuePolls(queues, [job]);
    const worker = startPollWorker(deps);
    try {
      for (let i = 0; i < 40 && (await queues.poll.getJob(pollJobId(job)))?.processedOn === undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      const queued = await queues.poll.getJob(pollJobId(job));
      expect(await queued?.getState()).toBe('delayed');
      expect(queued?.attemptsMade).toBe(0);
      expect(web.hits('/wire/feed.xml')).toBe(0);
      expect(await getFeed(database.db, feedId)).toMatchObject({ nextPollAt: before!.nextPollAt, lastPolledAt: null, errorCount: 0 });
      // The scheduler, finding the feed still due, sends the same job id: the postponed job stays the one job.
      await enqueuePolls(queues, [job]);
      expect(await queues.poll.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 1 });
    } finally {
      await worker.close();
    }
  });
});
