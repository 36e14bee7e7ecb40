// A poll stores its entries and finds its feed's items still waiting for ingestion in one statement:
// new rows come back as new, earlier waiting rows as pending, and nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addFeed } from '../../src/db/feeds.ts';
import { storePolledItems } from '../../src/db/items.ts';
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
  it("returns the new rows, and the feed's earlier rows still waiting as pending", async () => {
    const { feed } = await addFeed(database.db, { url: 'http://poll-items.example/feed.xml' }, new Date());
    const { feed: other } = await addFeed(database.db, { url: 'http://poll-items.example/other.xml' }, new Date());
    const first = await storePolledItems(database.db, feed.id, [entry('a'), entry('b')], null);
    expect(first.newIds).toHaveLength(2);
    expect(first.pendingIds).toEqual([]);
    await storePolledItems(database.db, other.id, [entry('a')], null);
    await database.db.execute(sql`update items set status = 'ingested' where id = ${first.newIds[1]!}`);
    const later = new Date(Date.now() + 60_000);
    const second = await storePolledItems(database.db, feed.id, [entry('a'), entry('b'), entry('c')], later);
    expect(second.newIds).toHaveLength(1);
    // a is still new (its job was lost); b was ingested; c is new in this very poll, so not pending too.
    expect(second.pendingIds).toEqual([first.newIds[0]]);
    const none = await storePolledItems(database.db, feed.id, [], later);
    expect(none).toEqual({ newIds: [], pendingIds: [first.newIds[0], second.newIds[0]], refused: 0 });
  });
});
