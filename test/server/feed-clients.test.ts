// The merged feed as real clients read it, every page of it over the fixture web: Atom against RFC 4287's
// RELAX NG schema (Debian's jing), RSS and Atom through Debian's python3-feedparser (no bozo) and newsboat,
// RSS 2.0 and JSON Feed 1.1 field by field; entries name their outlet and language.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { DOMParser } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import { testConfig } from '../helpers/services.ts';
import { useSeededWorld } from '../helpers/seed.ts';
import { requireTool } from '../helpers/tools.ts';

const execFileAsync = promisify(execFile);
const SCHEMA = path.resolve('test/fixtures/schemas/atom.rnc');
const PAGE_SIZE = '2';
const world = useSeededWorld({ FEEDFOLD_FEED_PAGE_SIZE: PAGE_SIZE });
let server: ServerType;
let base = '';
let tmp = '';
const pages: Record<'rss' | 'atom' | 'json', { url: string; body: string; file: string }[]> = { rss: [], atom: [], json: [] };

/** Follow a feed's next links from its first page, saving every page to a file. */
async function fetchAllPages(kind: keyof typeof pages, first: string, nextOf: (body: string) => string | null): Promise<void> {
  let url: string | null = `${base}${first}`;
  while (url) {
    const body = await (await fetch(url)).text();
    const file = path.join(tmp, `${kind}-${pages[kind].length + 1}.${kind === 'json' ? 'json' : 'xml'}`);
    fs.writeFileSync(file, body);
    pages[kind].push({ url, body, file });
    const next = nextOf(body);
    url = next ? `${base}${next}` : null;
    expect(pages[kind].length).toBeLessThan(50);
  }
}

const xml = (body: string) => new DOMParser().parseFromString(body, 'text/xml') as unknown as Document;
const nextLink = (body: string) => xml(body).querySelector('link[rel="next"]')?.getAttribute('href') ?? null;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-clients-'));
  const config = testConfig({ FEEDFOLD_FEED_PAGE_SIZE: PAGE_SIZE });
  const { app } = createApp({ config, db: world.database.db, log: silentLogger() });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Links in the documents use the configured public URL; page through them on this server.
  const local = (u: string | null) => (u ? new URL(u).pathname + new URL(u).search : null);
  await fetchAllPages('rss', '/feed.xml', (b) => local(xml(b).querySelector('channel > atom\\:link[rel="next"]')?.getAttribute('href') ?? null));
  await fetchAllPages('atom', '/feed.atom', (b) => local(nextLink(b)));
  await fetchAllPages('json', '/feed.json', (b) => local((JSON.parse(b) as { next_url?: string }).next_url ?? null));
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('paging covers every story in every format', () => {
  it('has more than one page and the same entries in all three formats', () => {
    expect(pages.atom.length).toBeGreaterThan(1);
    const atomIds = pages.atom.flatMap((p) => [...xml(p.body).querySelectorAll('entry > id')].map((e) => e.textContent));
    const rssIds = pages.rss.flatMap((p) => [...xml(p.body).querySelectorAll('item > guid')].map((e) => e.textContent));
    const jsonIds = pages.json.flatMap((p) => (JSON.parse(p.body) as { items: { id: string }[] }).items.map((i) => i.id));
    expect(atomIds.length).toBeGreaterThanOrEqual(4);
    expect(new Set(atomIds).size).toBe(atomIds.length);
    expect(rssIds).toEqual(atomIds);
    expect(jsonIds).toEqual(atomIds);
  });
});

describe('Atom against RFC 4287 (jing)', () => {
  it('every page validates against the RELAX NG schema', () => {
    if (!requireTool('jing', [SCHEMA])) return;
    const result = spawnSync('jing', ['-c', SCHEMA, ...pages.atom.map((p) => p.file)], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('every id, link href, category scheme and source id is an absolute IRI', () => {
    expect(pages.atom.length).toBeGreaterThan(1);
    for (const page of pages.atom) {
      const doc = xml(page.body);
      const iris = [
        ...[...doc.querySelectorAll('id')].map((e) => e.textContent ?? ''),
        ...[...doc.querySelectorAll('link')].map((e) => e.getAttribute('href') ?? ''),
        ...[...doc.querySelectorAll('category[scheme]')].map((e) => e.getAttribute('scheme') ?? ''),
        ...[...doc.querySelectorAll('author > uri')].map((e) => e.textContent ?? ''),
      ];
      expect(iris.length).toBeGreaterThan(4);
      for (const iri of iris) expect(() => new URL(iri), iri).not.toThrow();
    }
  });

  it('each entry names its outlet as author, its feed as source, and its language', () => {
    const entries = pages.atom.flatMap((p) => [...xml(p.body).querySelectorAll('entry')]);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const e of entries) {
      expect(e.querySelector('author > name')?.textContent).toMatch(/\S/);
      expect(e.querySelector('source > title')?.textContent).toMatch(/\S/);
      expect(e.getAttribute('xml:lang')).toMatch(/^[a-z]{2}$/);
    }
    const syria = entries.find((e) => /Moscow and Tehran/.test(e.querySelector('title')?.textContent ?? ''));
    expect(syria?.querySelector('author > name')?.textContent).toBe('Wire staff (Kremlin Wire)');
    expect(syria?.querySelector('source > title')?.textContent).toBe('Kremlin Wire');
    expect(syria?.getAttribute('xml:lang')).toBe('en');
  });
});

type ParsedFeed = { bozo: boolean; bozo_exception: string; version: string; entries: { id: string; author: string | null; content: string; source_title: string | null; dc_language?: string | null; language?: string | null }[] };

describe('python3-feedparser reads RSS and Atom without complaint', () => {
  const read = (files: string[]): ParsedFeed[] => {
    const r = spawnSync('/usr/bin/python3', ['test/helpers/feedparser-read.py', ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as ParsedFeed[];
  };

  it.each(['rss', 'atom'] as const)('%s: bozo is false on every page; every entry has an author and paragraphs', (kind) => {
    if (!requireTool('/usr/bin/python3', ['-c', 'import feedparser'])) return;
    const parsed = read(pages[kind].map((p) => p.file));
    for (const doc of parsed) {
      expect(doc.bozo_exception).toBe('');
      expect(doc.bozo).toBe(false);
      expect(doc.version).toBe(kind === 'rss' ? 'rss20' : 'atom10');
      for (const e of doc.entries) {
        expect(e.id).toMatch(/^urn:uuid:/);
        expect(e.author).toMatch(/\S/);
        expect(e.source_title).toMatch(/\S/);
        expect(e.content).toMatch(/^<p>/);
      }
    }
    const contents = parsed.flatMap((d) => d.entries.map((e) => e.content));
    expect(contents.some((c) => (c.match(/<p>/g) ?? []).length >= 3)).toBe(true);
  });
});

describe('newsboat reads RSS and Atom', () => {
  // Run asynchronously: the server answering newsboat lives in this process.
  it.each([['rss', '/feed.xml'], ['atom', '/feed.atom']] as const)('%s: every story arrives with its outlet as author', async (_kind, feedPath) => {
    if (!requireTool('newsboat', ['--version'])) return;
    const dir = fs.mkdtempSync(path.join(tmp, 'newsboat-'));
    const urls = path.join(dir, 'urls');
    const cache = path.join(dir, 'cache.db');
    fs.writeFileSync(urls, `${base}${feedPath}\n`);
    fs.writeFileSync(path.join(dir, 'config'), '');
    const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
    await execFileAsync('newsboat', ['-u', urls, '-c', cache, '-C', path.join(dir, 'config'), '-x', 'reload'], { env, timeout: 30_000 });
    const rows = spawnSync('sqlite3', ['-json', cache, 'select guid, title, author, url from rss_item'], { encoding: 'utf8' });
    const items = JSON.parse(rows.stdout || '[]') as { guid: string; title: string; author: string; url: string }[];
    // newsboat reads the first page (it does not follow RFC 5005 next links).
    expect(items).toHaveLength(Number(PAGE_SIZE));
    for (const item of items) {
      expect(item.guid).toMatch(/^urn:uuid:/);
      expect(item.author).toMatch(/\S/);
      expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    }
  });
});

describe('RSS 2.0 field by field', () => {
  it('channel and items carry the required and the promised elements', () => {
    expect(pages.rss.length).toBeGreaterThan(1);
    let checked = 0;
    for (const page of pages.rss) {
      const doc = xml(page.body);
      const channel = doc.querySelector('channel');
      for (const el of ['title', 'link', 'description', 'lastBuildDate']) expect(channel?.querySelector(`:scope > ${el}`)?.textContent, el).toMatch(/\S/);
      expect(Number.isNaN(Date.parse(channel?.querySelector(':scope > lastBuildDate')?.textContent ?? ''))).toBe(false);
      for (const item of doc.querySelectorAll('item')) {
        checked++;
        expect(item.querySelector('title')?.textContent).toMatch(/\S/);
        expect(() => new URL(item.querySelector('link')?.textContent ?? '')).not.toThrow();
        expect(item.querySelector('guid')?.getAttribute('isPermaLink')).toBe('false');
        expect(new Date(item.querySelector('pubDate')?.textContent ?? '').toUTCString()).toBe(item.querySelector('pubDate')?.textContent);
        expect(item.querySelector('dc\\:creator, creator')?.textContent).toMatch(/\S/);
        expect(item.querySelector('dc\\:language, language')?.textContent).toMatch(/^[a-z]{2}$/);
        const source = item.querySelector('source');
        expect(() => new URL(source?.getAttribute('url') ?? '')).not.toThrow();
        expect(source?.textContent).toMatch(/\S/);
        expect(item.querySelector('comments')?.textContent).toMatch(/\/stories\/\d+$/);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('JSON Feed 1.1 field by field', () => {
  it('top-level and items follow the spec; authors and language are set', () => {
    expect(pages.json.length).toBeGreaterThan(1);
    expect(pages.json.flatMap((p) => (JSON.parse(p.body) as { items: unknown[] }).items).length).toBeGreaterThanOrEqual(4);
    for (const page of pages.json) {
      const doc = JSON.parse(page.body) as Record<string, unknown> & { items: Record<string, unknown>[] };
      expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
      expect(typeof doc.title).toBe('string');
      expect(() => new URL(doc.feed_url as string)).not.toThrow();
      expect(() => new URL(doc.home_page_url as string)).not.toThrow();
      expect(doc).not.toHaveProperty('author');
      for (const item of doc.items) {
        expect(typeof item.id).toBe('string');
        expect(typeof item.content_html).toBe('string');
        expect(new Date(item.date_published as string).toISOString()).toBe(item.date_published);
        expect(new Date(item.date_modified as string).toISOString()).toBe(item.date_modified);
        const authors = item.authors as { name: string; url?: string }[];
        expect(authors[0]?.name).toMatch(/\S/);
        expect(item.language).toMatch(/^[a-z]{2}$/);
        for (const key of Object.keys(item)) {
          expect(['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments'].includes(key) || key.startsWith('_'), key).toBe(true);
        }
      }
    }
  });
});
