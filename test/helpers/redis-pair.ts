// Two Redis connections as two processes on one Redis hold them, and key prefixes of the test file's own: what the
// tests of state shared through Redis (host budget, login counters) start from. The prefixes' keys are deleted after
// the file, and the connections closed.
import crypto from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Redis } from 'ioredis';
import { connectRedis } from '../../src/queue/redis-connection.ts';
import { TEST_REDIS_URL } from './services.ts';

export interface RedisPair {
  /** The first "process"'s connection (set before the file's tests run). */
  a: Redis;
  /** The second one's. */
  b: Redis;
  /** A new prefix in Redis Cluster's hash-tag braces, its keys deleted after the file. */
  freshPrefix(): string;
  /** Delete this prefix's keys after the file too (a prefix made elsewhere, e.g. by testConfig). */
  track(prefix: string): void;
}

/** Register the pair for this test file: `label` names its prefixes (`{fftest-<label>-<random>}`). */
export function useRedisPair(label: string): RedisPair {
  const prefixes: string[] = [];
  const pair = {
    freshPrefix() {
      const prefix = `{fftest-${label}-${crypto.randomBytes(4).toString('hex')}}`;
      prefixes.push(prefix);
      return prefix;
    },
    track(prefix: string) {
      prefixes.push(prefix);
    },
  } as RedisPair;
  beforeAll(() => {
    pair.a = connectRedis(TEST_REDIS_URL);
    pair.b = connectRedis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await pair.a.keys(`${prefix}:*`);
      if (keys.length) await pair.a.del(...keys);
    }
    pair.a.disconnect();
    pair.b.disconnect();
  });
  return pair;
}
