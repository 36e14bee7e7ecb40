// A transaction sent in batches (BEGIN and COMMIT in the same writes as the statements beside them) is still
// one transaction: one transaction id throughout, statements run in the list's order, and nothing stays when
// a statement fails. The same holds on PGlite, where the batches run one statement at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction, openDatabase, queryRows, type Statement } from '../../src/db/client.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table pipelined (n int primary key)`);
});
afterAll(async () => {
  await database?.drop();
});

const txid: Statement<string> = { query: sql`select txid_current()::text as id`, read: (rows) => String(rows[0]?.id) };
const insert = (n: number): Statement<void> => ({ query: sql`insert into pipelined (n) values (${n})`, read: () => undefined });
const numbers: Statement<number[]> = { query: sql`select n from pipelined order by n`, read: (rows) => rows.map((r) => Number(r.n)) };
const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pipelined`))[0]!.n;

describe('inTransaction', () => {
  it('runs the first batch and the one sent with the commit in one transaction', async () => {
    const ids = await inTransaction(database.db, async (send) => {
      const [first] = await send([txid, insert(1)]);
      const [last] = await send([txid, insert(2)], { commit: true });
      return [first, last];
    });
    expect(ids[0]).toBe(ids[1]);
    expect(await count()).toBe(2);
  });

  it('runs a batch in the list order: a read placed after a write sees it, one placed before does not', async () => {
    const [before, , after] = await inTransaction(database.db, (send) => send([numbers, insert(3), numbers], { commit: true }));
    expect(before).not.toContain(3);
    expect(after).toContain(3);
  });

  it('skips null entries and gives undefined in their place', async () => {
    const out = await inTransaction(database.db, (send) => send([null, txid, null]));
    expect(out[0]).toBeUndefined();
    expect(typeof out[1]).toBe('string');
    expect(out[2]).toBeUndefined();
  });

  it('keeps nothing when a statement sent beside the commit fails', async () => {
    const before = await count();
    await expect(
      inTransaction(database.db, async (send) => {
        await send([insert(10)]);
        await send([insert(11), insert(10)], { commit: true });
      }),
    ).rejects.toMatchObject({ code: '23505' }); // unique_violation
    expect(await count()).toBe(before);
  });

  it('keeps nothing when fn throws before committing, and the connection is usable afterwards', async () => {
    const before = await count();
    await expect(
      inTransaction(database.db, async (send) => {
        await send([insert(20)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count()).toBe(before);
    await inTransaction(database.db, (send) => send([insert(21)]));
    expect(await count()).toBe(before + 1);
  });
});

describe('prepared statements', () => {
  // An unprepared statement with parameters costs postgres.js a Parse + Describe round trip before it binds, and
  // holds back the rest of its batch; prepared, it costs that once per connection.
  it('prepares parameterised statements once per connection, in batches and through drizzle alike', async () => {
    const one = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '', maxConnections: 1 });
    try {
      const marked = (n: number): Statement<number> => ({ query: sql`select ${n}::int + 0 as prepared_marker`, read: (rows) => Number(rows[0]?.prepared_marker) });
      for (const n of [1, 2, 3]) expect(await inTransaction(one.db, async (send) => (await send([marked(n)], { commit: true }))[0])).toBe(n);
      for (const n of [4, 5]) expect(await queryRows<{ m: number }>(one.db, sql`select ${n}::int as drizzle_marker`)).toEqual([{ m: n }].map(({ m }) => ({ drizzle_marker: m })));
      const prepared = await queryRows<{ statement: string }>(one.db, sql`select statement from pg_prepared_statements where statement like ${'%_marker%'} and statement not like ${'%pg_prepared_statements%'}`);
      // One prepared statement per text, though each ran more than once.
      expect(prepared.map((r) => r.statement).sort()).toEqual(['select $1::int + 0 as prepared_marker', 'select $1::int as drizzle_marker']);
    } finally {
      await one.close();
    }
  });

  // Planning every execution cost the server as much as running the fold's statements (bench/RESULTS.md).
  it('reuses a prepared statement\'s plan once it has run a few times, instead of planning each execution', async () => {
    const one = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '', maxConnections: 1 });
    try {
      const reused = (n: number): Statement<number> => ({ query: sql`select ${n}::int + 0 as reused_marker`, read: (rows) => Number(rows[0]?.reused_marker) });
      for (let n = 1; n <= 8; n++) expect(await inTransaction(one.db, async (send) => (await send([reused(n)], { commit: true }))[0])).toBe(n);
      const [plans] = await queryRows<{ generic: number; custom: number }>(one.db, sql`select generic_plans::int as generic, custom_plans::int as custom
        from pg_prepared_statements where statement = ${'select $1::int + 0 as reused_marker'}`);
      expect(plans?.generic).toBeGreaterThan(0);
      expect(plans?.custom).toBeLessThan(8);
    } finally {
      await one.close();
    }
  });
});
