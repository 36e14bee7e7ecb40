// The database handle: PostgreSQL through postgres.js, or embedded PGlite when no DATABASE_URL is set.
// Both speak the same SQL; the rest of feedfold sees one `Db` type.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** An open database with its driver's close(). */
export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The server URL (postgres), or null for PGlite. */
  url: string | null;
  /** Close every connection. */
  close(): Promise<void>;
}

/** The package's drizzle/ folder, found upward from this module (src/db/ in the sources, dist/ in the build). */
export const migrationsFolder = findUpward(path.dirname(fileURLToPath(import.meta.url)), 'drizzle');

function findUpward(start: string, name: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(start, '../..', name);
  }
}

/** Open PostgreSQL at `url`, or PGlite in `dataDir/pglite` when url is null. */
export async function openDatabase(opts: { url: string | null; dataDir: string; maxConnections?: number }): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const client = postgres(opts.url, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
      // Statements are prepared (below) to save a round trip each, and their plans are reused under PostgreSQL's
      // default plan_cache_mode (auto: a generic plan once it costs no more than the custom ones). Planning every
      // execution was a third of the server time of the statements of a fold (bench/RESULTS.md); the candidate
      // look-up's plan does not depend on its keys (each key is looked up inside a LATERAL, unknown to the planner).
    });
    const policy = preparePolicy();
    const db = drizzle(preparingClient(client, policy), { schema }) as unknown as Db;
    reservers.set(db, { reserve: () => client.reserve(), policy });
    return { db, kind: 'postgres', url: opts.url, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = path.resolve(opts.dataDir, 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  await client.waitReady;
  return { db: drizzle(client, { schema }) as unknown as Db, kind: 'pglite', url: null, close: () => client.close() };
}

const preparedCache = new WeakMap<object, Map<string, unknown>>();

/**
 * A query built once per database handle and reused: building a drizzle query costs several times more
 * CPU than running it, which matters on the per-item hot path. Only for the pool handle, not a transaction.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let byName = preparedCache.get(db);
  if (!byName) preparedCache.set(db, (byName = new Map()));
  let query = byName.get(name) as T | undefined;
  if (query === undefined) byName.set(name, (query = build(db)));
  return query;
}

/** A time as a raw-SQL parameter (drivers differ in how they send and return a bare Date). */
export function timestampParam(d: Date | null): SQL {
  return sql`${d ? d.toISOString() : null}::timestamptz`;
}

/** A time read by raw SQL: a Date from one driver, a string from another. */
export function toDate(v: unknown): Date | null {
  return v == null ? null : v instanceof Date ? v : new Date(v as string);
}

/**
 * Integers as one array parameter (`'{1,2}'::bigint[]`): one statement text, so one prepared statement and plan,
 * for any length of list. `col = any(${bigintArray(ids)})` is an index look-up in a generic plan too; a list read
 * from a subquery (jsonList) is estimated at 100 rows, so a plan made while the table was small scans it whole, and a
 * connection keeps that plan as the table grows until an ANALYZE of it (never, with autovacuum off).
 */
export function bigintArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::bigint[]`;
}

/** 32-bit integers as one `int[]` parameter, as bigintArray. */
export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.map((v) => Math.trunc(v)).join(',')}}`}::int[]`;
}

/** A list as one JSON parameter, read back as rows of text: one statement text for any length of list. */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(select jsonb_array_elements_text(${JSON.stringify(values.map(String))}::jsonb))`;
}

/** Run raw SQL and return its rows, whichever driver is underneath. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** A row as a driver returns it (column name → value). */
export type Row = Record<string, unknown>;

/** One SQL statement and how its rows are read: values are parsed here, once, at the database edge. */
export interface Statement<T> {
  readonly query: SQL;
  read(rows: Row[]): T;
}

/** The results of a list of statements, in the list's order (a null entry, not sent, gives undefined). */
export type ResultsOf<S extends readonly (Statement<unknown> | null)[]> = {
  -readonly [K in keyof S]: S[K] extends Statement<infer T> ? T : undefined;
};

/**
 * Send statements, in the list's order, as one batch on the transaction's connection; resolves with their
 * results in the same order. `commit: true` sends COMMIT in the same batch, after the statements.
 */
export type SendBatch = <const S extends readonly (Statement<unknown> | null)[]>(
  statements: S,
  opts?: { commit?: boolean },
) => Promise<ResultsOf<S>>;

/** A statement's text and parameters as the driver takes them (drizzle compiles, postgres.js sends). */
const dialect = new PgDialect();

/** Reserve one pooled connection (postgres.js `sql.reserve()`), kept per handle by openDatabase with its prepare policy. */
interface Reserver {
  reserve: () => Promise<postgres.ReservedSql>;
  policy: PreparePolicy;
}
const reservers = new WeakMap<Db, Reserver>();

/**
 * Most statement texts one database handle prepares. feedfold's statements carry lists as one parameter, so
 * their texts are few (about 30 on the hot path); the bound keeps a text that varies (a builder's `in (…)` of
 * any length) from filling every connection's statement cache: past it, texts run unprepared as before.
 */
const MAX_PREPARED_TEXTS = 256;

/** Whether a statement text may be prepared: the first MAX_PREPARED_TEXTS distinct texts may. */
type PreparePolicy = (text: string) => boolean;

function preparePolicy(): PreparePolicy {
  const texts = new Set<string>();
  return (text) => {
    if (texts.has(text)) return true;
    if (texts.size >= MAX_PREPARED_TEXTS) return false;
    texts.add(text);
    return true;
  };
}

/**
 * The client drizzle runs its statements through, with parameterised statements prepared. postgres.js's
 * `unsafe` (what drizzle calls) does not prepare by default, and an unprepared statement with parameters is
 * sent as Parse + Describe, waits for the server's answer, and only then binds and executes: two round trips,
 * and nothing else is written on that connection in between, so a batch is no longer one write. A prepared
 * statement costs that once per connection, then one Bind + Execute in the batch's write.
 */
function preparingClient(client: postgres.Sql, allow: PreparePolicy): postgres.Sql {
  const unsafe = (text: string, params?: unknown[], options?: { prepare?: boolean }) =>
    client.unsafe(text, params as never[], params?.length && allow(text) ? { ...options, prepare: true } : options);
  return new Proxy(client, { get: (target, key, receiver) => (key === 'unsafe' ? unsafe : Reflect.get(target, key, receiver)) });
}

/** Run one statement on its own (outside any batch) and read its rows. */
export async function runStatement<T>(db: Db, statement: Statement<T>): Promise<T> {
  return statement.read(await queryRows<Row>(db, statement.query));
}

/**
 * Run fn in one transaction whose statements go out in batches (fn's calls of `send`): on PostgreSQL each batch
 * is one write on one reserved connection (pipelined), the first with BEGIN in front, so a transaction of two
 * batches costs two round trips. Statements run one after another on the server in the list's order, each
 * seeing what the ones before it did. Any failure rolls back. PGlite (one connection, in process) runs the
 * same lists one statement at a time in an ordinary transaction.
 */
export async function inTransaction<T>(db: Db, fn: (send: SendBatch) => Promise<T>): Promise<T> {
  const reserver = reservers.get(db);
  if (!reserver) {
    return db.transaction(async (tx) => fn((async (statements: readonly (Statement<unknown> | null)[]) => {
      const out: unknown[] = [];
      for (const s of statements) out.push(s ? s.read(await queryRows<Row>(tx as unknown as Db, s.query)) : undefined);
      return out;
    }) as SendBatch));
  }
  const conn = await reserver.reserve();
  const options = (text: string, params: unknown[]) => (params.length && reserver.policy(text) ? { prepare: true } : {});
  let begun = false;
  let committed = false;
  const send = (async (statements: readonly (Statement<unknown> | null)[], opts?: { commit?: boolean }) => {
    // Every query is handed to the connection here, in this order, before any is awaited: one batch.
    const sent: Promise<unknown>[] = [];
    if (!begun) sent.push(conn.unsafe('begin').execute());
    const reads = statements.map((s) => {
      if (!s) return null;
      const { sql: text, params } = dialect.sqlToQuery(s.query);
      const q = conn.unsafe(text, params as never[], options(text, params)).execute();
      sent.push(q);
      return { s, q };
    });
    if (opts?.commit) sent.push(conn.unsafe('commit').execute());
    begun = true;
    const settled = await Promise.allSettled(sent);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (opts?.commit) committed = true;
    return Promise.all(reads.map(async (r) => (r ? r.s.read([...((await r.q) as Row[])]) : undefined)));
  }) as SendBatch;
  try {
    const result = await fn(send);
    if (begun && !committed) await conn.unsafe('commit');
    return result;
  } catch (err) {
    // After a failed statement the server has aborted the transaction; this ends it (a no-op after COMMIT).
    await conn.unsafe('rollback').catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
