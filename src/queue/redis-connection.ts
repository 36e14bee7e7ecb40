// The one place a Redis connection is built: a single server (`Redis`) or a Redis Cluster (`Cluster`,
// FEEDFOLD_REDIS_CLUSTER=true, REDIS_URL listing seed nodes). The queues, the workers, the per-host
// budget, readiness and metrics all take their connection from here, so cluster mode reaches all of them.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** Where Redis is: one URL, or (cluster) one or more seed node URLs separated by commas. */
export interface RedisTarget {
  url: string;
  cluster: boolean;
}

/** A connection to either kind; both run the same commands, scripts and pipelines. */
export type RedisClient = Redis | Cluster;

/** Delay between reconnect attempts: grows with each attempt, capped, and never gives up (a Redis restart must not kill workers). */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(200 * attempt, 5_000);
}

/** Options BullMQ needs on every ioredis connection it uses. */
export function redisOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelayMs,
  };
}

/** The seed URLs of a REDIS_URL (comma-separated, blanks ignored). */
export function splitRedisSeeds(url: string): string[] {
  return url
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** ioredis Cluster options from the seeds: credentials and TLS of the first seed apply to every node. */
function clusterOptions(seeds: URL[], extra: RedisOptions): ClusterOptions {
  const first = seeds[0];
  // Reconnecting and lazy connection are the cluster's business, not each node's.
  const { retryStrategy, lazyConnect, ...perNode } = { ...redisOptions(), ...extra };
  return {
    clusterRetryStrategy: retryStrategy ?? reconnectDelayMs,
    lazyConnect: lazyConnect ?? false,
    // After a failover the cluster answers CLUSTERDOWN / MOVED for a moment: retry rather than fail.
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 300,
    redisOptions: {
      ...perNode,
      ...(first?.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first?.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(first?.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/** A new connection with BullMQ's required options: a plain URL is one server; a target may name a cluster. */
export function connectRedis(target: string, extra?: RedisOptions): Redis;
export function connectRedis(target: RedisTarget, extra?: RedisOptions): RedisClient;
export function connectRedis(target: string | RedisTarget, extra: RedisOptions = {}): RedisClient {
  const t = typeof target === 'string' ? { url: target, cluster: false } : target;
  if (!t.cluster) return new Redis(t.url, { ...redisOptions(), ...extra });
  const seeds = splitRedisSeeds(t.url).map((s) => new URL(s));
  const nodes = seeds.map((u) => ({ host: u.hostname, port: Number(u.port || 6379) }));
  return new Cluster(nodes, clusterOptions(seeds, extra));
}

/** True when Redis answers PING at `target` within `timeoutMs` (a cluster: when its state is ok). */
export async function pingRedis(target: string | RedisTarget, timeoutMs = 1_500): Promise<boolean> {
  const t = typeof target === 'string' ? { url: target, cluster: false } : target;
  const client = connectRedis(t, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs * 2).unref());
  const probe = async (): Promise<boolean> => {
    await client.connect();
    if (client instanceof Cluster) return /cluster_state:ok/.test(await client.cluster('INFO'));
    return (await client.ping()) === 'PONG';
  };
  try {
    return await Promise.race([probe(), timer]);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
