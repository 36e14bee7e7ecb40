// The entry points docker compose runs (migrate, serve, scheduler, worker), started as plain
// processes against real PostgreSQL and Redis, with feeds from the fixture web.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import { cliEnv, runCli, startCli, waitFor } from '../helpers/cli.ts';
import { createQueues } from '../../src/queue/queues.ts';

let web: FixtureWeb;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  web = await startFixtureWeb();
  database = await createTestDatabase();
  env = cliEnv(testDatabaseUrl(database.name), TEST_REDIS_URL, `cli-${database.name.slice(-6)}`, {
    FEEDFOLD_SCHEDULER_TICK_SECONDS: '1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  });
});

afterAll(async () => {
  const q = createQueues({ redisUrl: TEST_REDIS_URL, prefix: env.FEEDFOLD_QUEUE_PREFIX as string, attempts: 1 });
  await Promise.allSettled([q.poll.obliterate({ force: true }), q.ingest.obliterate({ force: true })]);
  await q.close();
  await database?.drop();
  await web?.close();
});

describe('compose entry points as processes', () => {
  it('migrate, feeds add, then serve + scheduler + worker fold the fixture web and serve it', async () => {
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    const added = await runCli(['feeds', 'add', web.url('/wire/feed.xml'), web.url('/digest/atom.xml'), '--no-discover'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added\t\d+\t.*wire\/feed\.xml/);
    const port = await freePort();
    const procs = [
      startCli(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' }),
      startCli(['scheduler'], env),
      startCli(['worker'], env),
    ];
    try {
      const feed = await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/feed.json`);
          const doc = (await res.json()) as { items: { _feedfold: { sources: number } }[] };
          return doc.items.length === 4 && doc.items.filter((i) => i._feedfold.sources === 2).length === 2 ? doc : null;
        },
        45_000,
        'four stories in /feed.json',
      );
      expect(feed.items.filter((i) => i._feedfold.sources === 2)).toHaveLength(2);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      const list = await runCli(['feeds', 'list'], env);
      expect(list.stdout).toMatch(/\tactive\t3\t/);
    } finally {
      const codes = await Promise.all(procs.map((p) => p.stop()));
      // Each process stops cleanly on SIGTERM.
      expect(codes).toEqual([0, 0, 0]);
    }
  }, 90_000);

  it('a command with a bad setting stops with a message naming the variable', async () => {
    const r = await runCli(['migrate'], { ...env, PORT: 'not-a-port' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PORT/);
  });

  it('no Redis and no way to start one: one clear message naming the fix', async () => {
    const r = await runCli(['worker'], { ...env, REDIS_URL: 'redis://127.0.0.1:1', FEEDFOLD_REDIS_AUTOSTART: 'false' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No Redis answers at redis:\/\/127\.0\.0\.1:1.*REDIS_URL/s);
  });
});
