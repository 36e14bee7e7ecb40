// Browser sessions of the queue board: a random id in the cookie, its SHA-256 in Redis with an expiry. The admin
// token itself never leaves the login request, and a session ends on its own (or when Redis forgets it).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from '../queue/redis-connection.ts';

/** Where board sessions live. */
export interface BoardSessions {
  /** Start a session lasting `seconds`; returns its id (the cookie's value). */
  create(seconds: number): Promise<string>;
  /** True while the session with this id exists and has not expired. */
  isValid(id: string): Promise<boolean>;
}

/** Sessions as Redis keys under the queue prefix (one Cluster slot with it), named by the id's hash, expiring on their own. */
export function redisBoardSessions(redis: RedisClient, prefix: string): BoardSessions {
  const keyOf = (id: string) => `${prefix}:board-session:${sha256(id)}`;
  return {
    async create(seconds) {
      const id = randomBytes(32).toString('base64url');
      await redis.set(keyOf(id), '1', 'EX', seconds);
      return id;
    },
    async isValid(id) {
      // The key is a hash of the id: how long the look-up takes says nothing about a stored id.
      return id.length > 0 && id.length <= 128 && (await redis.exists(keyOf(id))) === 1;
    },
  };
}

/** Compare a secret given by a client with the expected one in constant time (lengths included: both are hashed first). */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
