// Fault: a poll and an ingestion that each stop their worker process (here: the process is killed with SIGKILL
// whenever it asks for the poison feed or page, as an out-of-memory crash would end it). After the second crash
// each job fails for good without running a third time, the feed and the item record why, the feed backs off
// instead of being queued again at once, and the item folds on its feed's text without its page.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { getItems, insertItems } from '../../src/db/items.ts';
import { enqueueIngest, enqueuePoll, ingestJobId, pollJobId, type Queues } from '../../src/queue/queues.ts';
import { startCli } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import { dropQueues, faultEnv, isRunning, killHard, queuesOf, waitWithOutput, type Proc } from './harness.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: http.Server;
let base: string;
let queues: Queues;
let env: Record<string, string>;
const procs: Proc[] = [];
/** Requests per path; a poison request kills the worker that sent it once both poison jobs of its run asked. */
const hits = new Map<string, number>();
const POISON = ['/poison.xml', '/poison-page.html'];

beforeAll(async () => {
  database = await createTestDatabase();
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (!POISON.includes(path)) {
      res.writeHead(404).end();
      return;
    }
    // Both jobs are held until both are running in this process, so both die in each crash (as in one process).
    const run = Math.min(...POISON.map((p) => hits.get(p) ?? 0));
    if (run >= procs.length) void Promise.all(procs.map(killHard));
    req.on('close', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env = faultEnv(testDatabaseUrl(database.name), TEST_REDIS_URL, { FEEDFOLD_JOB_LOCK_SECONDS: '1' });
  queues = queuesOf(env);
});

afterAll(async () => {
  await Promise.all(procs.map(killHard));
  await dropQueues(queues);
  await database?.drop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** The stories the item is a member of. */
async function storiesOf(itemId: number): Promise<number[]> {
  const rows = await queryRows<{ story_id: string }>(database.db, sql`select story_id from story_items where item_id = ${itemId}`);
  return rows.map((r) => Number(r.story_id));
}

describe('a job that crashes its worker process', () => {
  it('is failed after the second crash, never run a third time, its feed and item say why, and the item folds on its feed text', async () => {
    const { feed } = await addFeed(database.db, { url: `${base}/poison.xml` }, new Date());
    const { feed: other } = await addFeed(database.db, { url: `${base}/other.xml` }, new Date());
    const [itemId] = await insertItems(database.db, other.id, [
      { itemKey: 'p', url: `${base}/poison-page.html`, canonicalUrl: `${base}/poison-page.html`, title: 'Poison', summary: 'Feed text.', content: null, author: null, publishedAt: null },
    ]);
    const poll = { feedId: feed.id, dueAt: feed.nextPollAt.getTime() };
    await enqueuePoll(queues, poll);
    await enqueueIngest(queues, [itemId!]);

    for (const run of [1, 2]) {
      const worker = startCli(['worker'], env);
      procs.push(worker);
      await waitWithOutput(procs, async () => !isRunning(worker), 60_000, `worker ${run} to be killed by the poison requests`);
      expect(POISON.map((p) => hits.get(p))).toEqual([run, run]);
    }
    const survivor = startCli(['worker'], env);
    procs.push(survivor);
    const crashed = await waitWithOutput(
      procs,
      async () => {
        const [f, [item], stories] = await Promise.all([getFeed(database.db, feed.id), getItems(database.db, [itemId!]), storiesOf(itemId!)]);
        return f?.lastError && item?.status !== 'new' && stories.length ? { feed: f, item, stories } : null;
      },
      60_000,
      'the feed and the item to record the crashes',
    );

    expect(crashed.feed.lastError).toMatch(/^poll stopped its worker process 2 times/);
    expect(crashed.feed.errorCount).toBe(1);
    expect(crashed.feed.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 60_000); // backs off like any failure
    expect(crashed.item?.status).toBe('failed');
    expect(crashed.item?.ingestError).toMatch(/^ingestion stopped its worker process 2 times/);
    // Folded on the text its feed gave, its page not read again: its story shows in the merged feed.
    expect(crashed.item?.text).toBe('Feed text.');
    expect(crashed.stories).toHaveLength(1);
    expect(await (await queues.poll.getJob(pollJobId(poll)))?.getState()).toBe('failed');
    expect(await (await queues.ingest.getJob(ingestJobId(itemId!)))?.getState()).toBe('failed');
    // Neither ran a third time, and the worker that failed them still runs.
    expect(POISON.map((p) => hits.get(p))).toEqual([2, 2]);
    expect(isRunning(survivor)).toBe(true);
  }, 180_000);
});
