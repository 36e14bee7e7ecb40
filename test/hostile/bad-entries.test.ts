// One entry the database refuses (a NUL, a 20,000-character guid or link) used to fail the insert of
// all its feed's entries, and the poll retried it as our own failure, forever. Now the entry is cut to the limits
// or refused alone, and its feed's other entries are stored.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { storePolledItems } from '../../src/db/items.ts';
import { queryRows } from '../../src/db/client.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import { createInProcessReader, readLimitsFrom } from '../../src/sandbox/reader.ts';
import { bareEntry } from '../helpers/entries.ts';
import { testConfig, testDeps, useTestStore } from '../helpers/services.ts';

const store = useTestStore();
let server: Server;
let base: string;

// Random, so that PostgreSQL's compression cannot bring it under the index's row limit.
const longGuid = randomBytes(10_000).toString('hex');
const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Hostile entries',
  items: [
    { id: 'good-1', url: 'https://hostile.example/1', title: 'A good entry', content_text: 'Fine.' },
    { id: 'nul', url: 'https://hostile.example/nul', title: 'NUL \u0000 inside', content_text: 'a\u0000b' },
    { id: longGuid, url: `https://hostile.example/${'l'.repeat(20_000)}`, title: 'Long guid and link', content_text: 'x' },
    { id: 'surrogate', url: 'https://hostile.example/s', title: 'Lone \ud800 surrogate', content_text: 'y' },
    { id: 'good-2', url: 'https://hostile.example/2', title: 'Another good entry', content_text: 'Fine too.' },
  ],
});

beforeAll(async () => {
  const titled = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Title \u0000 with NUL', items: [{ id: 't1', title: 'Entry', content_text: 'x' }] });
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(req.url === '/titled.json' ? titled : jsonFeed));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('entries the database would refuse', () => {
  it('are stored within the limits beside their feed\'s good entries, and the poll succeeds', async () => {
    const deps = testDeps(testConfig(), store.database, store.queues);
    const feed = (await addFeed(store.database.db, { url: `${base}/feed.json` }, new Date())).feed;
    const summary = await pollFeed(deps, { feedId: feed.id, dueAt: Date.now() });
    expect(summary).toMatchObject({ outcome: 'ok', newItems: 5 });
    const rows = await queryRows<{ item_key: string; url: string | null; title: string }>(store.database.db, sql`select item_key, url, title from items where feed_id = ${feed.id} order by id`);
    expect(rows.map((r) => r.title)).toEqual(['A good entry', 'NUL  inside', 'Long guid and link', 'Lone \ufffd surrogate', 'Another good entry']);
    expect(rows[2]?.item_key).toMatch(/^g:[0-9a-f]{64}$/);
    expect(rows[2]?.url).toBeNull();
    expect((await getFeed(store.database.db, feed.id))?.state).toBe('active');
  });

  it('are refused alone and counted when they reach the database as they are', async () => {
    const feed = (await addFeed(store.database.db, { url: `${base}/raw.json` }, new Date())).feed;
    const entries = [bareEntry('raw.example', 'ok-1'), { ...bareEntry('raw.example', 'nul'), title: 'a\u0000b' }, { ...bareEntry('raw.example', 'nul-author'), author: 'x\u0000y' }, bareEntry('raw.example', 'ok-2')];
    const stored = await storePolledItems(store.database.db, feed.id, entries);
    expect(stored.refused).toBe(2);
    expect(stored.newIds).toHaveLength(2);
  });

  it("a feed's own title with a NUL is cleaned, and the poll stores its entries", async () => {
    const deps = testDeps(testConfig(), store.database, store.queues);
    const feed = (await addFeed(store.database.db, { url: `${base}/titled.json` }, new Date())).feed;
    const inProcessReader = createInProcessReader(readLimitsFrom(deps.config));
    const reader = { ...inProcessReader, readFeed: async (...args: Parameters<typeof inProcessReader.readFeed>) => {
      const doc = await inProcessReader.readFeed(...args);
      return { ...doc, feed: { ...doc.feed, title: 'Title \u0000 with NUL' } };
    } };
    // Through the real reader the title is cleaned; handed over raw, the database refuses it: a feed error, not ours.
    const cleaned = await pollFeed(deps, { feedId: feed.id, dueAt: Date.now() });
    expect(cleaned).toMatchObject({ outcome: 'ok', newItems: 1 });
    expect((await getFeed(store.database.db, feed.id))?.title).toBe('Title  with NUL');
    const raw = await pollFeed({ ...deps, reader }, { feedId: feed.id, dueAt: Date.now() });
    expect(raw.outcome).toBe('error');
    const after = await getFeed(store.database.db, feed.id);
    expect(after?.lastError).toMatch(/^the database refused a value of this feed/);
    expect(after?.lastError?.length).toBeLessThanOrEqual(1000);
    expect(after?.nextPollAt.getTime()).toBeGreaterThan(Date.now());
  });
});

