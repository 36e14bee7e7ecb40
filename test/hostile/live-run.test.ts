// `feedfold run`, started as an operator starts it, polling hostile feeds beside a normal one on a loopback web:
// /healthz keeps answering through the polls, the normal feed's items are stored, each hostile feed ends with
// its own outcome (a clear error, or its good entries) and is not fetched again and again, and SIGTERM stops
// the process. Before the sandbox and the linear scans, the DOCTYPE feed alone froze the process at 100 % CPU,
// deaf to /healthz and SIGTERM, and the 3 MB '&' feed killed it.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFeed } from '../../src/db/feeds.ts';
import { queryRows } from '../../src/db/client.ts';
import { startCli, waitFor } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import { dropQueues, faultEnv, isRunning, killHard, queuesOf, type Proc } from '../faults/harness.ts';
import type { Queues } from '../../src/queue/queues.ts';

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>c</title><link>https://e.org/</link>${items}</channel></rss>`;

/** What the loopback web serves: one normal feed and its pages, and the hostile feeds. */
function documents(base: string): Record<string, [string, string | Buffer]> {
  const normal = [1, 2, 3].map((n) => `<item><guid>normal-${n}</guid><link>${base}/page/${n}</link><title>Normal story ${n}</title><description>Text of story ${n}.</description></item>`);
  return {
    '/normal.xml': ['application/rss+xml', rss(normal.join(''))],
    // 2^40 steps of backtracking for the old DOCTYPE pattern: the whole process froze.
    '/doctype.xml': ['application/rss+xml', `<?xml version="1.0"?><!DOCTYPE x ${'[ ] '.repeat(40)}`],
    // Exhausted a 256 MB heap in the '&' repair, and the stalled job crashed every restart.
    '/ampersands.xml': ['application/rss+xml', rss(`<item><guid>amp</guid><title>${'&'.repeat(3_000_000)}</title></item>`)],
    // One entry with a NUL, one with a 20,000-character guid and link: they blocked the insert of the whole feed.
    '/bad-entries.json': ['application/feed+json', JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'bad entries',
      items: [
        { id: 'good-1', url: `${base}/page/4`, title: 'Good entry', content_text: 'Fine.' },
        { id: 'nul', url: `${base}/page/5`, title: 'NUL \u0000 inside', content_text: 'a\u0000b' },
        { id: randomBytes(10_000).toString('hex'), url: `${base}/${'l'.repeat(20_000)}`, title: 'Long guid', content_text: 'x' },
      ],
    })],
  };
}

let server: http.Server;
let base: string;
const hits = new Map<string, number>();
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
let queues: Queues;
let proc: Proc | undefined;
const feedIds: Record<string, number> = {};

/** A port free now, for the process's HTTP server (it reports the port it was given, not the one it got). */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const doc = documents(base)[path];
    if (doc) return res.writeHead(200, { 'content-type': doc[0] }).end(doc[1]);
    if (path.startsWith('/page/')) return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Story</title></head><body><article><h1>Story</h1><p>${'A sentence of the story. '.repeat(20)}</p></article></body></html>`);
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  database = await createTestDatabase();
  for (const path of Object.keys(documents(base))) feedIds[path] = (await addFeed(database.db, { url: `${base}${path}` }, new Date())).feed.id;
  env = faultEnv(testDatabaseUrl(database.name), TEST_REDIS_URL, { PORT: String(await freePort()), HOST: '127.0.0.1' });
  queues = queuesOf(env);
});

afterAll(async () => {
  if (proc) await killHard(proc);
  await queues?.close().catch(() => {});
  if (queues) await dropQueues(queuesOf(env));
  await database?.drop();
  await new Promise((resolve) => server?.close(resolve));
});

interface FeedRow {
  id: number | string;
  state: string;
  last_error: string | null;
  items: number;
}

async function feedRows(): Promise<Map<number, FeedRow>> {
  const rows = await queryRows<FeedRow>(database.db, sql`select f.id, f.state, f.last_error, (select count(*)::int from items i where i.feed_id = f.id) as items from feeds f`);
  return new Map(rows.map((r) => [Number(r.id), r]));
}

describe('feedfold run against hostile feeds beside a normal one', () => {
  it('keeps answering /healthz, stores the normal feed, fails each hostile feed alone and once, and stops on SIGTERM', async () => {
    const running = startCli(['run'], env);
    proc = running;
    const healthz = `http://127.0.0.1:${env.PORT}/healthz`;
    await waitFor(async () => (await fetch(healthz)).ok, 60_000, 'the server to answer');

    // /healthz asked again and again while the feeds are polled: a blocked event loop never answers (5 s per ask,
    // so that a slow answer is measured rather than cut off), and every answer must come within a second.
    const unanswered: string[] = [];
    const latencies: number[] = [];
    let answered = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const asked = performance.now();
        const res = await fetch(healthz, { signal: AbortSignal.timeout(5_000) }).catch((err: Error) => err);
        if (res instanceof Error || !res.ok) unanswered.push(res instanceof Error ? res.message : String(res.status));
        else {
          answered++;
          latencies.push(performance.now() - asked);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    const settled = await waitFor(async () => {
      const rows = await feedRows();
      const done = (path: string) => {
        const row = rows.get(feedIds[path] as number);
        return row && (row.items > 0 || row.last_error);
      };
      return Object.keys(feedIds).every(done) && (rows.get(feedIds['/normal.xml'] as number)?.items ?? 0) === 3 ? rows : null;
    }, 120_000, 'every feed polled').catch(async (err: Error) => {
      const state = JSON.stringify([...(await feedRows()).values()].map((r) => ({ ...r, last_error: r.last_error?.slice(0, 200) })));
      throw new Error(`${err.message}\n${state}\n${JSON.stringify([...hits.entries()].filter(([p]) => !p.startsWith('/page')))}\n${running.output().slice(-3000)}`);
    });
    // A few scheduler ticks more: a feed whose failure were taken for ours would be polled again at once.
    await new Promise((r) => setTimeout(r, 5_000));
    watching = false;
    await watch;

    expect(unanswered).toEqual([]);
    expect(answered).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect(isRunning(running)).toBe(true);
    const rows = await feedRows();
    const row = (path: string) => rows.get(feedIds[path] as number);
    expect(row('/normal.xml')).toMatchObject({ items: 3, last_error: null, state: 'active' });
    expect(row('/doctype.xml')?.last_error).toMatch(/not a feed|ParseError|no root/i);
    expect(row('/doctype.xml')?.items).toBe(0);
    // The '&' feed is read within the sandbox's budget (its entry stored) or stopped by it (a clear error).
    const amp = row('/ampersands.xml');
    expect(amp?.items === 1 || /FEEDFOLD_SANDBOX_|not read/.test(amp?.last_error ?? '')).toBe(true);
    expect(row('/bad-entries.json')).toMatchObject({ items: 3, last_error: null });
    for (const path of ['/doctype.xml', '/ampersands.xml', '/bad-entries.json']) expect(hits.get(path), path).toBe(1);

    const stopped = Date.now();
    expect(await running.stop()).toBe(0);
    // SIGTERM is handled: a process whose event loop is blocked never runs its handler.
    expect(Date.now() - stopped).toBeLessThan(30_000);
    proc = undefined;
  }, 240_000);
});
