// The whole pipeline over real HTTP, PostgreSQL and Redis, on the fixture web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { testConfig, testDeps, useTestStore, type TestDatabase } from '../helpers/services.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { queryRows } from '../../src/db/client.ts';
import { items } from '../../src/db/schema.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import { ingestItem } from '../../src/pipeline/ingest-item.ts';
import type { Deps } from '../../src/pipeline/deps.ts';
import type { Queues } from '../../src/queue/queues.ts';

let web: FixtureWeb;
const config = testConfig();
const store = useTestStore(config);
let database: TestDatabase;
let queues: Queues;
let deps: Deps;
const feedIds: Record<string, number> = {};

async function ingestQueued(): Promise<number> {
  const jobs = await queues.ingest.getJobs(['waiting', 'delayed', 'prioritized']);
  for (const job of jobs) {
    await ingestItem(deps, job.data);
    await job.remove();
  }
  return jobs.length;
}

async function storyOf(path: string): Promise<number> {
  const rows = await queryRows<{ story_id: string }>(database.db, sql`select story_id from feedfold_v1.story_items where url like ${`%${path}`}`);
  expect(rows, `no story for ${path}`).toHaveLength(1);
  return Number(rows[0]?.story_id);
}

beforeAll(async () => {
  web = await startFixtureWeb();
  ({ database, queues } = store);
  deps = testDeps(config, database, queues);
  for (const [name, p] of [['wire', '/wire/feed.xml'], ['digest', '/digest/atom.xml'], ['fr', '/digest-fr/feed.json']] as const) {
    feedIds[name] = (await addFeed(database.db, { url: web.url(p) }, new Date())).feed.id;
  }
});

afterAll(async () => {
  await web?.close();
});

describe('poll → ingest → fold', () => {
  it('polls each format, stores its entries and queues one ingest job per new item', async () => {
    const results = [];
    for (const id of Object.values(feedIds)) results.push(await pollFeed(deps, { feedId: id, dueAt: 1 }));
    expect(results.map((r) => [r.outcome, r.newItems])).toEqual([['ok', 3], ['ok', 3], ['ok', 1]]);
    const counts = await queues.ingest.getJobCounts('waiting');
    expect(counts.waiting).toBe(7);
    const wire = await database.db.select().from(items).where(eq(items.feedId, feedIds.wire as number));
    // Tracking parameters are gone from the stored canonical URL.
    expect(wire.find((i) => i.itemKey === 'wire-8841')?.canonicalUrl).toBe(web.url('/wire/2026/11/24/putin-pezeshkian-syria.html'));
    // The feed's own body is kept until ingestion has the article's text.
    expect(wire.every((i) => i.summary !== null || i.content !== null)).toBe(true);
    const feed = await getFeed(database.db, feedIds.wire as number);
    expect(feed?.title).toBe('Kremlin Wire');
    expect(feed?.etag).toMatch(/^"/);
  });

  it('folds copies into one story and keeps distinct stories apart', async () => {
    expect(await ingestQueued()).toBe(7);
    const syria = await storyOf('/wire/2026/11/24/putin-pezeshkian-syria.html');
    expect(await storyOf('/digest/p/1001.html')).toBe(syria);
    // The French translation shares no words with the English original, only names, numbers and dates.
    expect(await storyOf('/digest-fr/article/77.html')).toBe(syria);
    const wheat = await storyOf('/wire/2026/11/24/wheat-exports.html');
    expect(await storyOf('/digest/p/1002.html')).toBe(wheat);
    const lavrov = await storyOf('/wire/2026/11/24/lavrov-ankara.html');
    const strike = await storyOf('/digest/p/1003.html');
    expect(new Set([syria, wheat, lavrov, strike]).size).toBe(4);
  });

  it('keeps the text of an ingested item and drops the feed content and summary the text replaced', async () => {
    const rows = await database.db.select().from(items);
    expect(rows.length).toBe(7);
    for (const r of rows) {
      expect(r.status).not.toBe('new');
      expect(r.text).toBeTruthy();
      expect([r.content, r.summary]).toEqual([null, null]);
    }
  });

  it('names the original as the canonical item of its story', async () => {
    const rows = await queryRows<{ url: string }>(
      database.db,
      sql`select url from feedfold_v1.story_items where is_canonical and story_id = ${await storyOf('/digest/p/1001.html')}`,
    );
    expect(rows.map((r) => r.url)).toEqual([web.url('/wire/2026/11/24/putin-pezeshkian-syria.html')]);
    const languages = await queryRows<{ language: string }>(
      database.db,
      sql`select distinct language from feedfold_v1.story_items where story_id = ${await storyOf('/digest/p/1001.html')} order by language`,
    );
    expect(languages.map((r) => r.language)).toEqual(['en', 'fr']);
    const story = await queryRows<{ item_count: number; canonical_url: string }>(
      database.db,
      sql`select item_count, canonical_url from feedfold_v1.stories where story_id = ${await storyOf('/digest/p/1001.html')}`,
    );
    expect(story[0]?.canonical_url).toBe(web.url('/wire/2026/11/24/putin-pezeshkian-syria.html'));
    expect(Number(story[0]?.item_count)).toBeGreaterThanOrEqual(2);
  });

  it('re-polls with a conditional GET and stores nothing twice', async () => {
    const before = web.hits('/wire/feed.xml');
    const r = await pollFeed(deps, { feedId: feedIds.wire as number, dueAt: 2 });
    expect(r.outcome).toBe('not_modified');
    expect(web.hits('/wire/feed.xml')).toBe(before + 1);
    expect((await queues.ingest.getJobCounts('waiting')).waiting).toBe(0);
  });

  it('ingesting the same item twice changes nothing', async () => {
    const [row] = await queryRows<{ item_id: string; story_id: string }>(database.db, sql`select item_id, story_id from story_items limit 1`);
    const before = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from story_items`);
    const again = await ingestItem(deps, { itemId: Number(row?.item_id) });
    expect(again.fold?.alreadyFolded).toBe(true);
    expect(again.fold?.storyId).toBe(Number(row?.story_id));
    const after = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from story_items`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe('bad input at each boundary', () => {
  it('a truncated feed keeps what is there, and the feed records that it was recovered', async () => {
    const { feed } = await addFeed(database.db, { url: web.url('/truncated/feed.xml') }, new Date());
    web.override('/truncated/feed.xml', '<rss version="2.0"><channel><title>Truncated</title><item><title>Kept</title><guid>t-1</guid></item><item><title>x</ti');
    const r = await pollFeed(deps, { feedId: feed.id, dueAt: 1 });
    expect(r).toMatchObject({ outcome: 'ok', newItems: 2 });
    const after = await getFeed(database.db, feed.id);
    expect(after).toMatchObject({ state: 'active', errorCount: 0, lastError: null, title: 'Truncated' });
    expect(after?.lastParseNote).toMatch(/invalid XML/);
    await database.db.execute(sql`delete from items where feed_id = ${feed.id}`);
  });

  it('a document that is no feed records a clear error on that feed and keeps its stored items', async () => {
    const { feed } = await addFeed(database.db, { url: web.url('/broken/feed.xml') }, new Date());
    web.override('/broken/feed.xml', 'Service temporarily unavailable <br> try later');
    const r = await pollFeed(deps, { feedId: feed.id, dueAt: 1 });
    expect(r.outcome).toBe('error');
    const after = await getFeed(database.db, feed.id);
    expect(after?.state).toBe('failing');
    expect(after?.errorCount).toBe(1);
    expect(after?.lastError).toMatch(/ParseError|parse|XML|feed/i);
    expect(after!.nextPollAt.getTime()).toBeGreaterThan(Date.now());
    const stored = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from items`);
    expect(Number(stored[0]?.n)).toBe(7);
  });

  it('a feed that does not answer in time is recorded as a timeout', async () => {
    const { startHostileServer } = await import('../helpers/hostile-server.ts');
    const hostile = await startHostileServer();
    try {
      const { feed } = await addFeed(database.db, { url: hostile.url('/no-headers') }, new Date());
      const slowDeps = { ...deps, config: { ...deps.config, fetchTimeoutMs: 500 } };
      const r = await pollFeed(slowDeps, { feedId: feed.id, dueAt: 1 });
      expect(r.outcome).toBe('error');
      expect((await getFeed(database.db, feed.id))?.lastError).toMatch(/timeout/);
    } finally {
      await hostile.close();
    }
  });

  it('an article page that is not HTML still folds the item, on its feed text, and says why', async () => {
    web.override('/extra/feed.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Extra</title>
      <item><title>Port strike halts Antwerp traffic</title><link>${web.url('/extra/binary.bin')}</link><guid>x-1</guid>
      <description>Container traffic at the port of Antwerp came to a standstill on Monday as dock workers walked out over a proposed pension reform, the port authority said.</description></item>
      </channel></rss>`);
    web.override('/extra/binary.bin', '\u0000\u0001\u0002binary');
    const { feed } = await addFeed(database.db, { url: web.url('/extra/feed.xml') }, new Date());
    await pollFeed(deps, { feedId: feed.id, dueAt: 1 });
    const [job] = await queues.ingest.getJobs(['waiting']);
    expect(job).toBeDefined();
    const r = await ingestItem(deps, job!.data);
    await job!.remove();
    expect(r.outcome).toBe('folded');
    expect(r.pageError).toMatch(/not an HTML page/);
    const [row] = await database.db.select().from(items).where(eq(items.id, job!.data.itemId));
    expect(row?.status).toBe('failed');
    expect(row?.text).toMatch(/Antwerp/);
  });

  it('an item deleted before its job runs is skipped, not an error', async () => {
    expect((await ingestItem(deps, { itemId: 987654 })).outcome).toBe('skipped');
  });
});
