// The composition root: open the database and the queues once, build the deps every part receives.
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { useSignatureCache } from './db/signature-cache.ts';
import { rebuildKeysIfMissing } from './pipeline/rebuild-keys.ts';
import { fetchUrl } from './http/fetch.ts';
import { createQueues, type Queues } from './queue/queues.ts';
import { ensureRedis, type RedisHandle } from './queue/redis-server.ts';
import type { Deps } from './pipeline/deps.ts';
import { createHubAnnouncer } from './pipeline/announce.ts';
import { createSandboxReader, readLimitsFrom } from './sandbox/reader.ts';

/** Everything a running feedfold process holds open. */
export interface Runtime {
  deps: Deps;
  database: Database;
  queues: Queues;
  redis: RedisHandle;
  close(): Promise<void>;
}

/** Open the database (migrating it when asked) and the queues, and return the deps. */
export async function startRuntime(config: Config, log: Logger, opts: { migrate: boolean }): Promise<Runtime> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  useSignatureCache(database.db, config.signatureCacheItems);
  try {
    if (opts.migrate || database.kind === 'pglite') {
      await migrateDatabase(database);
      await rebuildKeysIfMissing({ config, db: database.db, log, now: () => new Date() });
    }
    const redis = await ensureRedis({
      url: config.redisUrl,
      cluster: config.redisCluster,
      autostart: config.redisAutostart,
      dataDir: config.dataDir,
      log,
    });
    const queues = createQueues({ redisUrl: redis.url, cluster: redis.cluster, prefix: config.queuePrefix, attempts: config.jobAttempts });
    queues.connection.on('error', (err) => log.warn({ error: err.message }, 'redis connection error'));
    const announcer = config.websubHubUrl
      ? createHubAnnouncer({ hubUrl: config.websubHubUrl, publicUrl: config.publicUrl, fetch: globalThis.fetch, log })
      : null;
    const reader = createSandboxReader({ threads: config.sandboxThreads, heapMb: config.sandboxHeapMb, youngMb: config.sandboxYoungMb, timeoutMs: config.sandboxTimeoutMs }, readLimitsFrom(config));
    const deps: Deps = {
      config,
      reader,
      log,
      db: database.db,
      queues,
      fetch: fetchUrl,
      now: () => new Date(),
      random: Math.random,
      ...(announcer ? { announce: announcer.announce } : {}),
    };
    return {
      deps,
      database,
      queues,
      redis,
      async close() {
        await announcer?.flush();
        await queues.close();
        await reader.close();
        await database.close();
        await redis.stop();
      },
    };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
