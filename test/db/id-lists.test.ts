// The hot path's statements that name their rows (by id, by a list of ids, by key) must find them through an index in the plan a
// connection keeps for them (a generic plan, once a statement has run a few times), however small the store was
// when the plan was made and whatever the list's length.
// A list read from a JSON subquery is estimated at 100 rows, so that plan scanned stories, story_items and
// items whole on a store of a few thousand items, and did so on every fold that joined a story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction, openDatabase, queryRows, type Database, type Db, type Statement } from '../../src/db/client.ts';
import { findCandidates } from '../../src/db/candidate-keys.ts';
import { findPendingItemIds, getItemForIngest } from '../../src/db/items.ts';
import { readSignatures } from '../../src/db/signatures.ts';
import { deleteEmptyStory, findItemStory, lockStories, mergeStories, readJoiningMembers } from '../../src/db/stories.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';

/** Items (and stories, one item each) in the store: enough that a whole scan reads dozens of pages. */
const ROWS = 3_000;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** A connection that plans every statement generically, as one does after a statement's fifth run, and keeps the plan. */
let generic: Database;

/** Run one statement in a transaction of its own. */
const run = (statement: Statement<unknown>) => (db: Db) => inTransaction(db, (send) => send([statement], { commit: true }));

/** The reads and writes of a poll's, an ingestion's and a fold's hot path that name their rows. */
const statements: [string, (db: Db) => Promise<unknown>][] = [
  ['getItemForIngest', (db) => getItemForIngest(db, 2_900)],
  ['findPendingItemIds of a feed', (db) => findPendingItemIds(db, { createdBefore: new Date(), limit: 10, feedId: 3 })],
  ['findItemStory', run(findItemStory(2_950))],
  ['findCandidates', run(findCandidates([7, 12, 999_001], 2_990))],
  ['lockStories', run(lockStories([5, 17, 2_000]))],
  ['readJoiningMembers', run(readJoiningMembers([5, 17], 2_999, new Map()))],
  ['readSignatures', run(readSignatures([3, 4, 1_500, 2_998]))],
  ['mergeStories', run(mergeStories(40, [41, 42], new Date()))],
  ['deleteEmptyStory', run(deleteEmptyStory(2_000))],
];

/** The fold's tables; autovacuum is kept off them, so no ANALYZE replans a statement while the test runs. */
const TABLES = ['feeds', 'items', 'stories', 'story_items', 'candidate_keys'];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const t of TABLES) await database.db.execute(sql.raw(`alter table ${t} set (autovacuum_enabled = false)`));
  await database.db.execute(sql.raw(`alter database ${database.name} set plan_cache_mode = force_generic_plan`));
  generic = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
  // A worker starting on a new store: each statement is planned while the tables are empty, and the connection keeps that plan.
  for (const [, statement] of statements) await statement(generic.db);
  const db = database.db;
  await db.execute(sql`insert into feeds (url, title, site_url) select 'https://example.test/feed/' || n, 'feed ' || n, 'https://example.test/' || n
    from generate_series(1, ${ROWS}) n`);
  // Texts of news length that do not compress (1.5 KB of hex), so items spans as many pages as a real store's.
  await db.execute(sql`insert into items (feed_id, item_key, title, text)
    select n % 1000 + 1, 'k' || n, 'title ' || n, (select string_agg(md5(n::text || '-' || g::text), '') from generate_series(1, 48) g)
    from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`insert into stories (title, item_count) select 'story ' || n, 1 from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`insert into story_items (item_id, story_id, method) select n, n, 'new' from generate_series(1, ${ROWS}) n`);
  await db.execute(sql`update items set status = 'ingested' where id <= ${ROWS - 100}`);
  // Twelve keys an item, as the load web's; most keys held by one item, some by a few.
  await db.execute(sql`insert into candidate_keys (item_id, keys)
    select n, array(select (n * 12 + g) % (${ROWS} * 10) from generate_series(0, 11) g) from generate_series(1, ${ROWS}) n`);
});
afterAll(async () => {
  await generic?.close();
  await database?.drop();
});

/** Whole-table scans of the hot path's tables so far (the statistics flushed first, read without a cached snapshot). */
async function seqScans(): Promise<Record<string, number>> {
  await database.db.execute(sql`select pg_stat_force_next_flush()`);
  const rows = await queryRows<{ relname: string; n: number }>(
    database.db,
    sql`select relname, seq_scan::int as n from pg_stat_user_tables where relname in (${sql.join(TABLES.map((t) => sql`${t}`), sql`, `)})`,
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.n]));
}

/** Run the statement on the generic-plan connection, then the scans it caused. */
async function scansOf(statement: (db: Db) => Promise<unknown>): Promise<Record<string, number>> {
  const before = await seqScans();
  await statement(generic.db);
  await generic.db.execute(sql`select pg_stat_force_next_flush()`);
  const after = await seqScans();
  return Object.fromEntries(Object.entries(after).map(([table, n]) => [table, n - (before[table] ?? 0)]));
}

const none = Object.fromEntries(TABLES.map((t) => [t, 0]));


// First under the plans made on the empty store, the tables grown since and never analysed (as on a server with
// autovacuum off, where a connection keeps them for its life); then replanned once the tables are analysed.
describe('id lists in generic plans made on an empty store, after it grew', () => {
  it.each(statements)('%s reads its rows by index, not by scanning the table', async (_name, statement) => {
    expect(await scansOf(statement)).toEqual(none);
  });
});

describe('id lists in generic plans, once the tables are analysed', () => {
  beforeAll(async () => {
    await database.db.execute(sql`analyze`);
  });

  it.each(statements)('%s reads its rows by index, not by scanning the table', async (_name, statement) => {
    expect(await scansOf(statement)).toEqual(none);
  });

  it('reads the rows the ids name, and only those', async () => {
    const [locked, members] = await inTransaction(generic.db, (send) =>
      send([lockStories([7, 9, 2_500]), readJoiningMembers([7, 9], 2_500, new Map())], { commit: true }),
    );
    expect(locked.map((r) => r.id)).toEqual([7, 9, 2_500]);
    expect([...members.byStory.keys()].sort((a, b) => a - b)).toEqual([7, 9]);
    expect(members.item?.itemId).toBe(2_500);
    const [candidates] = await inTransaction(generic.db, (send) => send([findCandidates([12, 13, 25], 2_990)], { commit: true }));
    // Key 12 + 12n: item n (mod 30,000), so items 1 and 2,501 hold 12 and 13, items 2 and 2,502 hold 25.
    expect(candidates.map((c) => [c.itemId, c.storyId])).toEqual([[1, 1], [2, 2], [2_501, 2_501], [2_502, 2_502]]);
  });
});
