// Fault: bad data already stored — an item with no link, no text and no signature; a story whose
// canonical item was deleted; fingerprint keys and a membership pointing at an item removed behind the
// foreign keys' back. The workers must go on folding new copies and never fail a job on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startCli } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import type { Queues } from '../../src/queue/queues.ts';
import { startFaultWeb, type FaultWeb } from './fault-web.ts';
import { readFoldState } from './fold-state.ts';
import { dropQueues, failedJobs, faultEnv, isRunning, killHard, queuesOf, subscribeFaultWeb, waitForCompleteRun, type Proc } from './harness.ts';

const ITEMS = 4;

let web: FaultWeb;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dbUrl: string;
let env: Record<string, string>;
let queues: Queues;
const procs: Proc[] = [];

beforeAll(async () => {
  web = await startFaultWeb({ feeds: 3, items: ITEMS, feedDelayMs: 0, pageDelayMs: 0 });
  database = await createTestDatabase();
  dbUrl = testDatabaseUrl(database.name);
  env = faultEnv(dbUrl, TEST_REDIS_URL);
  queues = queuesOf(env);
});

afterAll(async () => {
  await Promise.all(procs.map(killHard));
  await dropQueues(queues);
  await database?.drop();
  await web?.close();
});

/** Story of the copy of `story` published by feed `f`. */
async function storyOf(sql: postgres.Sql, f: number, i: number): Promise<number | undefined> {
  const rows = await sql<{ story_id: string }[]>`
    select si.story_id from story_items si join items it on it.id = si.item_id where it.url = ${`${web.base}/site${f}/${i}.html`}`;
  return rows[0] ? Number(rows[0].story_id) : undefined;
}

describe('bad data already stored', () => {
  it('does not stop the workers: new copies still fold and no job fails', async () => {
    await subscribeFaultWeb(dbUrl, web, 0, 2);
    procs.push(startCli(['scheduler'], env), startCli(['worker'], env));
    await waitForCompleteRun(procs, dbUrl, 2 * ITEMS, 60_000);
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      // A story whose canonical item was deleted (shared story 0: feed 0's copy was its canonical item).
      const story0 = await storyOf(sql, 1, 0);
      await sql`delete from items where id = (select canonical_item_id from stories where id = ${story0 ?? 0})`;
      expect((await sql`select canonical_item_id from stories where id = ${story0 ?? 0}`)[0]?.canonical_item_id).toBeNull();
      // Keys and a membership pointing at an item removed behind the foreign keys' back (shared story 2).
      await sql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from items where url = ${`${web.base}/site0/2.html`}`;
      });
      const orphanKeys = await sql`select 1 from candidate_keys k left join items i on i.id = k.item_id where i.id is null`;
      expect(orphanKeys.length).toBeGreaterThan(0);
      // An item with no link, no text and no signature, marked ingested.
      const [bad] = await sql<{ id: string }[]>`
        insert into items (feed_id, item_key, url, title, status) select id, 'bad-empty', null, '', 'ingested' from feeds order by id limit 1
        returning id`;
      await queues.ingest.add('ingest', { itemId: Number(bad?.id) }, { jobId: 'bad-empty' });
      // A new feed republishing the shared stories arrives.
      await subscribeFaultWeb(dbUrl, web, 2, 3);
      const state = await waitForCompleteRun(procs, dbUrl, 2 * ITEMS - 2 + 1 + ITEMS, 60_000);
      expect(state.assignment.has(Number(bad?.id))).toBe(true);
      expect(await storyOf(sql, 2, 0)).toBe(await storyOf(sql, 1, 0));
      expect(await storyOf(sql, 2, 2)).toBe(await storyOf(sql, 1, 2));
      expect(await failedJobs(queues)).toEqual([]);
      expect(procs.every(isRunning)).toBe(true);
      // The story that lost its canonical item chose a new one among its members.
      expect((await sql`select canonical_item_id from stories where id = ${story0 ?? 0}`)[0]?.canonical_item_id).not.toBeNull();
    } finally {
      await sql.end();
    }
  }, 120_000);
});
