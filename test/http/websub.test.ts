// WebSub: the merged feeds advertise the configured hub, and pingHub tells a (local, real HTTP) hub what changed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig } from '../helpers/services.ts';
import { createApp } from '../../src/server/app.ts';
import { mergedFeedTopics, pingHub } from '../../src/http/websub.ts';
import { silentLogger } from '../../src/log.ts';

interface Received { method: string; type: string; body: string }
let hub: http.Server;
let hubUrl = '';
const received: Received[] = [];
let answer = 204;

beforeAll(async () => {
  hub = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', type: req.headers['content-type'] ?? '', body });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub`;
});
afterAll(async () => {
  await new Promise((resolve) => hub.close(resolve));
});

describe('pingHub', () => {
  it('POSTs hub.mode=publish with one hub.url per topic', async () => {
    received.length = 0;
    answer = 204;
    const topics = mergedFeedTopics('http://feeds.example/');
    const result = await pingHub(fetch, hubUrl, topics);
    expect(result).toEqual({ ok: true, status: 204 });
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req?.method).toBe('POST');
    expect(req?.type).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req?.body);
    expect(form.get('hub.mode')).toBe('publish');
    expect(form.getAll('hub.url')).toEqual(['http://feeds.example/feed.xml', 'http://feeds.example/feed.atom', 'http://feeds.example/feed.json']);
  });

  it.each([
    ['a hub error status', async () => { answer = 500; return pingHub(fetch, hubUrl, ['http://feeds.example/feed.xml']); }, { ok: false, status: 500 }],
    ['no hub listening', async () => pingHub(fetch, 'http://127.0.0.1:9/hub', ['http://feeds.example/feed.xml']), { ok: false, status: null }],
  ])('reports %s without throwing', async (_name, ping, expected) => {
    expect(await ping()).toMatchObject(expected);
  });

  it('sends nothing when no topic changed', async () => {
    received.length = 0;
    expect((await pingHub(fetch, hubUrl, [])).ok).toBe(true);
    expect(received).toHaveLength(0);
  });
});

describe('hub links in the served feeds', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each([
    ['/feed.xml', /<atom:link rel="hub" href="https:\/\/hub\.example\/"\/>/],
    ['/feed.atom', /<link rel="hub" href="https:\/\/hub\.example\/"\/>/],
    ['/feed.json', /"hubs": \[\s*\{\s*"type": "WebSub",\s*"url": "https:\/\/hub\.example\/"/],
  ])('%s names the configured hub', async (path, pattern) => {
    const withHub = createApp({ config: testConfig(), db: database.db, log: silentLogger(), hubUrl: 'https://hub.example/' }).app;
    const without = createApp({ config: testConfig(), db: database.db, log: silentLogger() }).app;
    expect(await (await withHub.request(path)).text()).toMatch(pattern);
    expect(await (await without.request(path)).text()).not.toMatch(/hub/);
  });
});
