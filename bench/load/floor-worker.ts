// One floor worker process: fetch + parse each feed, fetch + extract each article, plain INSERT; nothing else
// (no queue, no scheduling, no fingerprint, no fold). Started by bench/load/floor.ts with its share of the feeds.
// Prints one JSON line: {items, feeds, startedAt, endedAt, cpuSeconds}.
import postgres from 'postgres';
import { defaultFetchOptions, fetchUrl } from '../../src/http/fetch.ts';
import { decodeText } from '../../src/domain/encoding.ts';
import { parseFeed } from '../../src/domain/feed/parse-feed.ts';
import { normaliseFeedItems } from '../../src/domain/feed/normalise.ts';
import { extractArticle } from '../../src/domain/extract.ts';
import { loadConfig } from '../../src/config.ts';

const DEFAULT_LIMITS = loadConfig({});

const env = process.env;
const workers = Number(env.FLOOR_WORKERS ?? 1);
const index = Number(env.FLOOR_WORKER_INDEX ?? 0);
// This worker's share of the web's feeds: every feed n with n % workers === index.
const feedUrls = Array.from({ length: Number(env.FLOOR_FEED_COUNT ?? 0) }, (_, n) => n)
  .filter((n) => n % workers === index)
  .map((n) => `${env.FLOOR_BASE}/f/${n}.xml`);
const concurrency = Number(env.FLOOR_CONCURRENCY ?? 8);
const sql = postgres(env.FLOOR_DATABASE_URL ?? '', { max: concurrency, onnotice: () => {} });
const opts = { ...defaultFetchOptions, allowPrivate: true, userAgent: 'feedfold-floor/0.1' };

let items = 0;
let next = 0;

async function foldNothing(feedUrl: string): Promise<void> {
  const res = await fetchUrl(feedUrl, opts);
  const parsed = await parseFeed(decodeText(res.body, res.contentType, 'xml').text);
  for (const entry of normaliseFeedItems(parsed, res.url, DEFAULT_LIMITS.entryLimits)) {
    if (!entry.url) continue;
    const page = await fetchUrl(entry.url, opts);
    const article = extractArticle(decodeText(page.body, page.contentType, 'html').text, page.url);
    await sql`insert into floor_items (url, title, text, published_at) values (${entry.url}, ${article.title ?? entry.title}, ${article.text}, ${entry.publishedAt})`;
    items += 1;
  }
}

async function runLane(): Promise<void> {
  while (next < feedUrls.length) {
    const url = feedUrls[next++]!;
    await foldNothing(url);
  }
}

const startedAt = Date.now();
const cpuBefore = process.cpuUsage();
await Promise.all(Array.from({ length: concurrency }, runLane));
const endedAt = Date.now();
const cpu = process.cpuUsage(cpuBefore);
await sql.end();
// CPU of the work alone (start-up excluded), as feedfold's side is measured from its processes' readiness.
console.log(JSON.stringify({ items, feeds: feedUrls.length, startedAt, endedAt, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
