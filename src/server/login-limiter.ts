// Failed-login counters per client address and per account name, in this process's memory: each server
// process counts on its own (a deployment of N servers allows N times the limit), which bounds online
// password guessing without a shared store. Windows are fixed: FEEDFOLD_LOGIN_WINDOW_SECONDS long.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/** Counters of failed logins, keyed "addr:<ip>" and "name:<account>". */
export interface LoginLimiter {
  /** Whether either key is over the limit now. */
  blocked(address: string, name: string, now: number): boolean;
  /** Count one failure against both keys. */
  fail(address: string, name: string, now: number): void;
  /** Forget the account's failures after a good login. */
  succeed(name: string): void;
}

/** Most keys kept at once; beyond it the oldest windows are dropped first (bounded memory under a flood). */
export const LOGIN_LIMITER_MAX_KEYS = 100_000;

/** A limiter allowing `maxFailures` per key in each window of `windowMs`. */
export function createLoginLimiter(maxFailures: number, windowMs: number): LoginLimiter {
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
    blocked: (address, name, now) => over(`addr:${address}`, now) || over(`name:${name}`, now),
    fail: (address, name, now) => {
      bump(`addr:${address}`, now);
      bump(`name:${name}`, now);
    },
    succeed: (name) => counts.delete(`name:${name}`),
  };
}

/** The client's address as the socket saw it (no X-Forwarded-For: it is the client's to forge). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
