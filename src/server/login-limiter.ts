// Failed-login counters per client address and per account name. A server with queues keeps them in Redis,
// shared by every server process (N processes allow the limit once, not N times), under the queue prefix (two
// installations on one Redis count apart) and named by a hash (Redis holds no account name or address).
// Windows are fixed: FEEDFOLD_LOGIN_WINDOW_SECONDS from a key's first failure (its Redis expiry). When Redis
// does not answer within LOGIN_REDIS_TIMEOUT_MS, that request is judged by this process's own counters,
// which every failure also feeds: during an outage logins stay limited per process, as without Redis.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { describeError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { RedisClient } from '../queue/redis-connection.ts';

/** Counters of failed logins, keyed "addr:<ip>" and "name:<account>". */
export interface LoginLimiter {
  /** Whether either key is over the limit now. */
  blocked(address: string, name: string, now: number): Promise<boolean>;
  /** Count one failure against both keys. */
  fail(address: string, name: string, now: number): Promise<void>;
  /** Forget the account's failures after a good login. */
  succeed(name: string): Promise<void>;
}

/** Most keys kept at once in memory; beyond it the oldest windows are dropped first (bounded memory under a flood). */
export const LOGIN_LIMITER_MAX_KEYS = 100_000;

/**
 * Longest a login waits for Redis before this process's counters decide instead. A healthy Redis answers in
 * well under a millisecond; half a second keeps a login answering promptly when Redis stalls or is down.
 */
export const LOGIN_REDIS_TIMEOUT_MS = 500;

/** A limiter in this process's memory allowing `maxFailures` per key in each window of `windowMs`. */
export function createMemoryLoginLimiter(maxFailures: number, windowMs: number): LoginLimiter {
  const counts = new Map<string, { since: number; n: number }>();
  const over = (key: string, now: number) => {
    const c = counts.get(key);
    if (!c) return false;
    if (now - c.since >= windowMs) {
      counts.delete(key);
      return false;
    }
    return c.n >= maxFailures;
  };
  const bump = (key: string, now: number) => {
    const c = counts.get(key);
    if (c && now - c.since < windowMs) c.n += 1;
    else {
      counts.delete(key);
      counts.set(key, { since: now, n: 1 });
    }
    // Map order is insertion order: the first key is the oldest window.
    while (counts.size > LOGIN_LIMITER_MAX_KEYS) counts.delete(counts.keys().next().value as string);
  };
  return {
    blocked: async (address, name, now) => over(`addr:${address}`, now) || over(`name:${name}`, now),
    fail: async (address, name, now) => {
      bump(`addr:${address}`, now);
      bump(`name:${name}`, now);
    },
    succeed: async (name) => {
      counts.delete(`name:${name}`);
    },
  };
}

/** Where a shared limiter counts, and what it allows. */
export interface RedisLoginLimiterOptions {
  redis: RedisClient;
  /** The queue prefix (FEEDFOLD_QUEUE_PREFIX): its {hash tag} puts a request's two keys in one Cluster slot. */
  prefix: string;
  maxFailures: number;
  windowMs: number;
  log: Logger;
  /** Default LOGIN_REDIS_TIMEOUT_MS. */
  timeoutMs?: number;
}

// KEYS: the failure counters to bump. ARGV: the window in ms. A counter's first failure starts its window.
const FAIL_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
  end
end
return 1
`;

/** Name of the fail script as a command on a connection (ioredis defineCommand: EVALSHA, its text only on NOSCRIPT). */
const FAIL_COMMAND = 'feedfoldLoginFail';

type WithFail = { [FAIL_COMMAND]: (...args: (string | number)[]) => Promise<unknown> };

/** The Redis key of a counter ("addr:<ip>" or "name:<account>"): a hash under the prefix, never the name itself. */
export function loginCounterKey(prefix: string, counter: string): string {
  return `${prefix}:login-failures:${createHash('sha256').update(counter).digest('hex')}`;
}

/** A limiter shared through Redis by every server process on `prefix`, with this process's counters as its fallback. */
export function createRedisLoginLimiter(opts: RedisLoginLimiterOptions): LoginLimiter {
  const { redis, prefix, maxFailures, windowMs, log } = opts;
  const timeoutMs = opts.timeoutMs ?? LOGIN_REDIS_TIMEOUT_MS;
  const local = createMemoryLoginLimiter(maxFailures, windowMs);
  const keys = (address: string, name: string) => [loginCounterKey(prefix, `addr:${address}`), loginCounterKey(prefix, `name:${name}`)];
  let down = false;
  let firstReady: Promise<void> | null = null;
  // Wait for a connection still opening (a server's first logins); during a known outage, do not wait at all.
  const ready = (): Promise<void> => {
    if (redis.status === 'ready') return Promise.resolve();
    if (down) return Promise.reject(new Error(`Redis connection ${redis.status}`));
    firstReady ??= new Promise<void>((resolve) => redis.once('ready', () => resolve())).finally(() => (firstReady = null));
    return firstReady;
  };
  /** The answer of `op`, or `fallback`'s when Redis fails or is late: a warning once per outage, never the keys. */
  const shared = async <T>(op: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    try {
      const result = await askWithin(ready, timeoutMs, op);
      if (down) log.info('login limiter: Redis answers again; failed logins are counted across server processes');
      down = false;
      return result;
    } catch (err) {
      if (!down) log.warn({ error: describeError(err) }, 'login limiter: Redis does not answer; failed logins are counted per server process until it does');
      down = true;
      return fallback();
    }
  };
  return {
    blocked: (address, name, now) =>
      shared(
        async () => (await redis.mget(...keys(address, name))).some((n) => Number(n ?? 0) >= maxFailures),
        () => local.blocked(address, name, now),
      ),
    async fail(address, name, now) {
      await local.fail(address, name, now);
      await shared(
        async () => {
          if (!(FAIL_COMMAND in redis)) redis.defineCommand(FAIL_COMMAND, { numberOfKeys: 2, lua: FAIL_SCRIPT });
          await (redis as unknown as WithFail)[FAIL_COMMAND](...keys(address, name), windowMs);
        },
        async () => {},
      );
    },
    async succeed(name) {
      await local.succeed(name);
      await shared(
        async () => {
          await redis.del(loginCounterKey(prefix, `name:${name}`));
        },
        async () => {},
      );
    },
  };
}

/** `op` once `ready` resolves, or a rejection when `timeoutMs` passes first (a command not yet sent then never is). */
async function askWithin<T>(ready: () => Promise<void>, timeoutMs: number, op: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const ask = async () => {
    await ready();
    if (late) throw new Error('too late to ask');
    return op();
  };
  try {
    return await Promise.race([ask(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The client's address as the socket saw it (no X-Forwarded-For: it is the client's to forge). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
