// The reader page and a story page in a real browser (Debian's Chromium, JavaScript off) at phone size,
// with Arabic, Hebrew and Chinese stories beside the English ones: stories render right to left where
// their language is, outlets show on the story line, copies expand from <details>, nothing scrolls
// sideways. Screenshots go to FEEDFOLD_ARTIFACTS (default: a temp dir; the path is printed), and to docs/
// when FEEDFOLD_DOCS_SCREENSHOTS=1. Runs where /usr/bin/chromium is installed (scripts/ensure-chromium.sh, which `npm test` runs), and must in CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';
import { FIXTURE_FEEDS, SCRIPT_FEEDS, seedFixtureWeb } from '../helpers/seed.ts';
import { requireTool } from '../helpers/tools.ts';
import { createApp } from '../../src/server/app.ts';
import { listStories } from '../../src/db/story-reads.ts';
import { silentLogger } from '../../src/log.ts';
import type { Queues } from '../../src/queue/queues.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 360, height: 740 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.runIf(requireTool(CHROMIUM, ['--version'], 'scripts/ensure-chromium.sh'))('reader page in headless Chromium', () => {
  let web: FixtureWeb;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let queues: Queues;
  let server: ServerType;
  let base = '';
  let tmp = '';
  let context: BrowserContext;
  let page: Page;
  let storyCount = 0;
  let artifacts = '';

  beforeAll(async () => {
    web = await startFixtureWeb();
    database = await createTestDatabase();
    const config = testConfig();
    queues = createTestQueues(config);
    await seedFixtureWeb(testDeps(config, database, queues), web, [...FIXTURE_FEEDS, ...SCRIPT_FEEDS]);
    storyCount = (await listStories(database.db, { limit: 1000, offset: 0 })).length;
    const { app } = createApp({ config, db: database.db, log: silentLogger() });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-reader-'));
    artifacts = process.env.FEEDFOLD_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-artifacts-'));
    fs.mkdirSync(artifacts, { recursive: true });
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    page = await context.newPage();
    await page.goto(`${base}/`);
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await queues?.close();
    await database?.drop();
    await web?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('renders one article per story, with source counts and languages', async () => {
    expect(storyCount).toBeGreaterThanOrEqual(4);
    expect(await page.locator('article.story').count()).toBe(storyCount);
    expect(await page.locator('h2.day').count()).toBeGreaterThanOrEqual(1);
    const meta = await page.locator('article.story .meta').allInnerTexts();
    expect(meta.some((m) => /\b[2-9] sources\b/.test(m) && /\ben\b/.test(m))).toBe(true);
  });

  it('expands the copies of a story on click, without JavaScript', async () => {
    const details = page.locator('article.story details').filter({ hasText: 'copies' }).first();
    const firstCopy = details.locator('li').first();
    expect(await firstCopy.isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.getAttribute('open')).not.toBeNull();
    expect(await firstCopy.isVisible()).toBe(true);
  });

  it('fits a phone screen without horizontal scroll', async () => {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(innerWidth).toBe(PHONE.width);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });

  it('takes a screenshot that shows more than a blank page', async () => {
    const shot = path.join(tmp, 'reader.png');
    await page.screenshot({ path: shot, fullPage: true });
    const blankPage = await context.newPage();
    await blankPage.setContent('<!doctype html><html><body></body></html>');
    const blank = await blankPage.screenshot({ fullPage: true });
    const bytes = fs.readFileSync(shot);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(bytes.length).toBeGreaterThan(blank.length * 5);
    if (process.env.FEEDFOLD_KEEP_SCREENSHOT) fs.copyFileSync(shot, process.env.FEEDFOLD_KEEP_SCREENSHOT);
  });

  it('sets lang and dir per story: Arabic and Hebrew right to left, Chinese and English left to right', async () => {
    const dirs = await page.locator('article.story').evaluateAll((els) =>
      els.map((el) => ({ lang: el.getAttribute('lang'), direction: getComputedStyle(el).direction, align: getComputedStyle(el.querySelector('h3') as Element).textAlign })),
    );
    const byLang = new Map(dirs.map((d) => [d.lang, d]));
    for (const lang of ['ar', 'he']) expect(byLang.get(lang)).toMatchObject({ direction: 'rtl', align: 'right' });
    for (const lang of ['zh', 'en']) expect(byLang.get(lang)?.direction).toBe('ltr');
  });

  it('names the outlets on the story line and links every story to its page', async () => {
    const lines = await page.locator('article.story .outlets').allInnerTexts();
    expect(lines).toHaveLength(storyCount);
    expect(lines.some((l) => l.includes('Kremlin Wire') && l.includes('World Digest'))).toBe(true);
    expect(lines.some((l) => l.includes('صدى الميناء'))).toBe(true);
    expect(await page.locator('article.story a[href^="/stories/"]').count()).toBe(storyCount);
  });

  it('offers filters as links that narrow the page', async () => {
    await page.locator('nav.filters a', { hasText: /^he$/ }).click();
    expect(new URL(page.url()).searchParams.get('language')).toBe('he');
    expect(await page.locator('article.story').count()).toBe(1);
    await page.goto(`${base}/`);
  });

  it('screenshots the reader page and an Arabic story page at phone width', async () => {
    const shots: string[] = [];
    // docs/ gets what a phone shows first (small files for the README); artifacts get whole pages.
    const docs = process.env.FEEDFOLD_DOCS_SCREENSHOTS ? (name: string) => page.screenshot({ path: path.join('docs', name), fullPage: true, clip: { x: 0, y: 0, width: PHONE.width, height: 1_300 } }) : async () => undefined;
    const reader = path.join(artifacts, 'reader-page.png');
    await page.screenshot({ path: reader, fullPage: true });
    await docs('reader-page.png');
    shots.push(reader);
    const arabic = page.locator('article.story[lang="ar"] a[href^="/stories/"]').first();
    await arabic.click();
    expect(await page.locator('article.canonical').getAttribute('dir')).toBe('rtl');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const story = path.join(artifacts, 'story-page.png');
    await page.screenshot({ path: story, fullPage: true });
    await docs('story-page.png');
    shots.push(story);
    for (const shot of shots) expect(fs.readFileSync(shot).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    console.log(`screenshots: ${shots.join(' ')}`);
    await page.goto(`${base}/`);
  });
});
