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
  /** The feed that published the item with this id. */
  feedOf(itemId: number): number | undefined;
  requests(): { feeds: number; notModified: number; pages: number; pageBytes: number };
  /** The page weight in use. */
  pages: PageSize;
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
export async function startLoadWeb(opts: { feeds: number; initialItems: number; seed?: number; pages?: PageSize }): Promise<LoadWeb> {
  const vocab = readVocabulary();
  const pages = opts.pages ?? pageSizeFromEnv();
  const chrome = new Map<number, SiteChrome>();
  const chromeOf = (feed: number): SiteChrome => {
    const template = feed % SITE_TEMPLATES;
    let c = chrome.get(template);
    if (!c) chrome.set(template, (c = pages === 'small' ? smallChrome() : siteChrome(template, vocab)));
    return c;
  };
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
  const counts = { feeds: 0, notModified: 0, pages: 0, pageBytes: 0 };

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
      const body = renderPage(item, original, base, vocab, chromeOf(item.feed));
      counts.pageBytes += body.length;
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
    pages,
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
    feedOf: (itemId) => items[itemId]?.feed,
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
function renderPage(item: WebItem, original: WebItem, base: string, vocab: string[], chrome: SiteChrome): string {
  const { paragraphs } = storyText(item.story, vocab);
  const title = titleOf(item, vocab);
  const header = item.copy === 0 ? '' : `<p><em>Republished by Site ${item.feed}.</em></p>`;
  const footer = item.copy === 0 ? '' : `<p>Source link: <a href="${base}/p/${original.id}.html">Site ${original.feed}</a></p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<meta property="article:published_time" content="${new Date(item.publishedAt).toISOString()}">${chrome.head}</head>` +
    `<body>${chrome.top}<main><article><h1>${esc(title)}</h1>${header}` +
    paragraphs.map((p) => `<p>${esc(p)}</p>`).join('') + `${footer}</article>${chrome.afterArticle}</main>` +
    `${chrome.bottom.replace('{site}', `Site ${item.feed}`)}</body></html>\n`;
}

/**
 * How big the generated pages are. `realistic` (the default): site chrome as heavy as real news pages' — the
 * 990 pages of the extraction evaluation set weigh 90 KB at the median (30 KB at the 10th percentile, 295 KB at
 * the 90th), a quarter of it scripts, a fifth styles, with about 970 elements and 180 links on average. `small`:
 * a few kB of navigation around the story (the bench's pages before the realistic chrome; BENCH_LOAD_PAGES=small).
 */
export type PageSize = 'realistic' | 'small';

function pageSizeFromEnv(): PageSize {
  const v = process.env.BENCH_LOAD_PAGES ?? 'realistic';
  if (v !== 'realistic' && v !== 'small') throw new Error(`BENCH_LOAD_PAGES must be realistic or small, not ${v}`);
  return v;
}

/** Distinct site designs; feed n uses design n % SITE_TEMPLATES (a site's pages share their chrome, as real ones do). */
const SITE_TEMPLATES = 64;

/** One site design: what surrounds the article on every page of the site. */
interface SiteChrome {
  head: string;
  top: string;
  afterArticle: string;
  /** The page's end; `{site}` is replaced by the site's name. */
  bottom: string;
}

function smallChrome(): SiteChrome {
  const nav = Array.from({ length: 8 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  return {
    head: '',
    top: `<header><nav><ul>${nav}</ul></nav></header>`,
    afterArticle: '',
    bottom: `<aside><h2>Most read</h2><ul>${nav}</ul></aside><footer><p>© {site}. All rights reserved.</p></footer>`,
  };
}

/**
 * A heavy site design: inline styles and scripts (analytics, ad and consent loaders, page state as JSON), SVG
 * icons, a mega-menu, teaser lists with snippets, a newsletter box and a link-heavy footer. Its weight is drawn
 * log-normally around the real pages' median (90 KB, σ 0.93 puts the 10th and 90th percentiles at 27 and 296 KB).
 */
function siteChrome(template: number, vocab: string[]): SiteChrome {
  const rnd = createRandom(template * 104_729 + 11);
  const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const target = Math.round(90_000 * Math.exp(0.93 * normal));
  const word = () => vocab[Math.floor(rnd() * vocab.length)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const ident = () => `${word()}${word().slice(0, 1).toUpperCase()}${word().slice(1)}`;
  const cls = () => `${word()}-${word()}__${word()}`;
  const fill = (budget: number, part: () => string): string => {
    let out = '';
    while (out.length < budget) out += part();
    return out;
  };
  const style = fill(target * 0.19, () => `.${cls()}{margin:0 ${Math.floor(rnd() * 24)}px;color:#${Math.floor(rnd() * 0xffffff).toString(16).padStart(6, '0')};font:${12 + Math.floor(rnd() * 10)}px/1.4 sans-serif}\n`);
  const script = fill(target * 0.24, () => rnd() < 0.5
    ? `window.${ident()}=window.${ident()}||{};${ident()}.push({event:"${word()}",${ident()}:"${words(2)}",id:${Math.floor(rnd() * 1e6)}});\n`
    : `function ${ident()}(${ident()}){var ${ident()}=document.querySelector(".${cls()}");if(!${ident()})return;${ident()}.classList.toggle("${word()}")}\n`);
  const scripts = script.match(/[^\n]*\n/g) ?? [];
  const third = Math.ceil(scripts.length / 3);
  const js = (k: number) => `<script>${scripts.slice(k * third, (k + 1) * third).join('')}</script>`;
  const svg = fill(target * 0.045, () => `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M${Array.from({ length: 12 }, () => (rnd() * 24).toFixed(2)).join(' L')} Z"/></svg>`);
  const link = () => `<a href="/${word()}/${word()}-${word()}-${Math.floor(rnd() * 1e5)}.html">${words(2 + Math.floor(rnd() * 3))}</a>`;
  const teaser = () => `<li class="${cls()}"><a href="/${word()}/${Math.floor(rnd() * 1e6)}.html"><img src="/img/${Math.floor(rnd() * 1e6)}.jpg" alt=""><span class="kicker">${word()}</span><h3>${words(6 + Math.floor(rnd() * 5))}</h3><p>${words(10 + Math.floor(rnd() * 8))}</p></a></li>`;
  const markup = target * 0.52;
  const menu = fill(markup * 0.22, () => `<li class="${cls()}">${link()}<ul>${Array.from({ length: 5 }, () => `<li>${link()}</li>`).join('')}</ul></li>`);
  const teasers: string[] = [];
  for (let size = 0; size < markup * 0.4; size += teasers[teasers.length - 1]!.length) teasers.push(teaser());
  const related = teasers.splice(0, Math.ceil(teasers.length / 3)).join('');
  const footerLinks = fill(markup * 0.25, () => `<li>${link()}</li>`);
  return {
    head: `<meta name="viewport" content="width=device-width"><style>${style}</style>${js(0)}<script type="application/ld+json">{"@type":"NewsMediaOrganization","name":"${words(2)}"}</script>`,
    top: `<div class="consent" role="dialog"><p>${words(30)}</p><button>Accept</button></div><header><div class="icons">${svg}</div>` +
      `<nav class="mega"><ul>${menu}</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>${js(1)}`,
    afterArticle: `<section class="share">${link()} ${link()} ${link()}</section><section class="newsletter"><h2>Newsletter</h2><p>${words(25)}</p><form><input type="email"><button>Subscribe</button></form></section>` +
      `<section class="related"><h2>Related</h2><ul>${related}</ul></section>`,
    bottom: `<aside><h2>Most read</h2><ul>${teasers.join('')}</ul></aside>${js(2)}<footer><ul>${footerLinks}</ul><p>© {site}. All rights reserved.</p></footer>`,
  };
}
