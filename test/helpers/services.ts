// Real PostgreSQL and Redis for tests: each test file gets its own database and queue prefix.
import crypto from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createQueues, type Queues } from '../../src/queue/queues.ts';
import { silentLogger } from '../../src/log.ts';
import { fetchUrl } from '../../src/http/fetch.ts';
import type { Deps } from '../../src/pipeline/deps.ts';

/** Server URL tests create their databases on. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** URL of database `name` on the test server. */
export function testDatabaseUrl(name: string): string {
  return withDatabase(TEST_DATABASE_URL, name);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A database of its own for a test file. */
export type TestDatabase = Database & { name: string; drop(): Promise<void> };

/** A fresh, migrated database on the test server; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `feedfold_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ url: withDatabase(TEST_DATABASE_URL, name), dataDir: '' });
  await migrateDatabase(database);
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      const a = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Settings for tests: private addresses allowed, short timeouts, a unique queue prefix. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
    FEEDFOLD_FETCH_TIMEOUT_MS: '3000',
    FEEDFOLD_CONNECT_TIMEOUT_MS: '2000',
    FEEDFOLD_QUEUE_PREFIX: `{fftest-${crypto.randomBytes(4).toString('hex')}}`,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** Queues under the config's unique prefix; close() also deletes their keys. */
export function createTestQueues(config: Config): Queues {
  const queues = createQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, attempts: 3 });
  const close = queues.close.bind(queues);
  queues.close = async () => {
    await Promise.allSettled([queues.poll.obliterate({ force: true }), queues.ingest.obliterate({ force: true })]);
    await close();
  };
  return queues;
}

/** A test file's own database and queues: created before its tests, closed and dropped after them. */
export function useTestStore(config: Config = testConfig()): { database: TestDatabase; queues: Queues } {
  const store = {} as { database: TestDatabase; queues: Queues };
  beforeAll(async () => {
    store.database = await createTestDatabase();
    store.queues = createTestQueues(config);
  });
  afterAll(async () => {
    await store.queues?.close();
    await store.database?.drop();
  });
  return store;
}

/** Deps wired to a test database and queues, with a clock the test may move. */
export function testDeps(config: Config, database: Database, queues: Queues, clock?: { now: Date }): Deps {
  return {
    config,
    log: silentLogger(),
    db: database.db,
    queues,
    fetch: fetchUrl,
    now: () => (clock ? new Date(clock.now) : new Date()),
    random: () => 0.5,
  };
}
