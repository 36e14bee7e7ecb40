// Limits on what one input may make feedfold do: feeds tried by autodiscovery (each fetch inside the host budget)
// and feeds added by one OPML import; each at its limit and one past it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { writeOpml } from '../../src/domain/opml.ts';
import { silentLogger } from '../../src/log.ts';
import { subscribe } from '../../src/pipeline/subscribe.ts';
import { createApp } from '../../src/server/app.ts';
import { createTestQueues, testConfig, testDeps, useTestStore } from '../helpers/services.ts';

const store = useTestStore();
let server: Server;
let base: string;
const requests: string[] = [];

const announcing = (n: number) =>
  `<!doctype html><html><head>${Array.from({ length: n }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}.xml">`).join('')}</head><body>x</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const page = /^\/site(\d+)\//.exec(req.url ?? '');
    if (page) res.writeHead(200, { 'content-type': 'text/html' }).end(announcing(Number(page[1])));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('autodiscovery', () => {
  it.each([
    ['at the limit', 4],
    ['one past it', 5],
    ['300 announced', 300],
  ])('a page announcing feeds %s gets at most FEEDFOLD_DISCOVER_MAX_CANDIDATES fetches', async (_name, announced) => {
    const config = testConfig({ FEEDFOLD_DISCOVER_MAX_CANDIDATES: '4', FEEDFOLD_HOST_MAX_PER_MINUTE: '1000', FEEDFOLD_HOST_MAX_CONCURRENT: '10' });
    requests.length = 0;
    const r = await subscribe(testDeps(config, store.database, store.queues), `${base}/site${announced}/`);
    expect(r).toMatchObject({ ok: false, error: 'no feed found at this address' });
    expect(requests).toEqual([`/site${announced}/`, '/f0.xml', '/f1.xml', '/f2.xml', '/f3.xml']);
  });

  it('fetches inside the host budget: over it, subscribing stops and says so', async () => {
    const config = testConfig({ FEEDFOLD_HOST_MAX_PER_MINUTE: '3', FEEDFOLD_QUEUE_PREFIX: '{fftest-budget-limit}' });
    const budgetQueues = createTestQueues(config);
    try {
      requests.length = 0;
      const r = await subscribe(testDeps(config, store.database, budgetQueues), `${base}/site300/`);
      expect(requests).toHaveLength(3);
      expect(r).toMatchObject({ ok: false });
      expect(!r.ok && r.error).toMatch(/over its rate budget; try again in \d+ s/);
    } finally {
      await budgetQueues.close();
    }
  });
});

describe('OPML import', () => {
  const TOKEN = 'limits-token';
  const opml = (n: number, tag: string) =>
    writeOpml(Array.from({ length: n }, (_, i) => ({ url: `https://${tag}${i}.example/rss`, title: null, htmlUrl: null, folder: null })), 'Many');
  const post = (app: ReturnType<typeof createApp>['app'], path: string, body: string) =>
    app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/x-opml' }, body });

  it.each([
    ['/api/opml', 'admin'],
    ['/api/users/reader/opml', 'reader'],
  ])('%s adds FEEDFOLD_OPML_MAX_FEEDS feeds, and refuses one more whole with 413', async (path, tag) => {
    const config = testConfig({ FEEDFOLD_ADMIN_TOKEN: TOKEN, FEEDFOLD_OPML_MAX_FEEDS: '3' });
    const { app } = createApp({ config, db: store.database.db, log: silentLogger() });
    if (tag === 'reader') expect((await app.request('/api/users', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'reader', password: 'long enough secret' }) })).status).toBe(201);
    const count = async () => Number((await queryRows<{ n: string }>(store.database.db, sql`select count(*) as n from feeds where url like ${`https://${tag}%`}`))[0]?.n);
    const over = await post(app, path, opml(4, `${tag}-over-`));
    expect(over.status).toBe(413);
    expect(await over.text()).toContain('FEEDFOLD_OPML_MAX_FEEDS');
    expect(await count()).toBe(0);
    expect((await post(app, path, opml(3, `${tag}-at-`))).status).toBe(201);
    expect(await count()).toBe(3);
  });
});
