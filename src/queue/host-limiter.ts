// Politeness shared by every worker: per host, at most N requests in flight and M requests per minute.
// One Lua script checks and takes a slot atomically in Redis, on the server's clock, so workers on
// different machines agree. A slot is a lease: a worker that dies mid-fetch frees it when it expires.
import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import type { RedisClient } from './redis-connection.ts';

/**
 * A slot not released after this many whole-fetch time limits (FEEDFOLD_FETCH_TIMEOUT_MS) is taken back: a
 * live fetch always ends first, and a worker that died mid-fetch frees its host within minutes (2 min by default).
 */
export const HOST_LEASE_FETCH_LIMITS = 4;
/** A poll refused for concurrency tries again after this: feed fetches take well under a second each. */
export const CONCURRENCY_RETRY_MS = 5_000;

/** The per-host budget. */
export interface HostLimits {
  maxConcurrent: number;
  maxPerMinute: number;
  leaseMs: number;
}

/** A granted slot (release it when the request ends) or a refusal saying when to try again. */
export type HostSlot =
  | { granted: true; release(): Promise<void> }
  | { granted: false; reason: 'concurrency' | 'rate'; retryAfterMs: number };

const WINDOW_MS = 60_000;

// KEYS: active leases (zset token → expiry ms), recent requests (zset token → start ms).
// ARGV: maxConcurrent, maxPerMinute, leaseMs, windowMs, token, concurrencyRetryMs.
// Returns {1} granted, {0, 'concurrency'|'rate', retryAfterMs} refused.
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local maxConcurrent, maxPerMinute = tonumber(ARGV[1]), tonumber(ARGV[2])
local leaseMs, windowMs = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[1]) >= maxConcurrent then
  return {0, 'concurrency', tonumber(ARGV[6])}
end
if redis.call('ZCARD', KEYS[2]) >= maxPerMinute then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, 'rate', math.max(1, tonumber(oldest[2]) + windowMs - now)}
end
redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[5])
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], leaseMs)
redis.call('PEXPIRE', KEYS[2], windowMs)
return {1}
`;

/** Name of the acquire script as a command on a connection (ioredis defineCommand). */
const ACQUIRE_COMMAND = 'feedfoldAcquireHostSlot';

/** A connection with the acquire command defined on it. */
type WithAcquire = { [ACQUIRE_COMMAND]: (...args: (string | number)[]) => Promise<unknown> };

/**
 * Run the acquire script as a command defined on the connection: ioredis sends it by hash (EVALSHA) and its
 * text only when the server lacks it (NOSCRIPT, after a restart or SCRIPT FLUSH), on a single server as on a cluster.
 */
async function runAcquire(redis: RedisClient, args: (string | number)[]): Promise<unknown> {
  if (!(ACQUIRE_COMMAND in redis)) redis.defineCommand(ACQUIRE_COMMAND, { numberOfKeys: 2, lua: ACQUIRE_SCRIPT });
  return (redis as unknown as WithAcquire)[ACQUIRE_COMMAND](...args);
}

/**
 * The host a URL's requests count against: host name and port, lower case, the scheme's default port left
 * out (http://a/ and https://a/ share a budget; two servers on one machine's ports do not, as browsers count
 * connections per host and port). null when the URL cannot be read.
 */
export function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host || null : null;
}

/** The budget from the settings (FEEDFOLD_HOST_MAX_CONCURRENT, FEEDFOLD_HOST_MAX_PER_MINUTE; the lease from FEEDFOLD_FETCH_TIMEOUT_MS). */
export function hostLimitsFrom(config: Pick<Config, 'hostMaxConcurrent' | 'hostMaxPerMinute' | 'fetchTimeoutMs'>): HostLimits {
  return {
    maxConcurrent: config.hostMaxConcurrent,
    maxPerMinute: config.hostMaxPerMinute,
    leaseMs: HOST_LEASE_FETCH_LIMITS * config.fetchTimeoutMs,
  };
}

/**
 * Take a request slot for `host` if its budget allows, counted under `prefix` (the queue prefix). Both keys
 * start with the prefix, whose {hash tag} puts them in one Redis Cluster slot, as a script's keys must be.
 */
export async function acquireHostSlot(redis: RedisClient, prefix: string, host: string, limits: HostLimits): Promise<HostSlot> {
  const active = `${prefix}:hosts:${host}:active`;
  const recent = `${prefix}:hosts:${host}:recent`;
  const token = crypto.randomUUID();
  const reply = (await runAcquire(redis, [
    active,
    recent,
    limits.maxConcurrent,
    limits.maxPerMinute,
    limits.leaseMs,
    WINDOW_MS,
    token,
    CONCURRENCY_RETRY_MS,
  ])) as [number, string?, number?];
  if (reply[0] !== 1) {
    return { granted: false, reason: reply[1] === 'rate' ? 'rate' : 'concurrency', retryAfterMs: Number(reply[2] ?? CONCURRENCY_RETRY_MS) };
  }
  return {
    granted: true,
    async release() {
      await redis.zrem(active, token);
    },
  };
}
