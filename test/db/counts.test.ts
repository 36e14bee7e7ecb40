// The counts the metrics endpoint and `run --once` report come from one statement (src/db/counts.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addFeed, setFeedState } from '../../src/db/feeds.ts';
import { countStored } from '../../src/db/counts.ts';
import { createTestDatabase } from '../helpers/services.ts';
import { foldFixture, storeAndFold, storeItem } from '../helpers/fold.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('countStored', () => {
  it('counts feeds by what the scheduler polls, items, folded items and stories', async () => {
    const now = new Date();
    const { feed } = await addFeed(database.db, { url: 'http://counts.example/feed.xml' }, now);
    const { feed: paused } = await addFeed(database.db, { url: 'http://counts.example/paused.xml' }, now);
    await setFeedState(database.db, paused.id, 'paused', now);
    await database.db.execute(sql`update feeds set last_error = 'timeout', error_count = 3 where id = ${feed.id}`);
    const text = foldFixture('ferry-original-en.txt');
    await storeAndFold(database.db, feed.id, { key: 'a', text });
    await storeAndFold(database.db, feed.id, { key: 'b', text, url: 'http://copy.example/b' });
    await storeAndFold(database.db, feed.id, { key: 'c', text: foldFixture('council-original-en.txt') });
    await storeItem(database.db, feed.id, { key: 'd', text: 'not folded yet' });
    expect(await countStored(database.db)).toEqual({
      feeds: 1,
      feedsFailed: 1,
      feedErrors: 3,
      items: 4,
      foldedItems: 3,
      liveStories: 2,
      storiesWithCopies: 1,
      mergedStories: 0,
    });
  });
});
