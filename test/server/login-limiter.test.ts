// The failed-login limiter: in memory, and shared through a real Redis by limiters built as two server
// processes build them (each its own connection, one queue prefix), with the memory counters taking over
// when Redis does not answer. Each test counts under its own prefix; its keys are deleted after the file.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createAccount } from '../../src/db/accounts.ts';
import { feverApiKey } from '../../src/domain/accounts/password.ts';
import { silentLogger } from '../../src/log.ts';
import { connectRedis } from '../../src/queue/redis-connection.ts';
import { createApp } from '../../src/server/app.ts';
import { createMemoryLoginLimiter, createRedisLoginLimiter, loginCounterKey, type LoginLimiter } from '../../src/server/login-limiter.ts';
import { createTestDatabase, createTestQueues, testConfig, TEST_REDIS_URL, type TestDatabase } from '../helpers/services.ts';
import { useRedisPair } from '../helpers/redis-pair.ts';

const MAX = 3;
const WINDOW_MS = 60_000;
const redis = useRedisPair('login');

/** A logger keeping its JSON lines. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

const shared = (client: Redis, prefix: string, o: { log?: pino.Logger; timeoutMs?: number } = {}): LoginLimiter =>
  createRedisLoginLimiter({ redis: client, prefix, maxFailures: MAX, windowMs: WINDOW_MS, log: o.log ?? silentLogger(), timeoutMs: o.timeoutMs });


describe('createMemoryLoginLimiter', () => {
  it('blocks an address after its failures whatever names it tries, until the window passes', async () => {
    const limiter = createMemoryLoginLimiter(3, 60_000);
    for (const name of ['a', 'b', 'c']) await limiter.fail('10.0.0.1', name, 1000);
    expect(await limiter.blocked('10.0.0.1', 'd', 2000)).toBe(true);
    expect(await limiter.blocked('10.0.0.2', 'd', 2000)).toBe(false);
    expect(await limiter.blocked('10.0.0.1', 'd', 61_000)).toBe(false);
  });

  it('blocks a name tried from many addresses, and a good login clears the name only', async () => {
    const limiter = createMemoryLoginLimiter(2, 60_000);
    await limiter.fail('10.0.0.1', 'ana', 0);
    await limiter.fail('10.0.0.2', 'ana', 0);
    expect(await limiter.blocked('10.0.0.3', 'ana', 10)).toBe(true);
    await limiter.succeed('ana');
    expect(await limiter.blocked('10.0.0.3', 'ana', 10)).toBe(false);
    await limiter.fail('10.0.0.1', 'ben', 20);
    expect(await limiter.blocked('10.0.0.1', 'zed', 30)).toBe(true);
  });
});

type Attempt = ['A' | 'B', string, string];
describe('createRedisLoginLimiter across two server processes', () => {
  it.each<[string, Attempt[], [string, string], boolean]>([
    ['one name tried from addresses on both', [['A', '10.0.0.1', 'ana'], ['B', '10.0.0.2', 'ana'], ['A', '10.0.0.3', 'ana']], ['10.0.0.9', 'ana'], true],
    ['one address trying names on both', [['A', '10.0.0.1', 'a'], ['B', '10.0.0.1', 'b'], ['B', '10.0.0.1', 'c']], ['10.0.0.1', 'zed'], true],
    ['another address and name than the blocked ones', [['A', '10.0.0.1', 'ana'], ['B', '10.0.0.1', 'ana'], ['A', '10.0.0.1', 'ana']], ['10.0.0.2', 'ben'], false],
    ['one failure short of the limit', [['A', '10.0.0.1', 'ana'], ['B', '10.0.0.2', 'ana']], ['10.0.0.9', 'ana'], false],
  ])('%s: blocked on both processes as the limit says', async (_case, attempts, [address, name], expected) => {
    const prefix = redis.freshPrefix();
    const limiters = { A: shared(redis.a, prefix), B: shared(redis.b, prefix) };
    for (const [who, addr, n] of attempts) await limiters[who].fail(addr, n, 0);
    expect(await limiters.A.blocked(address, name, 0)).toBe(expected);
    expect(await limiters.B.blocked(address, name, 0)).toBe(expected);
  });

  it("a good login on one process clears the name's failures on the other", async () => {
    const prefix = redis.freshPrefix();
    const [a, b] = [shared(redis.a, prefix), shared(redis.b, prefix)];
    for (const addr of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await b.fail(addr, 'ana', 0);
    expect(await a.blocked('10.0.0.9', 'ana', 0)).toBe(true);
    await a.succeed('ana');
    expect(await b.blocked('10.0.0.9', 'ana', 0)).toBe(false);
  });

  it('two prefixes (two installations on one Redis) count apart', async () => {
    const [one, two] = [shared(redis.a, redis.freshPrefix()), shared(redis.b, redis.freshPrefix())];
    for (let i = 0; i < MAX; i++) await one.fail('10.0.0.1', 'ana', 0);
    expect(await one.blocked('10.0.0.1', 'ana', 0)).toBe(true);
    expect(await two.blocked('10.0.0.1', 'ana', 0)).toBe(false);
  });

  it('keeps only hashes in Redis, each expiring with the window from its first failure', async () => {
    const prefix = redis.freshPrefix();
    const limiter = shared(redis.a, prefix);
    await limiter.fail('10.0.0.1', 'ana', 0);
    const keys = await redis.a.keys(`${prefix}:*`);
    expect(keys.sort()).toEqual([loginCounterKey(prefix, 'addr:10.0.0.1'), loginCounterKey(prefix, 'name:ana')].sort());
    expect(keys.join(' ')).not.toMatch(/ana|10\.0\.0\.1/);
    for (const key of keys) {
      const ttl = await redis.a.pttl(key);
      expect(ttl).toBeGreaterThan(WINDOW_MS - 10_000);
      expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
    }
    // A later failure counts in the same window: it does not move the expiry.
    await redis.a.pexpire(loginCounterKey(prefix, 'name:ana'), 5_000);
    await limiter.fail('10.0.0.2', 'ana', 0);
    expect(await redis.a.pttl(loginCounterKey(prefix, 'name:ana'))).toBeLessThanOrEqual(5_000);
  });

  it('allows the name again once its window has ended (its keys expired)', async () => {
    const prefix = redis.freshPrefix();
    const limiter = shared(redis.a, prefix);
    for (const addr of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await limiter.fail(addr, 'ana', 0);
    expect(await limiter.blocked('10.0.0.9', 'ana', 0)).toBe(true);
    // An expiry time in the past is Redis expiring the key now: no waiting.
    await redis.a.pexpireat(loginCounterKey(prefix, 'name:ana'), Date.now() - 1);
    expect(await limiter.blocked('10.0.0.9', 'ana', 0)).toBe(false);
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that accepts connections and never answers (a stalled Redis). */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => void sockets.add(s)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
}

describe('createRedisLoginLimiter when Redis does not answer', () => {
  it.each([
    ['a closed port', async () => ({ port: await closedPort(), close: () => {} }), { enableOfflineQueue: false, connectTimeout: 200 }],
    ['a server that never answers', silentServer, { enableReadyCheck: false }],
  ])('%s: logins still answer, limited per process, one warning without names', async (_case, listen, options) => {
    const target = await listen();
    const clients = [0, 1].map(() => connectRedis(`redis://127.0.0.1:${target.port}`, { ...options, retryStrategy: () => 50 }));
    for (const client of clients) client.on('error', () => {});
    const logs = capturingLogger();
    try {
      const prefix = redis.freshPrefix();
      const [a, b] = clients.map((c) => shared(c, prefix, { log: logs.log, timeoutMs: 100 }));
      for (const addr of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        expect(await a!.blocked(addr, 'ana', 0)).toBe(false);
        await a!.fail(addr, 'ana', 0);
      }
      expect(await a!.blocked('10.0.0.9', 'ana', 0)).toBe(true);
      expect(await b!.blocked('10.0.0.9', 'ana', 0)).toBe(false);
      await a!.succeed('ana');
      expect(await a!.blocked('10.0.0.9', 'ana', 0)).toBe(false);
      expect(logs.warnings()).toHaveLength(2);
      expect(JSON.stringify(logs.lines)).not.toMatch(/ana|10\.0\.0\./);
    } finally {
      for (const client of clients) client.disconnect();
      target.close();
    }
  });

  it("warns once per outage, says so when Redis answers again, and Redis's count decides again", async () => {
    const client = connectRedis(TEST_REDIS_URL);
    client.on('error', () => {});
    const logs = capturingLogger();
    const limiter = shared(client, redis.freshPrefix(), { log: logs.log, timeoutMs: 100 });
    try {
      await limiter.fail('10.0.0.1', 'ana', 0);
      expect(logs.lines).toHaveLength(0);
      for (let outage = 1; outage <= 2; outage++) {
        client.disconnect();
        for (let i = 0; i < 3; i++) await limiter.fail('10.0.0.1', 'ana', 0);
        expect(logs.warnings()).toHaveLength(outage);
        await client.connect();
        // The outage's failures were counted in this process only: Redis's one failure is under the limit.
        expect(await limiter.blocked('10.0.0.1', 'ana', 0)).toBe(false);
        expect(logs.lines.filter((l) => l.level === 30)).toHaveLength(outage);
      }
    } finally {
      client.disconnect();
    }
  });
});

describe('reader logins through two server apps on one Redis', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await createAccount(database.db, 'ana', 'ana-password-1', new Date());
  });
  afterAll(async () => {
    await database?.drop();
  });

  const clientLogin = (password: string) => ({
    path: '/accounts/ClientLogin',
    body: new URLSearchParams({ Email: 'ana', Passwd: password }),
    refused: async (res: Response) => res.status === 429,
  });
  const fever = (key: string) => ({
    path: '/fever/?api',
    body: new URLSearchParams({ api_key: key }),
    refused: async (res: Response) => ((await res.json()) as { error?: string }).error === 'too many failed attempts',
  });

  it.each([
    ['Google Reader ClientLogin', clientLogin('wrong-password'), clientLogin('ana-password-1')],
    ['Fever', fever(feverApiKey('ana', 'wrong-password')), fever(feverApiKey('ana', 'ana-password-1'))],
  ])('%s: failures spread over both servers refuse the right password on both at the limit', async (_api, bad, good) => {
    const config = testConfig({ FEEDFOLD_LOGIN_MAX_FAILURES: String(MAX) });
    redis.track(config.queuePrefix);
    const queues = [createTestQueues(config), createTestQueues(config)];
    const [one, two] = queues.map((q) => createApp({ config, db: database.db, log: silentLogger(), queues: q }).app);
    const post = (app: typeof one, req: typeof bad) => app!.request(req.path, { method: 'POST', body: req.body });
    try {
      expect(await good.refused(await post(two, good))).toBe(false);
      for (const app of [one, two, one]) expect(await bad.refused(await post(app, bad))).toBe(false);
      expect(await good.refused(await post(two, good))).toBe(true);
      expect(await good.refused(await post(one, good))).toBe(true);
    } finally {
      for (const q of queues) await q.close();
    }
  });
});
