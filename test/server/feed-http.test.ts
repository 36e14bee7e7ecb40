// The merged feed over HTTP as clients expect it: entry ids that survive a change of public URL, Host and
// port; brotli and gzip by Accept-Encoding with Vary; RFC 9110 conditional requests; Cache-Control.
import zlib from 'node:zlib';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { chooseEncoding } from '../../src/server/compress.ts';
import { silentLogger } from '../../src/log.ts';
import { testConfig } from '../helpers/services.ts';
import { useSeededWorld } from '../helpers/seed.ts';

const world = useSeededWorld();
let app: Hono;

const appWith = (env: Record<string, string>) => createApp({ config: testConfig(env), db: world.database.db, log: silentLogger() }).app;

beforeAll(() => {
  app = appWith({ FEEDFOLD_PUBLIC_URL: 'http://feeds.example' });
});

async function entryIds(a: Hono, host: string): Promise<string[]> {
  const headers = { Host: host };
  const json = (await (await a.request('/feed.json', { headers })).json()) as { items: { id: string }[] };
  const rss = await (await a.request('/feed.xml', { headers })).text();
  const atom = await (await a.request('/feed.atom', { headers })).text();
  return [
    ...json.items.map((i) => i.id),
    ...[...rss.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1] as string),
    ...[...atom.matchAll(/<entry[^>]*><id>([^<]+)<\/id>/g)].map((m) => m[1] as string),
  ];
}

describe('entry ids never change with configuration', () => {
  it('are the same when FEEDFOLD_PUBLIC_URL, the Host header and PORT all change', async () => {
    const before = await entryIds(appWith({ PORT: '8080' }), 'localhost:8080');
    const after = await entryIds(appWith({ FEEDFOLD_PUBLIC_URL: 'https://news.example.org/feeds', PORT: '9191' }), 'news.example.org');
    expect(before.length).toBeGreaterThanOrEqual(12);
    expect(after).toEqual(before);
    for (const id of before) expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('differ between stories, and the story page they point to resolves', async () => {
    const doc = (await (await app.request('/feed.json')).json()) as { items: { id: string; _feedfold: { story_url: string } }[] };
    expect(new Set(doc.items.map((i) => i.id)).size).toBe(doc.items.length);
    const page = new URL(doc.items[0]?._feedfold.story_url ?? '');
    expect(page.origin).toBe('http://feeds.example');
    expect((await app.request(page.pathname)).status).toBe(200);
  });
});

describe('compression by Accept-Encoding', () => {
  it.each([
    ['gzip, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0.1, gzip', 'gzip'],
    ['identity', null],
    ['', null],
  ])('%j → %s', (header, coding) => {
    expect(chooseEncoding(header)).toBe(coding);
  });

  it.each([
    ['/feed.json', 'br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['/feed.xml', 'gzip', (b: Buffer) => zlib.gunzipSync(b)],
    ['/feed.atom', 'br', (b: Buffer) => zlib.brotliDecompressSync(b)],
    ['/', 'gzip', (b: Buffer) => zlib.gunzipSync(b)],
  ])('%s in %s decodes to the identity body, smaller, with Vary', async (path, coding, decode) => {
    const plain = await app.request(path);
    const packed = await app.request(path, { headers: { 'Accept-Encoding': coding === 'br' ? 'gzip, deflate, br' : 'gzip' } });
    expect(packed.headers.get('content-encoding')).toBe(coding);
    expect(packed.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const plainBody = Buffer.from(await plain.arrayBuffer());
    const packedBody = Buffer.from(await packed.arrayBuffer());
    expect(packedBody.length).toBeLessThan(plainBody.length * 0.6);
    expect(decode(packedBody).equals(plainBody)).toBe(true);
    expect(packed.headers.get('etag')).toBe(plain.headers.get('etag'));
  });
});

describe('conditional requests (RFC 9110 §13)', () => {
  let etag = '';
  let lastModified = '';
  beforeAll(async () => {
    const res = await app.request('/feed.xml');
    etag = res.headers.get('etag') ?? '';
    lastModified = res.headers.get('last-modified') ?? '';
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });
  const past = () => new Date(Date.parse(lastModified) - 3_600_000).toUTCString();

  it.each<[string, number, () => Record<string, string>]>([
    ['the same weak tag', 304, () => ({ 'If-None-Match': etag })],
    ['the tag without W/ (weak comparison)', 304, () => ({ 'If-None-Match': etag.replace(/^W\//, '') })],
    ['a list holding the tag', 304, () => ({ 'If-None-Match': `"other", ${etag} , W/"x"` })],
    ['*', 304, () => ({ 'If-None-Match': '*' })],
    ['another tag', 200, () => ({ 'If-None-Match': 'W/"nope"' })],
    ['If-Modified-Since at Last-Modified', 304, () => ({ 'If-Modified-Since': lastModified })],
    ['If-Modified-Since before Last-Modified', 200, () => ({ 'If-Modified-Since': past() })],
    ['an unparseable If-Modified-Since', 200, () => ({ 'If-Modified-Since': 'yesterday' })],
    ['a stale tag with a fresh date: If-None-Match decides', 200, () => ({ 'If-None-Match': 'W/"nope"', 'If-Modified-Since': lastModified })],
    ['a matching tag with an old date: If-None-Match decides', 304, () => ({ 'If-None-Match': etag, 'If-Modified-Since': past() })],
  ])('%s → %i', async (_name, status, headers) => {
    const res = await app.request('/feed.xml', { headers: headers() });
    expect(res.status).toBe(status);
    expect(res.headers.get('etag')).toBe(etag);
    if (status === 304) expect(await res.text()).toBe('');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
  });
});
