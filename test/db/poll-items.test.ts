// A poll stores its entries in one statement: new rows come back, rows already stored do not, and a
// poll never re-queues its feed's older waiting rows (that is the stranded-item sweep's job).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems, keepFeedBodies, storePolledItems } from '../../src/db/items.ts';
import { queryRows } from '../../src/db/client.ts';
import { sql } from 'drizzle-orm';
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
    expect(first.newItems).toHaveLength(2);
    expect((await storePolledItems(database.db, other.id, [entry("a")])).newItems).toHaveLength(1);
    // a and b are still new (not ingested): the poll reports only c, the one it stored.
    const second = await storePolledItems(database.db, feed.id, [entry('a'), entry('b'), entry('c')]);
    expect(second).toEqual({ newItems: [{ id: expect.any(Number), summary: null, content: null }], refused: 0 });
    expect(first.newItems.map((i) => i.id)).not.toContain(second.newItems[0]?.id);
    expect(await storePolledItems(database.db, feed.id, [])).toEqual({ newItems: [], refused: 0 });
  });

  it('stores rows without the feed bodies and returns each new row with its own entry\'s bodies', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://poll-items.example/bodies.xml' }, new Date());
    const withBodies = (key: string, summary: string | null, content: string | null) => ({ ...entry(key), summary, content });
    const { newItems } = await storePolledItems(database.db, feed.id, [
      withBodies('s', 'Summary of s', null),
      withBodies('c', null, '<p>Content of c</p>'),
      withBodies('s', 'A second entry with key s', 'ignored'),
    ]);
    expect(newItems.map(({ summary, content }) => [summary, content])).toEqual([['Summary of s', null], [null, '<p>Content of c</p>']]);
    const bodies = async () => queryRows<{ id: string; summary: string | null; content: string | null }>(
      database.db,
      sql`select id, summary, content from items where feed_id = ${feed.id} order by id`,
    );
    expect((await bodies()).map((r) => [r.summary, r.content])).toEqual([[null, null], [null, null]]);
    // When their jobs cannot be queued, the bodies go into the rows still waiting, and only into those.
    await database.db.execute(sql`update items set status = 'ingested', text = 'read' where id = ${newItems[1]!.id}`);
    await keepFeedBodies(database.db, newItems);
    expect((await bodies()).map((r) => [r.summary, r.content])).toEqual([['Summary of s', null], [null, null]]);
    // insertItems stores rows with their bodies in them, the form a poll falls back to.
    const [id] = await insertItems(database.db, feed.id, [withBodies('d', 'Summary of d', '<p>d</p>')]);
    expect((await bodies()).find((r) => Number(r.id) === id)).toMatchObject({ summary: 'Summary of d', content: '<p>d</p>' });
  });
});
