// The HTTP app in-process: merged feeds in three formats, conditional GET, filters, paging,
// health, readiness, metrics and the admin API's auth and problem details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import type { Hono } from 'hono';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';
import { seedFixtureWeb } from '../helpers/seed.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import type { Queues } from '../../src/queue/queues.ts';

let web: FixtureWeb;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;
let app: Hono;
const TOKEN = 'test-token-123';

beforeAll(async () => {
  web = await startFixtureWeb();
  database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_ADMIN_TOKEN: TOKEN, FEEDFOLD_PUBLIC_URL: 'http://feeds.example', FEEDFOLD_FEED_PAGE_SIZE: '2' });
  queues = createTestQueues(config);
  await seedFixtureWeb(testDeps(config, database, queues), web);
  app = createApp({ config, db: database.db, log: silentLogger(), pingQueue: async () => true }).app;
});
afterAll(async () => {
  await queues?.close();
  await database?.drop();
  await web?.close();
});

async function allPages(path: string): Promise<{ id: string; sources: number }[]> {
  const out: { id: string; sources: number }[] = [];
  let next: string | undefined = path;
  while (next) {
    const res = await app.request(next.replace('http://feeds.example', ''));
    const doc = (await res.json()) as { next_url?: string; items: { id: string; _feedfold: { sources: number } }[] };
    out.push(...doc.items.map((i) => ({ id: i.id, sources: i._feedfold.sources })));
    next = doc.next_url;
  }
  return out;
}

describe('merged feeds', () => {
  it('RSS 2.0 parses back with one item per story, newest first, listing the other sources', async () => {
    const res = await app.request('/feed.xml?page=1');
    expect(res.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    const feed = await new Parser().parseString(await res.text());
    expect(feed.items).toHaveLength(2);
    const dates = feed.items.map((i) => Date.parse(i.pubDate ?? ''));
    expect(dates[0]).toBeGreaterThanOrEqual(dates[1] as number);
    expect(feed.items.every((i) => /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(i.guid ?? ''))).toBe(true);
  });

  it('Atom 1.0 parses back and links each copy as related', async () => {
    const text = await (await app.request('/feed.atom?min_sources=2')).text();
    const feed = await new Parser().parseString(text);
    expect(feed.items.length).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/<link rel="related" href="http:\/\/127\.0\.0\.1:\d+\/digest\/p\/100[12]\.html"/);
  });

  it('JSON Feed 1.1 pages through every story exactly once', async () => {
    const all = await allPages('/feed.json');
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const first = (await (await app.request('/feed.json')).json()) as { version: string; next_url?: string };
    expect(first.version).toBe('https://jsonfeed.org/version/1.1');
    expect(first.next_url).toMatch(/^http:\/\/feeds\.example\/feed\.json\?page=2$/);
  });

  it.each([
    ['min_sources=2', (s: { sources: number }[]) => s.every((x) => x.sources >= 2) && s.length >= 1],
    ['language=de', (s: { sources: number }[]) => s.length === 0],
    ['q=wheat', (s: { sources: number }[]) => s.length === 1],
  ])('filter %s', async (query, check) => {
    expect(check(await allPages(`/feed.json?${query}`))).toBe(true);
  });

  it('language=fr lists the one story seen in French, with the English original as its entry and both languages', async () => {
    const doc = (await (await app.request('/feed.json?language=fr')).json()) as {
      items: { url: string; tags: string[]; _feedfold: { sources: number; languages: string[]; also_reported_by: { url: string; language: string }[] } }[];
    };
    expect(doc.items).toHaveLength(1);
    const [story] = doc.items;
    expect(story?.url).toMatch(/\/wire\/2026\/11\/24\/putin-pezeshkian-syria\.html$/);
    expect([...(story?._feedfold.languages ?? [])].sort()).toEqual(['en', 'fr']);
    expect(story?.tags).toContain('lang:fr');
    expect(story?._feedfold.also_reported_by.find((m) => m.language === 'fr')?.url).toMatch(/digest-fr\/article\/77\.html$/);
  });

  it('answers a conditional GET with 304 and no body', async () => {
    const first = await app.request('/feed.xml');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/feed.xml', { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('reader page, health, metrics', () => {
  it('the reader page lists stories with their source counts, without scripts', async () => {
    const html = await (await app.request('/?min_sources=2')).text();
    expect(html).toMatch(/<article class="story"/);
    expect(html).toMatch(/2 sources/);
    expect(html).not.toMatch(/<script/);
  });

  it('pages with Older/Newer links that keep the filters', async () => {
    const first = await (await app.request('/?language=en')).text();
    expect(first).toContain('<a rel="next" href="/?language=en&amp;page=2">Older</a>');
    const second = await (await app.request('/?language=en&page=2')).text();
    expect(second).toContain('<a rel="prev" href="/?language=en">Newer</a>');
    expect(second).toMatch(/<article class="story"/);
  });

  it('healthz and readyz answer; metrics expose row counts', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = (await (await app.request('/readyz')).json()) as { database: boolean };
    expect(ready.database).toBe(true);
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/feedfold_rows\{kind="stories"\} [1-9]/);
  });
});

describe('admin API', () => {
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it.each([
    [undefined, 401],
    ['Bearer wrong', 401],
  ])('refuses %s with a problem document', async (header, status) => {
    const res = await app.request('/api/feeds', { headers: header ? { Authorization: header } : {} });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('lists, adds, pauses and removes feeds', async () => {
    const list = (await (await app.request('/api/feeds', { headers: auth })).json()) as { feeds: { id: number }[] };
    expect(list.feeds).toHaveLength(3);
    const add = await app.request('/api/feeds', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://news.example/feed.xml?utm_source=x' }),
    });
    expect(add.status).toBe(201);
    const { feed } = (await add.json()) as { feed: { id: number; url: string } };
    expect(feed.url).toBe('https://news.example/feed.xml');
    expect((await app.request(`/api/feeds/${feed.id}/pause`, { method: 'POST', headers: auth })).status).toBe(200);
    expect((await app.request(`/api/feeds/${feed.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await app.request(`/api/feeds/${feed.id}`, { headers: auth })).status).toBe(404);
  });

  it('rejects an invalid body with 400', async () => {
    const res = await app.request('/api/feeds', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"url":"javascript:alert(1)"}' });
    expect(res.status).toBe(400);
  });
});
