// Sources are outlets: an article that two feeds of one site carry counts once, on the story line, in the
// feeds' source counts and in the min_sources filter.
import fs from 'node:fs';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureWebRoot } from '../../scripts/lib/fixture-web.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import { seedFixtureWeb, useSeededWorld } from '../helpers/seed.ts';
import { testConfig, testDeps } from '../helpers/services.ts';

const world = useSeededWorld();
let app: Hono;

type Item = { title: string; _feedfold: { sources: number; items: number } };
const items = async (query: string) => ((await (await app.request(`/feed.json${query}`)).json()) as { items: Item[] }).items;

beforeAll(async () => {
  // A second feed of the wire site ("World" section) carrying the same articles.
  world.web.override('/wire/world.xml', fs.readFileSync(`${fixtureWebRoot}/wire/feed.xml`, 'utf8').replace('<title>Kremlin Wire</title>', '<title>Kremlin Wire: World</title>'));
  const config = testConfig();
  await seedFixtureWeb(testDeps(config, world.database, world.queues), world.web, [{ path: '/wire/world.xml', folder: 'World' }]);
  app = createApp({ config, db: world.database.db, log: silentLogger() }).app;
});

describe('sources counted as outlets', () => {
  it('a story in two feeds of one site has two items but one source', async () => {
    const lavrov = (await items('')).find((i) => /Lavrov/.test(i.title));
    expect(lavrov?._feedfold).toMatchObject({ items: 2, sources: 1 });
  });

  it.each([
    ['?min_sources=2', (i: Item[]) => i.length >= 2 && i.every((x) => x._feedfold.sources >= 2) && !i.some((x) => /Lavrov/.test(x.title))],
    ['?min_sources=3', (i: Item[]) => i.length === 1 && /Syria/.test(i[0]?.title ?? '')],
  ])('%s keeps only stories with that many outlets', async (query, check) => {
    expect(check(await items(query))).toBe(true);
  });

  it('the reader page names each outlet once', async () => {
    const html = await (await app.request('/')).text();
    const line = /<article class="story"[^>]*><h3><a[^>]*>Lavrov[^<]*<\/a><\/h3>\s*<p class="outlets"[^>]*>(.*?)<\/p>/s.exec(html)?.[1] ?? '';
    expect(line.match(/<bdi/g)).toHaveLength(1);
    expect(html).toMatch(/Lavrov[\s\S]*?1 source\b/);
  });
});
