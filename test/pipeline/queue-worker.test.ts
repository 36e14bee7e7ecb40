// The workers' shell keeps failed jobs small: a database error whose message carries every parameter of its query
// (a whole feed) is stored in Redis, and logged, as one bounded line naming its cause. A job given up for good is
// recorded on its feed (which backs off) or, when only its attempts ran out, left to the stranded-item sweep (items).
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { startQueueWorker } from '../../src/pipeline/queue-worker.ts';
import { recordPollGivenUp } from '../../src/pipeline/poll-feed.ts';
import { recordIngestGivenUp } from '../../src/pipeline/ingest-item.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { getItems, insertItems } from '../../src/db/items.ts';
import { bareEntry } from '../helpers/entries.ts';
import { testConfig, testDeps, useTestStore } from '../helpers/services.ts';

const store = useTestStore();

describe('a job failing with a huge query error', () => {
  it('keeps a short reason and stack in Redis and in the log', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const deps = { ...testDeps(testConfig(), store.database, store.queues), log };
    const payload = 'x'.repeat(200_000);
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', parameters: [payload] });
    const worker = startQueueWorker<{ feedId: number; dueAt: number }>(deps, 'poll', 1, {
      run: async () => {
        throw new Error(`Failed query: insert into items … params: ${payload}`, { cause });
      },
      recordGivenUp: async () => {},
    });
    try {
      const job = await store.queues.poll.add('poll', { feedId: 1, dueAt: 0 }, { jobId: 'huge-error', attempts: 1 });
      for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 100));
      const failed = await store.queues.poll.getJob('huge-error');
      expect(failed?.failedReason).toMatch(/^query failed \(\d+ characters of query and parameters left out\) <- invalid byte sequence/);
      expect(failed?.failedReason.length).toBeLessThan(1_000);
      expect(failed?.stacktrace?.join('').length).toBeLessThan(10_000);
      const logged = lines.filter((l) => l.includes('job failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]!.length).toBeLessThan(2_000);
    } finally {
      await worker.close();
    }
  });
});

describe('a poll that fails every attempt with an error that is neither the feed\'s nor a fetch\'s', () => {
  it('records the last error on its feed and backs it off, once, after the last attempt', async () => {
    const deps = testDeps(testConfig(), store.database, store.queues);
    const { feed } = await addFeed(store.database.db, { url: 'http://given-up.example/feed.xml' }, new Date());
    let runs = 0;
    const recorded: string[] = [];
    const worker = startQueueWorker<{ feedId: number; dueAt: number }>(deps, 'poll', 1, {
      run: async () => {
        runs++;
        throw new TypeError('unexpected shape in the step');
      },
      recordGivenUp: async (d, data, reason) => {
        recorded.push(reason);
        await recordPollGivenUp(d, data, reason);
      },
    });
    try {
      const job = await store.queues.poll.add('poll', { feedId: feed.id, dueAt: 0 }, { jobId: 'given-up', attempts: 3, backoff: { type: 'fixed', delay: 20 } });
      for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 50 && recorded.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(runs).toBe(3);
      expect(recorded).toHaveLength(1);
      const after = await getFeed(store.database.db, feed.id);
      expect(after?.lastError).toMatch(/^poll failed all 3 attempts \(FEEDFOLD_JOB_ATTEMPTS\), the last with: .*unexpected shape in the step/);
      expect(after!.nextPollAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await worker.close();
    }
  });
});

describe('an ingestion given up', () => {
  it.each([
    ['after crashing its worker, is failed with the reason', 'crashed', 'failed'],
    ['after its attempts ran out (the database or queue was down), stays new for the stranded-item sweep', 'attempts', 'new'],
  ] as const)('%s', async (_name, why, status) => {
    const deps = testDeps(testConfig(), store.database, store.queues);
    const { feed } = await addFeed(store.database.db, { url: `http://ingest-${why}.example/feed.xml` }, new Date());
    const [itemId] = await insertItems(store.database.db, feed.id, [bareEntry(`ingest-${why}.example`, 'k1')]);
    await recordIngestGivenUp(deps, { itemId: itemId as number }, 'the reason', why);
    const [item] = await getItems(store.database.db, [itemId as number]);
    expect(item?.status).toBe(status);
  });
});
