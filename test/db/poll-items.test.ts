// A poll stores its entries in one statement: new rows come back, rows already stored do not, and a
// poll never re-queues its feed's older waiting rows (that is the stranded-item sweep's job). The feed's
// bodies wait beside the row (item_feed_bodies) until ingestion takes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addFeed } from '../../src/db/feeds.ts';
import { getItemForIngest, saveIngested, storePolledItems } from '../../src/db/items.ts';
import { items } from '../../src/db/schema.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { createTestDatabase } from '../helpers/services.ts';
import { bareEntry } from '../helpers/entries.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const entry = (key: string) => bareEntry('poll-items.example', key);

describe('storePolledItems', () => {
  it('returns the ids of the new rows only', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://poll-items.example/feed.xml' }, new Date());
    const { feed: other } = await addFeed(database.db, { url: 'http://poll-items.example/other.xml' }, new Date());
    const first = await storePolledItems(database.db, feed.id, [entry('a'), entry('b')]);
    expect(first.newIds).toHaveLength(2);
    expect((await storePolledItems(database.db, other.id, [entry('a')])).newIds).toHaveLength(1);
    // a and b are still new (not ingested): the poll reports only c, the one it stored.
    const second = await storePolledItems(database.db, feed.id, [entry('a'), entry('b'), entry('c')]);
    expect(second).toEqual({ newIds: [expect.any(Number)], refused: 0 });
    expect(first.newIds).not.toContain(second.newIds[0]);
    expect(await storePolledItems(database.db, feed.id, [])).toEqual({ newIds: [], refused: 0 });
  });
});

const withBody = (key: string, summary: string | null, content: string | null) => ({ ...entry(key), summary, content });

async function bodyRows(ids: number[]): Promise<{ item_id: number; summary: string | null; content: string | null }[]> {
  const rows = await database.db.execute(sql`select item_id::int, summary, content from item_feed_bodies where item_id = any(${`{${ids.join(',')}}`}::bigint[]) order by item_id`);
  return Array.from(rows as unknown as { item_id: number; summary: string | null; content: string | null }[]);
}

function ingestedWith(text: string) {
  const signature = signItem({ url: 'http://poll-items.example/x', canonicalUrl: null, title: 'T', text, links: [], language: 'en', publishedAt: null });
  return { pageUrl: null, canonicalUrl: null, language: 'en', text, title: 'T', publishedAt: null, signature, status: 'ingested' as const, ingestError: null };
}

describe('feed bodies of items waiting for ingestion', () => {
  it('are stored beside the row, the first entry of a repeated key winning, and read back for ingestion', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://poll-items.example/bodies.xml' }, new Date());
    const { newIds } = await storePolledItems(database.db, feed.id, [
      withBody('b1', 'first summary', '<p>first content</p>'),
      withBody('b2', null, null),
      withBody('b1', 'repeated summary', '<p>repeated</p>'),
      withBody('b3', 'only a summary', null),
    ]);
    expect(newIds).toHaveLength(3);
    const [b1, b2, b3] = newIds as [number, number, number];
    expect(await bodyRows(newIds)).toEqual([
      { item_id: b1, summary: 'first summary', content: '<p>first content</p>' },
      { item_id: b3, summary: 'only a summary', content: null },
    ]);
    const [row] = await database.db.select().from(items).where(eq(items.id, b1));
    expect(row).toMatchObject({ summary: null, content: null, title: 'Item b1' });
    expect(await getItemForIngest(database.db, b1)).toMatchObject({ summary: 'first summary', content: '<p>first content</p>' });
    expect(await getItemForIngest(database.db, b2)).toMatchObject({ summary: null, content: null });
  });

  it('leave with ingestion: dropped when the page gave text, moved into the row when it gave none', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://poll-items.example/ingest.xml' }, new Date());
    const { newIds } = await storePolledItems(database.db, feed.id, [withBody('t1', 's1', '<p>c1</p>'), withBody('t2', 's2', '<p>c2</p>')]);
    const [withText, without] = newIds as [number, number];
    await database.db.execute(saveIngested(withText, ingestedWith('A page text long enough to be the item text of this test.'), new Date()).query);
    await database.db.execute(saveIngested(without, ingestedWith(''), new Date()).query);
    expect(await bodyRows(newIds)).toEqual([]);
    const rows = await database.db.select().from(items).where(eq(items.feedId, feed.id)).orderBy(items.id);
    expect(rows.map((r) => [r.summary, r.content, r.status])).toEqual([
      [null, null, 'ingested'],
      ['s2', '<p>c2</p>', 'ingested'],
    ]);
  });
});
