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
  /** Candidate-index keys per item (candidate_keys' array elements / items). */
  keysPerItem: number;
  /** Article text per item (octet_length of items.text, uncompressed), bytes. */
  textBytesPerItem: number;
  /** The feedfold tables (indexes, TOAST and free space included) over the article text they store. */
  tablesOverText: number;
}

const TABLES = ['items', 'fingerprint_keys', 'candidate_keys', 'story_items', 'stories', 'feeds'];
const MB = 1024 * 1024;

/** pg_database_size and pg_total_relation_size (indexes and TOAST included) of feedfold's tables. */
export async function measureStore(sql: postgres.Sql): Promise<StoreSize> {
  const [db] = await sql<{ size: string; items: string; keys: string; text: string }[]>`
    select pg_database_size(current_database()) as size, (select count(*) from items) as items,
           (select coalesce(sum(cardinality(keys)), 0) from candidate_keys) as keys,
           (select coalesce(sum(octet_length(text)), 0) from items) as text`;
  const tablesMb: Record<string, number> = {};
  for (const t of TABLES) {
    // to_regclass: a table of another schema version (fingerprint_keys before, candidate_keys after) counts 0.
    const [r] = await sql<{ size: string | null }[]>`select pg_total_relation_size(to_regclass(${t})) as size`;
    if (r?.size != null) tablesMb[t] = Number(r.size) / MB;
  }
  const items = Number(db!.items);
  const total = Object.values(tablesMb).reduce((a, b) => a + b, 0);
  const text = Number(db!.text);
  return {
    items,
    databaseMb: Number(db!.size) / MB,
    tablesMb,
    mbPer100kItems: (total * 100_000) / Math.max(1, items),
    keysPerItem: Number(db!.keys) / Math.max(1, items),
    textBytesPerItem: text / Math.max(1, items),
    tablesOverText: (total * MB) / Math.max(1, text),
  };
}

/**
 * Bytes per stored item of the whole database and of each feedfold table, beside the article text it stores
 * (octet_length of items.text, uncompressed): the "database ≤ 2.5× the text" and "index ≤ 1 KB per item".
 * Run VACUUM first for settled figures (eval does). The empty database's own catalog (about 7.5 MB) is
 * reported apart: it does not grow with the items.
 */
export async function describeStoreBytes(sql: postgres.Sql, emptyDatabaseBytes: number): Promise<string> {
  const [r] = await sql<{ size: string; items: string; text: string }[]>`
    select pg_database_size(current_database()) as size, (select count(*) from items) as items,
           (select coalesce(sum(octet_length(text)), 0) from items) as text`;
  const items = Math.max(1, Number(r!.items));
  const text = Number(r!.text);
  const grown = Number(r!.size) - emptyDatabaseBytes;
  const parts: string[] = [];
  for (const t of TABLES) {
    const [s] = await sql<{ size: string | null }[]>`select pg_total_relation_size(to_regclass(${t})) as size`;
    if (s?.size != null) parts.push(`${t} ${(Number(s.size) / items).toFixed(0)}`);
  }
  return `store: ${r!.items} items, article text ${(text / items).toFixed(0)} B per item; database grew ${(grown / items).toFixed(0)} B per item `
    + `(${(grown / Math.max(1, text)).toFixed(2)}× the text); per item, indexes and TOAST included: ${parts.join(', ')}`;
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
