// Each promise of docs/database.md, checked against the code that keeps it: what feedfold_v1 lists, how
// merges redirect, that every story change is announced with NOTIFY feedfold_stories (folds, merges,
// refolds, feed removal), that a story left without members leaves the views, and that a refold waits for
// the story row so it never overwrites a concurrent fold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { joinStory } from '../../src/db/stories.ts';
import { refreshStory } from '../../src/pipeline/refresh-story.ts';
import { removeFeed } from '../../src/pipeline/remove-feed.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';
import { foldFixture, storeAndFold, storeItem } from '../helpers/fold.ts';
import { PgDialect } from 'drizzle-orm/pg-core';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let other: postgres.Sql;
const heard: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  other = postgres(testDatabaseUrl(database.name), { max: 2, onnotice: () => {} });
  await other.listen('feedfold_stories', (payload) => heard.push(payload));
});
afterAll(async () => {
  await other?.end();
  await database?.drop();
});

const COUNCIL = foldFixture('council-original-en.txt');
const HARBOUR = foldFixture('harbour-other-story-en.txt');
const SYRIA = foldFixture('syria-original-en.txt');
const SYRIA_OTHER = foldFixture('syria-other-story-en.txt');
const at = (h: number) => new Date(Date.UTC(2026, 0, 5, h));

/** Wait until each id was heard on LISTEN feedfold_stories since `from` (or fail after 3 s). */
async function expectHeard(from: number, ids: number[]): Promise<void> {
  for (let i = 0; i < 60 && !ids.every((id) => heard.slice(from).includes(String(id))); i++) await new Promise((r) => setTimeout(r, 50));
  expect(heard.slice(from)).toEqual(expect.arrayContaining(ids.map(String)));
}

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
const liveIds = async () => (await rows<{ story_id: string }>(sql`select story_id from feedfold_v1.stories`)).map((r) => Number(r.story_id));
const redirects = async () =>
  new Map((await rows<{ story_id: string; merged_into: string }>(sql`select story_id, merged_into from feedfold_v1.story_redirects`)).map((r) => [Number(r.story_id), Number(r.merged_into)]));
const storyRow = async (id: number) =>
  (await rows<{ item_count: number; canonical_item_id: string | null; updated_at: Date | string }>(
    sql`select item_count, canonical_item_id, updated_at from feedfold_v1.stories where story_id = ${id}`,
  ))[0];

describe('feedfold_v1 keeps the promises of docs/database.md', () => {
  it('a fold that starts, joins or merges stories announces every story it changed; merges redirect one hop to the older id', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://contract.example/feed.xml' }, at(0));
    let mark = heard.length;
    const a = await storeAndFold(database.db, feed.id, { key: 'a', text: COUNCIL, publishedAt: at(1) });
    expect(a.created).toBe(true);
    await expectHeard(mark, [a.storyId]);

    mark = heard.length;
    const b = await storeAndFold(database.db, feed.id, { key: 'b', text: HARBOUR, publishedAt: at(2) });
    expect(b.storyId).not.toBe(a.storyId);
    const before = await storyRow(a.storyId);
    const copy = await storeAndFold(database.db, feed.id, { key: 'a-copy', text: COUNCIL, publishedAt: at(3) });
    expect(copy).toMatchObject({ storyId: a.storyId, created: false });
    await expectHeard(mark, [b.storyId, a.storyId]);
    // An item joining moves updated_at (poll by it) and the count.
    expect(new Date((await storyRow(a.storyId))!.updated_at).getTime()).toBeGreaterThan(new Date(before!.updated_at).getTime());
    expect(Number((await storyRow(a.storyId))!.item_count)).toBe(2);

    // The harbour text again, naming the council page as its canonical URL: it belongs to both stories.
    mark = heard.length;
    const bridge = await storeAndFold(database.db, feed.id, { key: 'bridge', text: HARBOUR, canonicalUrl: 'http://fold.example/a', publishedAt: at(5) });
    expect(bridge.merged).toEqual([b.storyId]);
    expect(bridge.storyId).toBe(Math.min(a.storyId, b.storyId));
    await expectHeard(mark, [a.storyId, b.storyId]);
    expect(await liveIds()).not.toContain(b.storyId);
    expect((await redirects()).get(b.storyId)).toBe(a.storyId);
    // story_items only ever names live stories.
    const dangling = await rows<{ n: string }>(sql`select count(*) as n from feedfold_v1.story_items where story_id not in (select story_id from feedfold_v1.stories)`);
    expect(Number(dangling[0]?.n)).toBe(0);

    // A story that absorbed another is itself absorbed: the older redirect follows (one hop, never a chain).
    const c = await storeAndFold(database.db, feed.id, { key: 'c', text: SYRIA, publishedAt: at(0) });
    const bridge2 = await storeAndFold(database.db, feed.id, { key: 'bridge2', text: SYRIA, canonicalUrl: 'http://fold.example/a-copy', publishedAt: at(6) });
    expect(bridge2.storyId).toBe(Math.min(a.storyId, c.storyId));
    const r = await redirects();
    const survivor = bridge2.storyId;
    for (const gone of [a.storyId, b.storyId, c.storyId].filter((id) => id !== survivor)) expect(r.get(gone)).toBe(survivor);
  });

  it('a refold announces its story', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://contract.example/refold.xml' }, at(0));
    const s = await storeAndFold(database.db, feed.id, { key: 'refold', text: SYRIA_OTHER, url: 'http://refold.example/x' });
    const mark = heard.length;
    await refreshStory(database.db, s.storyId, new Date());
    await expectHeard(mark, [s.storyId]);
  });

  it('removing a feed: stories keeping members are announced with a canonical item; a story left empty leaves the views, announced, without a redirect', async () => {
    const one = (await addFeed(database.db, { url: 'http://contract.example/one.xml' }, at(0))).feed;
    const two = (await addFeed(database.db, { url: 'http://contract.example/two.xml' }, at(0))).feed;
    const text = foldFixture('council-other-story-en.txt');
    const shared = await storeAndFold(database.db, one.id, { key: 'shared-1', text, url: 'http://one.example/s', publishedAt: at(1) });
    const kept = await storeAndFold(database.db, two.id, { key: 'shared-2', text, url: 'http://two.example/s', publishedAt: at(2) });
    expect(kept.storyId).toBe(shared.storyId);
    const alone = await storeAndFold(database.db, one.id, { key: 'alone', text: 'Short notice with no story to tell at all.', title: 'A notice of its own kind', url: 'http://one.example/alone' });
    expect(alone.created).toBe(true);
    const mark = heard.length;
    expect(await removeFeed(database.db, one.id)).toBe(true);
    await expectHeard(mark, [shared.storyId, alone.storyId]);
    const row = await storyRow(shared.storyId);
    expect(Number(row?.item_count)).toBe(1);
    expect(Number(row?.canonical_item_id)).toBe(kept.itemId);
    expect(await liveIds()).not.toContain(alone.storyId);
    expect((await redirects()).has(alone.storyId)).toBe(false);
    // No listed story is empty or without its canonical item.
    const bad = await rows<{ n: string }>(sql`select count(*) as n from feedfold_v1.stories where item_count = 0 or canonical_item_id is null`);
    expect(Number(bad[0]?.n)).toBe(0);
    // Ids are never reused: the next story gets a new one.
    const next = await storeAndFold(database.db, two.id, { key: 'after', text: 'Another short notice, not a story.', title: 'Nothing else alike here', url: 'http://two.example/after' });
    expect(next.storyId).toBeGreaterThan(alone.storyId);
  });

  it('a refold waits for the story row: a member a concurrent transaction adds is in the summary it writes', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://contract.example/lock.xml' }, at(0));
    const text = 'Volunteers in the mountain village of Ostrava Dolna rebuilt the wooden footbridge over the river Bystra on Saturday, three weeks after spring floods carried the old one away. The mayor, Jana Kralova, said forty residents worked through the night and the timber came from a sawmill in the next valley.';
    const first = await storeAndFold(database.db, feed.id, { key: 'lock-1', text, url: 'http://lock.example/1' });
    const second = await storeItem(database.db, feed.id, { key: 'lock-2', text, url: 'http://lock.example/2' });
    const dialect = new PgDialect();
    const join = dialect.sqlToQuery(joinStory({ itemId: second.id, method: 'exact', score: 0 }, first.storyId, new Date()).query);
    let refreshed = false;
    await other.begin(async (tx) => {
      await tx`select id from stories where id = ${first.storyId} for update`;
      const refresh = refreshStory(database.db, first.storyId, new Date()).then(() => (refreshed = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(refreshed).toBe(false);
      await tx.unsafe(join.sql, join.params as never[]);
      void refresh;
    });
    for (let i = 0; i < 60 && !refreshed; i++) await new Promise((r) => setTimeout(r, 50));
    expect(refreshed).toBe(true);
    expect(Number((await storyRow(first.storyId))?.item_count)).toBe(2);
  });
});
