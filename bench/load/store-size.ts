// Sizes of what a run left behind: the PostgreSQL database and tables, and the Redis keys under a queue prefix.
import type postgres from 'postgres';
import type { Redis } from 'ioredis';

/** Database and table sizes, absolute and per 100k stored items. */
export interface StoreSize {
  items: number;
  databaseMb: number;
  tablesMb: Record<string, number>;
  /** MB per 100k items of the feedfold tables together (excludes the empty database's own catalog). */
  mbPer100kItems: number;
  /** Candidate-index rows per item (fingerprint_keys / items). */
  keysPerItem: number;
}

const TABLES = ['items', 'fingerprint_keys', 'story_items', 'stories', 'feeds'];
const MB = 1024 * 1024;

/** pg_database_size and pg_total_relation_size (indexes and TOAST included) of feedfold's tables. */
export async function measureStore(sql: postgres.Sql): Promise<StoreSize> {
  const [db] = await sql<{ size: string; items: string; keys: string }[]>`
    select pg_database_size(current_database()) as size, (select count(*) from items) as items,
           (select count(*) from fingerprint_keys) as keys`;
  const tablesMb: Record<string, number> = {};
  for (const t of TABLES) {
    const [r] = await sql<{ size: string }[]>`select pg_total_relation_size(${t}::regclass) as size`;
    tablesMb[t] = Number(r!.size) / MB;
  }
  const items = Number(db!.items);
  const total = Object.values(tablesMb).reduce((a, b) => a + b, 0);
  return { items, databaseMb: Number(db!.size) / MB, tablesMb, mbPer100kItems: (total * 100_000) / Math.max(1, items), keysPerItem: Number(db!.keys) / Math.max(1, items) };
}

/** Memory of the keys under one queue prefix (MEMORY USAGE summed), in MB: other users of the Redis are not counted. */
export async function measureRedisPrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let bytes = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) bytes += Number((await redis.memory('USAGE', key)) ?? 0);
  } while (cursor !== '0');
  return bytes / MB;
}
