// A pipelined transaction (BEGIN and COMMIT sent in the same writes as the statements beside them)
// is still one transaction: one transaction id throughout, and nothing stays when a statement fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pipelinedTransaction, queryRows, type Db } from '../../src/db/client.ts';
import { createTestDatabase } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table pipelined (n int primary key)`);
});
afterAll(async () => {
  await database?.drop();
});

const txid = async (tx: Db) => (await queryRows<{ id: string }>(tx, sql`select txid_current()::text as id`))[0]!.id;
const insert = async (tx: Db, n: number) => void (await tx.execute(sql`insert into pipelined (n) values (${n})`));
const count = async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from pipelined`))[0]!.n;

describe('pipelinedTransaction', () => {
  it('runs the first statements and those sent with the commit in one transaction', async () => {
    const ids = await pipelinedTransaction(database.db, async (tx, commit) => {
      const [first] = await Promise.all([txid(tx), insert(tx, 1)]);
      const [last] = await Promise.all([txid(tx), insert(tx, 2), commit()]);
      return [first, last];
    });
    expect(ids[0]).toBe(ids[1]);
    expect(await count()).toBe(2);
  });

  it('keeps nothing when a statement sent beside the commit fails', async () => {
    const before = await count();
    await expect(
      pipelinedTransaction(database.db, async (tx, commit) => {
        await insert(tx, 10);
        await Promise.all([insert(tx, 11), insert(tx, 10), commit()]);
      }),
    ).rejects.toMatchObject({ cause: { code: '23505' } }); // unique_violation
    expect(await count()).toBe(before);
  });

  it('keeps nothing when fn throws before committing, and the connection is usable afterwards', async () => {
    const before = await count();
    await expect(
      pipelinedTransaction(database.db, async (tx) => {
        await insert(tx, 20);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count()).toBe(before);
    await pipelinedTransaction(database.db, (tx) => insert(tx, 21));
    expect(await count()).toBe(before + 1);
  });
});
