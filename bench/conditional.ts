// Why the merged feed keeps its own conditional-request code (src/server/conditional.ts) instead of hono/etag, in
// one run over the fixture web folded into a scratch database: a revalidation that matches is answered 304 from
// the time of the last story change (one small query), where hono/etag must render the whole page to hash it; and
// hono/etag does not read If-Modified-Since (RFC 9110 §13.1.3), so a client sending only that gets the page again.
// Needs the test PostgreSQL and Redis (TEST_DATABASE_URL, TEST_REDIS_URL). BENCH_CONDITIONAL_REQUESTS: default 200.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { createApp } from '../src/server/app.ts';
import { silentLogger } from '../src/log.ts';
import { startFixtureWeb } from '../scripts/lib/fixture-web.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../test/helpers/services.ts';
import { seedFixtureWeb } from '../test/helpers/seed.ts';

const REQUESTS = Number(process.env.BENCH_CONDITIONAL_REQUESTS ?? 200);

/** Median ms of `n` sequential requests. */
async function timeRequests(n: number, request: () => Response | Promise<Response>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await request()).arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Compare feedfold's conditional GET of /feed.xml with hono/etag in front of the same rendering. */
export async function runConditionalBench(): Promise<string> {
  const web = await startFixtureWeb();
  const database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_PUBLIC_URL: 'http://feeds.example' });
  const queues = createTestQueues(config);
  try {
    await seedFixtureWeb(testDeps(config, database, queues), web);
    const ours = createApp({ config, db: database.db, log: silentLogger() }).app;
    // hono/etag hashes the rendered body: the inner app answers without the request's preconditions.
    const hono = new Hono();
    hono.use('/feed.xml', etag({ weak: true }));
    hono.get('/feed.xml', (c) => ours.request(c.req.path));
    const first = await ours.request('/feed.xml');
    const oursTag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    const honoTag = (await hono.request('/feed.xml')).headers.get('etag') ?? '';
    const statusOf = async (app: Hono, headers: Record<string, string>) => (await app.request('/feed.xml', { headers })).status;
    const checks = {
      oursTag: await statusOf(ours, { 'If-None-Match': oursTag }),
      honoTag: await statusOf(hono, { 'If-None-Match': honoTag }),
      oursDate: await statusOf(ours, { 'If-Modified-Since': lastModified }),
      honoDate: await statusOf(hono, { 'If-Modified-Since': lastModified }),
    };
    const full = await timeRequests(REQUESTS, () => ours.request('/feed.xml'));
    const oursMs = await timeRequests(REQUESTS, () => ours.request('/feed.xml', { headers: { 'If-None-Match': oursTag } }));
    const honoMs = await timeRequests(REQUESTS, () => hono.request('/feed.xml', { headers: { 'If-None-Match': honoTag } }));
    return [
      `revalidating /feed.xml (fixture web, ${first.headers.get('content-length') ?? (await first.text()).length} bytes), median of ${REQUESTS} requests`,
      '| answer | status | ms | ratio to a full 200 |',
      '|---|---:|---:|---:|',
      `| full page, no precondition | 200 | ${full.toFixed(2)} | 1.00 |`,
      `| If-None-Match, feedfold (conditional.ts) | ${checks.oursTag} | ${oursMs.toFixed(2)} | ${(oursMs / full).toFixed(2)} |`,
      `| If-None-Match, hono/etag | ${checks.honoTag} | ${honoMs.toFixed(2)} | ${(honoMs / full).toFixed(2)} |`,
      `| If-Modified-Since only, feedfold | ${checks.oursDate} | | |`,
      `| If-Modified-Since only, hono/etag | ${checks.honoDate} | | |`,
    ].join('\n');
  } finally {
    await queues.close();
    await database.drop();
    await web.close();
  }
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) console.log(await runConditionalBench());
