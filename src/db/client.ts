// The database handle: PostgreSQL through postgres.js, or embedded PGlite when no DATABASE_URL is set.
// Both speak the same SQL; the rest of feedfold sees one `Db` type.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
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
    });
    return { db: drizzle(client, { schema }) as unknown as Db, kind: 'postgres', url: opts.url, close: () => client.end({ timeout: 5 }) };
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
export function toDate(v: Date | string | null | undefined): Date | null {
  return v == null ? null : v instanceof Date ? v : new Date(v);
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

/** Send the transaction's COMMIT behind the statements already sent (fn calls it beside its last ones). */
export type Commit = () => Promise<void>;

/** The part of a postgres.js client a pipelined transaction needs. */
interface ReservingClient {
  reserve(): Promise<{ release(): void; unsafe(query: string): Promise<unknown> }>;
}

let drizzlePostgres: ((client: unknown) => unknown) | undefined;

/**
 * Run fn in one transaction whose BEGIN goes out in the same write as fn's first statements and whose
 * COMMIT (fn calls commit() beside its last statements; else after it returns) in the same write as its
 * last ones: on PostgreSQL a short transaction costs two round trips, not four. Statements go out in the
 * order they reach the driver (see foldItem). Any failure rolls back. PGlite (one connection) runs an
 * ordinary transaction.
 */
export async function pipelinedTransaction<T>(db: Db, fn: (tx: Db, commit: Commit) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client?: Partial<ReservingClient> }).$client;
  if (typeof client?.reserve !== 'function') return db.transaction((tx) => fn(tx as unknown as Db, async () => {}));
  drizzlePostgres ??= (await import('drizzle-orm/postgres-js')).drizzle as (client: unknown) => unknown;
  const reserved = await (client as ReservingClient).reserve();
  // drizzle reads the driver's options (its type parsers); a reserved handle shares its pool's, unexposed.
  const tx = drizzlePostgres(Object.assign(reserved, { options: (client as { options?: unknown }).options })) as Db;
  let committed = false;
  const commit = async () => {
    await tx.execute(sql`commit`);
    committed = true;
  };
  try {
    // Called before fn, so BEGIN reaches the connection before any of fn's statements.
    const begun = tx.execute(sql`begin`).then(() => undefined);
    const [, result] = await Promise.all([begun, fn(tx, commit)]);
    if (!committed) await commit();
    return result;
  } catch (err) {
    // After a failed statement the server has aborted the transaction; this ends it (a no-op if COMMIT already did).
    await reserved.unsafe('rollback').catch(() => undefined);
    throw err;
  } finally {
    reserved.release();
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
