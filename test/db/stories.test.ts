// A joining fold summarises its story from the members it read under the story locks (one round trip fewer than
// reading them back after the join): what it writes must be what a refresh from the stored members writes, for
// joins, merges and copies that change the canonical item, title, languages and first publication.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction, queryRows } from '../../src/db/client.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { readJoiningMembers } from '../../src/db/stories.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { refreshStory } from '../../src/pipeline/refresh-story.ts';
import { createTestDatabase } from '../helpers/services.ts';
import { foldFixture, storeAndFold, storeItem, type TestItem } from '../helpers/fold.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const COUNCIL = foldFixture('council-original-en.txt');
const HARBOUR = foldFixture('harbour-other-story-en.txt');
const SYRIA = foldFixture('syria-original-en.txt');
const SYRIA_RU = foldFixture('syria-copy-ru.txt');
const FERRY = foldFixture('ferry-original-en.txt');
const at = (h: number) => new Date(Date.UTC(2026, 0, 5, h));

/** A story row's summary columns (updated_at left out: a refresh moves it). */
async function summaryOf(storyId: number) {
  const [row] = await queryRows<Record<string, unknown>>(
    database.db,
    sql`select canonical_item_id, canonical_reason, title, item_count, languages, first_published_at, merged_into from stories where id = ${storyId}`,
  );
  return row;
}

describe('a joining fold writes the summary its stored members give', () => {
  // Each step folds one item; after it, the story it landed in must read the same before and after a refresh.
  const steps: [string, TestItem][] = [
    ['an original', { key: 'council', text: COUNCIL, title: 'Council votes', publishedAt: at(5) }],
    ['a copy published later', { key: 'council-copy', text: COUNCIL, title: 'Council votes (copy)', publishedAt: at(7) }],
    ['a copy published earlier: canonical, title and first publication move', { key: 'council-early', text: COUNCIL, title: 'Council votes, first', publishedAt: at(2) }],
    ['a copy without a date', { key: 'council-undated', text: COUNCIL, title: 'Undated', publishedAt: null }],
    ['another story', { key: 'harbour', text: HARBOUR, title: 'Harbour', publishedAt: at(1) }],
    ['a bridge naming the council page: the two stories merge', { key: 'bridge', text: HARBOUR, title: 'Bridge', canonicalUrl: 'http://fold.example/council', publishedAt: at(9) }],
    ['a third story', { key: 'syria', text: SYRIA, title: 'Syria', language: 'en', publishedAt: at(3) }],
    ['its translation: a second language', { key: 'syria-ru', text: SYRIA_RU, title: 'Сирия', language: 'ru', publishedAt: at(4) }],
  ];

  it.each(steps.map((s, i) => [s[0], i] as const))('%s', async (_name, i) => {
    const feedId = await feedOnce();
    const [, item] = steps[i]!;
    const fold = await storeAndFold(database.db, feedId, item, at(10 + i));
    const written = await summaryOf(fold.storyId);
    expect(written?.merged_into).toBeNull();
    expect(Number(written?.item_count)).toBeGreaterThanOrEqual(1);
    await refreshStory(database.db, fold.storyId, at(30));
    expect(await summaryOf(fold.storyId)).toEqual(written);
    if (i === 2) expect(Number(written?.canonical_item_id)).toBe(fold.itemId);
    if (i === 5) expect(fold.merged).toHaveLength(1);
    if (i === 7) expect(written?.languages).toEqual(['en', 'ru']);
  });
});

let feed: number | undefined;
async function feedOnce(): Promise<number> {
  feed ??= (await addFeed(database.db, { url: 'http://stories.example/feed.xml' }, at(0))).feed.id;
  return feed;
}

describe('readJoiningMembers', () => {
  it("reads the named stories' members and the joining item in item id order, signatures the caller holds not sent again", async () => {
    const { feed: f } = await addFeed(database.db, { url: 'http://stories.example/members.xml' }, at(0));
    const a = await storeAndFold(database.db, f.id, { key: 'm-a', text: FERRY, title: 'A', publishedAt: at(1) });
    const b = await storeAndFold(database.db, f.id, { key: 'm-b', text: FERRY, title: 'B', publishedAt: at(2) });
    const other = await storeAndFold(database.db, f.id, { key: 'm-other', text: COUNCIL, title: 'Other' });
    expect(b.storyId).toBe(a.storyId);
    const joining = await storeItem(database.db, f.id, { key: 'm-new', text: FERRY, title: 'New', language: 'fr', publishedAt: at(3) });

    // A held signature that differs from the stored one: what is read back must be the caller's.
    const held = signItem({ url: 'http://held.example/', canonicalUrl: null, title: 'held', text: HARBOUR, links: [], language: 'en', publishedAt: null });
    const read = await inTransaction(database.db, async (send) => (await send([readJoiningMembers([a.storyId], joining.id, new Map([[a.itemId, held]]))]))[0]);

    expect([...read.byStory.keys()]).toEqual([a.storyId]);
    const members = read.byStory.get(a.storyId)!;
    expect(members.map((m) => m.itemId)).toEqual([a.itemId, b.itemId]);
    expect(members.map((m) => m.title)).toEqual(['A', 'B']);
    expect(members[0]!.sig).toBe(held);
    const [stored] = await queryRows<{ id: string }>(database.db, sql`select id from items where id = ${b.itemId} and signature is not null`);
    expect(stored).toBeDefined();
    expect(members[1]!.sig?.sh).toBe(joining.sig.sh); // parsed from the row: the same text, the same simhash
    expect(members.some((m) => m.itemId === other.itemId)).toBe(false);
    // The joining item as stored (not yet in a story; its row has no signature before ingestion saves one).
    expect(read.item).toMatchObject({ itemId: joining.id, title: 'New', sig: null, publishedAt: at(3) });
  });

  it('reads no item when the joining item is gone', async () => {
    const read = await inTransaction(database.db, async (send) => (await send([readJoiningMembers([], 987_654_321, new Map())]))[0]);
    expect(read.item).toBeNull();
    expect(read.byStory.size).toBe(0);
  });
});
