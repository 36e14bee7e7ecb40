// The fold's statements that read rows by a list of ids must look them up through an index in the plan a
// connection keeps for them (a generic plan, once a statement has run a few times), whatever the list's length.
// A list read from a JSON subquery is estimated at 100 rows, so that plan scanned stories, story_items and
// items whole on a store of a few thousand items, and did so on every fold that joined a story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction, openDatabase, queryRows, type Database, type Statement } from '../../src/db/client.ts';
import { readSignatures } from '../../src/db/signatures.ts';
import { deleteEmptyStory, lockStories, mergeStories, readJoiningMembers } from '../../src/db/stories.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';

/** Items (and stories, one item each) in the store: enough that a whole scan reads dozens of pages. */
const ROWS = 3_000;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** A connection that plans every statement generically, as one does after a statement's fifth run. */
let generic: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.execute(sql`insert into feeds (url, title) values ('https://example.test/feed', 'f')`);
  await db.execute(sql`insert into items (feed_id, item_key, title, signature)
    select (select id from feeds), 'k' || n, 'title ' || n, null from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`insert into stories (title, item_count) select 'story ' || n, 1 from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`insert into story_items (item_id, story_id, method) select n, n, 'new' from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`analyze`);
  await db.execute(sql.raw(`alter database ${database.name} set plan_cache_mode = force_generic_plan`));
  generic = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
});
afterAll(async () => {
  await generic?.close();
  await database?.drop();
});

/** Whole-table scans of the fold's tables so far (the statistics flushed first, read without a cached snapshot). */
async function seqScans(): Promise<Record<string, number>> {
  await database.db.execute(sql`select pg_stat_force_next_flush()`);
  const rows = await queryRows<{ relname: string; n: number }>(
    database.db,
    sql`select relname, seq_scan::int as n from pg_stat_user_tables where relname in ('stories', 'story_items', 'items')`,
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.n]));
}

/** Run the statements in one transaction on the generic-plan connection, then the scans they caused. */
async function scansOf(statements: Statement<unknown>[]): Promise<Record<string, number>> {
  const before = await seqScans();
  await inTransaction(generic.db, async (send) => {
    await send([...statements, { query: sql`select pg_stat_force_next_flush()`, read: () => undefined }], { commit: true });
  });
  const after = await seqScans();
  return Object.fromEntries(Object.entries(after).map(([table, n]) => [table, n - (before[table] ?? 0)]));
}

const none = { stories: 0, story_items: 0, items: 0 };

describe('id lists in generic plans', () => {
  it.each([
    ['lockStories', () => lockStories([5, 17, 2_000])],
    ['readJoiningMembers', () => readJoiningMembers([5, 17], 2_999, new Map())],
    ['readSignatures', () => readSignatures([3, 4, 1_500, 2_998])],
    ['mergeStories', () => mergeStories(40, [41, 42], new Date())],
    ['deleteEmptyStory', () => deleteEmptyStory(2_000)],
  ])('%s reads its rows by index, not by scanning the table', async (_name, statement) => {
    expect(await scansOf([statement()])).toEqual(none);
  });

  it('reads the rows the ids name, and only those', async () => {
    const [locked, members] = await inTransaction(generic.db, (send) =>
      send([lockStories([7, 9, 2_500]), readJoiningMembers([7, 9], 2_500, new Map())], { commit: true }),
    );
    expect(locked.map((r) => r.id)).toEqual([7, 9, 2_500]);
    expect([...members.byStory.keys()].sort((a, b) => a - b)).toEqual([7, 9]);
    expect(members.item?.itemId).toBe(2_500);
  });
});
