// The per-host budget against a real Redis, shared by two "workers" (two connections); each test has its own prefix.
import { describe, expect, it } from 'vitest';
import { acquireHostSlot, hostLimitsFrom, hostOf, type HostLimits } from '../../src/queue/host-limiter.ts';
import { loadConfig } from '../../src/config.ts';
import { useRedisPair } from '../helpers/redis-pair.ts';

const redis = useRedisPair('hosts');

const limits = (o: Partial<HostLimits> = {}): HostLimits => ({ maxConcurrent: 2, maxPerMinute: 30, leaseMs: 60_000, ...o });

describe('host limiter', () => {
  it('holds at most maxConcurrent requests in flight per host, across workers', async () => {
    const prefix = redis.freshPrefix();
    const a1 = await acquireHostSlot(redis.a, prefix, 'news.example', limits());
    const b1 = await acquireHostSlot(redis.b, prefix, 'news.example', limits());
    const b2 = await acquireHostSlot(redis.b, prefix, 'news.example', limits());
    expect([a1.granted, b1.granted, b2.granted]).toEqual([true, true, false]);
    expect(b2).toMatchObject({ reason: 'concurrency' });
    // Another host has its own budget.
    expect((await acquireHostSlot(redis.b, prefix, 'other.example', limits())).granted).toBe(true);
    if (a1.granted) await a1.release();
    expect((await acquireHostSlot(redis.b, prefix, 'news.example', limits())).granted).toBe(true);
  });

  it('spends at most maxPerMinute requests per host per minute, across workers, and says when the next frees', async () => {
    const prefix = redis.freshPrefix();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const slot = await acquireHostSlot(i % 2 ? redis.b : redis.a, prefix, 'busy.example', limits({ maxPerMinute: 5 }));
      outcomes.push(slot.granted);
      if (slot.granted) await slot.release();
    }
    expect(outcomes).toEqual([true, true, true, true, true, false]);
    const refused = await acquireHostSlot(redis.a, prefix, 'busy.example', limits({ maxPerMinute: 5 }));
    expect(refused).toMatchObject({ granted: false, reason: 'rate' });
    if (!refused.granted) {
      expect(refused.retryAfterMs).toBeGreaterThan(50_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
  });

  it('takes back the slot of a worker that died mid-fetch when its lease ends', async () => {
    const prefix = redis.freshPrefix();
    const short = limits({ maxConcurrent: 1, leaseMs: 150 });
    expect((await acquireHostSlot(redis.a, prefix, 'crash.example', short)).granted).toBe(true);
    expect((await acquireHostSlot(redis.b, prefix, 'crash.example', short)).granted).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect((await acquireHostSlot(redis.b, prefix, 'crash.example', short)).granted).toBe(true);
  });

  it('still works after the server forgot its cached scripts (a restart or SCRIPT FLUSH)', async () => {
    const prefix = redis.freshPrefix();
    expect((await acquireHostSlot(redis.a, prefix, 'flush.example', limits())).granted).toBe(true);
    await redis.a.script('FLUSH');
    const slot = await acquireHostSlot(redis.a, prefix, 'flush.example', limits());
    expect(slot.granted).toBe(true);
    expect(await redis.a.zcard(`${prefix}:hosts:flush.example:active`)).toBe(2);
  });

  it('keeps its keys under the prefix and lets them expire', async () => {
    const prefix = redis.freshPrefix();
    await acquireHostSlot(redis.a, prefix, 'keys.example', limits());
    const keys = await redis.a.keys(`${prefix}:*`);
    expect(keys.sort()).toEqual([`${prefix}:hosts:keys.example:active`, `${prefix}:hosts:keys.example:recent`]);
    for (const key of keys) expect(await redis.a.pttl(key)).toBeGreaterThan(0);
  });

  it.each([
    ['the defaults', {}, { maxConcurrent: 2, maxPerMinute: 30, leaseMs: 120_000 }],
    ['settings', { FEEDFOLD_HOST_MAX_CONCURRENT: '1', FEEDFOLD_HOST_MAX_PER_MINUTE: '5', FEEDFOLD_FETCH_TIMEOUT_MS: '1000' }, { maxConcurrent: 1, maxPerMinute: 5, leaseMs: 4000 }],
  ])('limits from %s', (_name, env, expected) => {
    expect(hostLimitsFrom(loadConfig(env))).toEqual(expected);
  });

  it.each([
    ['https://News.Example/feed.xml', 'news.example'],
    ['http://127.0.0.1:8080/a', '127.0.0.1:8080'],
    ['https://news.example:443/a', 'news.example'],
    ['http://[::1]:8080/a', '[::1]:8080'],
    ['not a url', null],
  ])('host of %s is %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});
