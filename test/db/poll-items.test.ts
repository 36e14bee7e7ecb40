// A poll stores its entries in one statement: new rows come back, rows already stored do not, and a
// poll never re-queues its feed's older waiting rows (that is the stranded-item sweep's job).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
