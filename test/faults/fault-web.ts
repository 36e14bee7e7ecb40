// A generated news web on loopback for the fault tests: `feeds` RSS feeds of `items` entries each,
// where even-numbered entries are copies of one shared story (every feed republishes it under its own
// header line) and odd-numbered ones are each feed's own story. Feeds and pages answer after a delay, so
// polls and ingestions are in flight long enough to be killed; requests in flight are counted.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../helpers/seeded-random.ts';

/** A running fault web. */
export interface FaultWeb {
  base: string;
  /** URL of feed `f`. */
  feedUrl(f: number): string;
  /** Requests being answered right now, by kind. */
  inFlight(kind: 'feed' | 'page'): number;
  /** How many requests reached a path. */
  hits(path: string): number;
  /** All paths requested more than once. */
  repeatedPaths(): string[];
  /** Every request in arrival order: path, the client's address, arrival time (ms). */
  requests(): { path: string; from: string; at: number }[];
  /** Most requests answered at the same time so far, feeds and pages together. */
  peakInFlight(): number;
  /** With holdPagesUntil: true once that many page requests were held at the same time. */
  holdMet(): boolean;
  /** Story key every item URL belongs to: the expected folding. */
  expectedStory(url: string): string;
  close(): Promise<void>;
}

/** Shape and pace of the web. */
export interface FaultWebOptions {
  feeds: number;
  items: number;
  feedDelayMs: number;
  pageDelayMs: number;
  /** Hold page answers until this many page requests are in flight at once (then answer all); a copy ingested at two places at the same instant. */
  holdPagesUntil?: number;
}

/** A held page answers anyway after this long, so a test that never meets its barrier fails on its assertions, not a hang. */
const HOLD_TIMEOUT_MS = 20_000;

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'si', 'de', 'pa', 'gu', 'ri', 'bo', 'fe', 'zu', 'ha', 'ni', 'co'];

function hashOf(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function word(rand: () => number): string {
  const n = 2 + Math.floor(rand() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return w;
}

/** Five paragraphs of 28 pseudo-words: distinct stories differ in nearly every shingle. */
export function storyParagraphs(key: string): string[] {
  const rand = seededRandom(hashOf(key));
  return Array.from({ length: 5 }, () => Array.from({ length: 28 }, () => word(rand)).join(' ') + '.');
}

function storyTitle(key: string): string {
  const rand = seededRandom(hashOf(`title ${key}`));
  return Array.from({ length: 6 }, () => word(rand)).join(' ');
}

/** The story an item of feed f at position i tells. */
function storyKey(f: number, i: number): string {
  return i % 2 === 0 ? `shared-${i}` : `own-${f}-${i}`;
}

function feedXml(base: string, f: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const key = storyKey(f, i);
    const date = new Date(Date.UTC(2026, 10, 20, 8 + i, f)).toUTCString();
    return `<item><title>${storyTitle(key)}</title><link>${base}/site${f}/${i}.html</link><guid>${base}/site${f}/${i}.html</guid><pubDate>${date}</pubDate><description>${storyParagraphs(key)[0]}</description></item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site ${f}</title><link>${base}/site${f}/</link><description>Site ${f}</description><language>en</language>${entries.join('')}</channel></rss>`;
}

function pageHtml(f: number, i: number): string {
  const key = storyKey(f, i);
  const paras = storyParagraphs(key).map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${storyTitle(key)} | Site ${f}</title></head><body><header><nav><a href="/">Site ${f} home</a> <a href="/world">World</a></nav></header><main><article><h1>${storyTitle(key)}</h1>\n${paras}\n</article></main><footer>Copyright Site ${f}</footer></body></html>`;
}

/** Start the fault web on 127.0.0.1 and a free port. */
export async function startFaultWeb(opts: FaultWebOptions): Promise<FaultWeb> {
  const counts = new Map<string, number>();
  const flying = { feed: 0, page: 0 };
  const log: { path: string; from: string; at: number }[] = [];
  let peak = 0;
  let met = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  let base = '';
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    counts.set(p, (counts.get(p) ?? 0) + 1);
    log.push({ path: p, from: req.socket.remoteAddress ?? '', at: Date.now() });
    const feed = /^\/feed(\d+)\.xml$/.exec(p);
    const page = /^\/site(\d+)\/(\d+)\.html$/.exec(p);
    if (!feed && !page) return void res.writeHead(404).end('not found');
    const kind = feed ? 'feed' : 'page';
    flying[kind]++;
    peak = Math.max(peak, flying.feed + flying.page);
    let done = false;
    const finish = () => {
      if (!done) flying[kind]--;
      done = true;
    };
    res.on('close', finish);
    const answer = () => {
      if (res.destroyed || res.headersSent) return;
      const body = feed ? feedXml(base, Number(feed[1]), opts.items) : pageHtml(Number(page?.[1]), Number(page?.[2]));
      res.writeHead(200, { 'content-type': feed ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8' });
      res.end(body);
    };
    const delayed = () => setTimeout(answer, feed ? opts.feedDelayMs : opts.pageDelayMs);
    if (page && opts.holdPagesUntil) {
      held.push(delayed);
      const timer = setTimeout(delayed, HOLD_TIMEOUT_MS);
      res.on('close', () => clearTimeout(timer));
      if (flying.page >= opts.holdPagesUntil) {
        met = true;
        held.splice(0).forEach((release) => release());
      }
      return;
    }
    delayed();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    feedUrl: (f) => `${base}/feed${f}.xml`,
    inFlight: (kind) => flying[kind],
    hits: (p) => counts.get(p) ?? 0,
    repeatedPaths: () => [...counts].filter(([, n]) => n > 1).map(([p]) => p),
    requests: () => [...log],
    peakInFlight: () => peak,
    holdMet: () => met,
    expectedStory(url) {
      const m = /\/site(\d+)\/(\d+)\.html$/.exec(url);
      if (!m) throw new Error(`not a fault-web item: ${url}`);
      return storyKey(Number(m[1]), Number(m[2]));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
