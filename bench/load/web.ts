// A generated news web for the load bench: N feeds on one loopback port (/f/<n>.xml, /p/<id>.html),
// publishing at realistic rates, with republished copies (same body, another header/footer, title suffix).
// Texts are drawn from the words of the fixture web (test/fixtures/web), so nothing outside the repo is read.
// Conditional GET is honoured: a feed's ETag changes only when it publishes.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fixtureWebRoot } from '../../scripts/lib/fixture-web.ts';

/** Items one feed document lists (newest first), as most news feeds do. */
const FEED_WINDOW = 20;
/** Share of publications that republish a recent story of another feed (the dev news web has 794 copies of 518 stories). */
const COPY_SHARE = 0.35;
/** Stories a copy may be taken from: the most recent ones, as republishers pick up fresh news. */
const RECENT_STORIES = 200;

/** One published item. */
interface WebItem {
  id: number;
  feed: number;
  story: number;
  /** Copy number within its story: 0 is the original. */
  copy: number;
  publishedAt: number;
}

/** The generated web and its server. */
export interface LoadWeb {
  base: string;
  feedCount: number;
  feedUrl(n: number): string;
  /** Publish `count` new items now (weighted by each feed's rate); returns the feeds that changed. */
  publish(count: number, at?: number): Set<number>;
  /** When the web published the item behind a page URL, or null when the URL is not one of ours. */
  publishedAtOf(url: string): number | null;
  itemCount(): number;
  requests(): { feeds: number; notModified: number; pages: number };
  close(): Promise<void>;
}

/** Deterministic PRNG (mulberry32), so every run generates the same web. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of the fixture web's pages, the vocabulary of every generated article. */
export function readVocabulary(): string[] {
  const words = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const text = fs.readFileSync(p, 'utf8').replace(/<[^>]*>/g, ' ');
        for (const w of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) words.add(w);
      }
    }
  };
  walk(fixtureWebRoot);
  return [...words].sort();
}

/** Story text from its number alone, so the web keeps no bodies in memory. */
function storyText(story: number, vocab: string[]): { title: string; paragraphs: string[] } {
  const rnd = createRandom(story * 7919 + 17);
  const pick = () => vocab[Math.floor(Math.pow(rnd(), 1.6) * vocab.length)]!;
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, pick);
    return `${w[0]![0]!.toUpperCase()}${w.join(' ').slice(1)}.`;
  };
  const title = sentence(6 + Math.floor(rnd() * 5)).slice(0, -1);
  const paragraphs = Array.from({ length: 5 + Math.floor(rnd() * 5) }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentence(9 + Math.floor(rnd() * 10))).join(' '),
  );
  return { title, paragraphs };
}

/** Start the generated web on 127.0.0.1 with `initialItems` items per feed already published over the past day. */
export async function startLoadWeb(opts: { feeds: number; initialItems: number; seed?: number }): Promise<LoadWeb> {
  const vocab = readVocabulary();
  const rnd = createRandom(opts.seed ?? 1);
  // Publishing periods log-uniform between 5 minutes and a week, as in bench/schedule-sim.ts.
  const weights = Array.from({ length: opts.feeds }, () => 1 / (300 * Math.pow(2016, rnd())));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const totalWeight = cumulative[cumulative.length - 1] ?? 1;
  const items: WebItem[] = [];
  const feedItems: number[][] = Array.from({ length: opts.feeds }, () => []);
  const feedVersion = new Array<number>(opts.feeds).fill(0);
  const storyCopies = new Map<number, number>();
  const storyOriginal = new Map<number, number>();
  let stories = 0;
  const counts = { feeds: 0, notModified: 0, pages: 0 };

  const pickFeed = () => {
    const x = rnd() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const add = (feed: number, at: number) => {
    let story = stories;
    if (stories > 0 && rnd() < COPY_SHARE) story = Math.max(0, stories - 1 - Math.floor(rnd() * RECENT_STORIES));
    else stories += 1;
    const copy = storyCopies.get(story) ?? 0;
    storyCopies.set(story, copy + 1);
    if (copy === 0) storyOriginal.set(story, items.length);
    const item = { id: items.length, feed, story, copy, publishedAt: at };
    items.push(item);
    const list = feedItems[feed]!;
    list.unshift(item.id);
    if (list.length > FEED_WINDOW) list.pop();
    feedVersion[feed]! += 1;
  };
  const now = Date.now();
  for (let k = opts.initialItems; k >= 1; k--) {
    for (let f = 0; f < opts.feeds; f++) add(f, now - Math.floor((k - rnd()) * (86_400_000 / opts.initialItems)));
  }

  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const m = /^\/(f|p)\/(\d+)\.(xml|html)$/.exec(req.url ?? '');
    const n = m ? Number(m[2]) : -1;
    if (m?.[1] === 'f' && n < opts.feeds) {
      counts.feeds += 1;
      const etag = `"f${n}-${feedVersion[n]}"`;
      if (req.headers['if-none-match'] === etag) {
        counts.notModified += 1;
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      const body = renderFeed(n, feedItems[n]!.map((id) => items[id]!), base, vocab);
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (m?.[1] === 'p' && n < items.length) {
      counts.pages += 1;
      const item = items[n]!;
      const original = items[storyOriginal.get(item.story) ?? item.id] ?? item;
      const body = renderPage(item, original, base, vocab);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  server.maxConnections = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    feedCount: opts.feeds,
    feedUrl: (n) => `${base}/f/${n}.xml`,
    publish(count, at = Date.now()) {
      const changed = new Set<number>();
      for (let i = 0; i < count; i++) {
        const f = pickFeed();
        add(f, at);
        changed.add(f);
      }
      return changed;
    },
    publishedAtOf(url) {
      const m = /\/p\/(\d+)\.html$/.exec(url);
      return m ? (items[Number(m[1])]?.publishedAt ?? null) : null;
    },
    itemCount: () => items.length,
    requests: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function titleOf(item: WebItem, vocab: string[]): string {
  const { title } = storyText(item.story, vocab);
  return item.copy === 0 ? title : `${title} | Site ${item.feed}`;
}

/** RSS 2.0 document of one feed: its newest items with their summaries. */
function renderFeed(n: number, list: WebItem[], base: string, vocab: string[]): string {
  const entries = list.map((item) => {
    const { paragraphs } = storyText(item.story, vocab);
    return `<item><title>${esc(titleOf(item, vocab))}</title><link>${base}/p/${item.id}.html</link>` +
      `<guid isPermaLink="false">web-${item.id}</guid><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>` +
      `<description>${esc(paragraphs[0]!)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Site ${n}</title>` +
    `<link>${base}/</link><description>Generated site ${n}</description><language>en</language>\n${entries.join('\n')}\n</channel></rss>\n`;
}

/** Article page: site chrome around the story text; a copy adds its own header line and a source link. */
function renderPage(item: WebItem, original: WebItem, base: string, vocab: string[]): string {
  const { paragraphs } = storyText(item.story, vocab);
  const title = titleOf(item, vocab);
  const header = item.copy === 0 ? '' : `<p><em>Republished by Site ${item.feed}.</em></p>`;
  const footer = item.copy === 0 ? '' : `<p>Source link: <a href="${base}/p/${original.id}.html">Site ${original.feed}</a></p>`;
  const nav = Array.from({ length: 8 }, (_, i) => `<li><a href="${base}/section/${i}">Section ${i}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<meta property="article:published_time" content="${new Date(item.publishedAt).toISOString()}"></head>` +
    `<body><header><nav><ul>${nav}</ul></nav></header><main><article><h1>${esc(title)}</h1>${header}` +
    paragraphs.map((p) => `<p>${esc(p)}</p>`).join('') + `${footer}</article></main>` +
    `<aside><h2>Most read</h2><ul>${nav}</ul></aside><footer><p>© Site ${item.feed}. All rights reserved.</p></footer></body></html>\n`;
}
