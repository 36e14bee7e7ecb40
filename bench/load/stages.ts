// Where one item's CPU goes, stage by stage, in this process and on one lane (no contention between lanes):
// poll (fetch, parse, store, queue) per feed, then per item: fetch page, decode, extract, fingerprint, and then
// for every item in a second pass, store + fold (database client CPU only; the server's is not in this process). Run by bench/load.ts.
import postgres from 'postgres';
import { addFeed } from '../../src/db/feeds.ts';
import { getItemForIngest, saveIngested, type IngestedFields } from '../../src/db/items.ts';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { decodeText } from '../../src/domain/encoding.ts';
import { normaliseFeedItems } from '../../src/domain/feed/normalise.ts';
import { parseFeed } from '../../src/domain/feed/parse-feed.ts';
import { extractArticle } from '../../src/domain/extract.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { fetchUrl } from '../../src/http/fetch.ts';
import { silentLogger } from '../../src/log.ts';
import { fetchOptionsFrom, type Deps } from '../../src/pipeline/deps.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import { createTestDatabase, createTestQueues, testConfig, testDatabaseUrl } from '../../test/helpers/services.ts';
import { startLoadWeb } from './web.ts';
import { loadConfig } from '../../src/config.ts';

/** CPU ms per unit of each stage. */
export type StageCosts = Record<string, number>;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Measure each stage's CPU on `feeds` generated feeds of `itemsPerFeed` items. */
export async function measureStages(opts: { feeds: number; itemsPerFeed: number }): Promise<StageCosts> {
  const database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_HOST_MAX_CONCURRENT: '100', FEEDFOLD_HOST_MAX_PER_MINUTE: '10000' });
  const queues = createTestQueues(config);
  const web = await startLoadWeb({ feeds: opts.feeds, initialItems: opts.itemsPerFeed, seed: 3 });
  const sql = postgres(testDatabaseUrl(database.name), { max: 1, onnotice: () => {} });
  const deps: Deps = { config, log: silentLogger(), db: database.db, queues, fetch: fetchUrl, now: () => new Date(), random: Math.random };
  const total: StageCosts = {};
  const add = (stage: string, ms: number) => (total[stage] = (total[stage] ?? 0) + ms);
  try {
    // Warm-up: the first calls compile code and open connections.
    const { feed: warm } = await addFeed(database.db, { url: web.feedUrl(0) }, new Date());
    await pollFeed(deps, { feedId: warm.id, dueAt: Date.now() });
    for (let n = 1; n < opts.feeds; n++) {
      const { feed } = await addFeed(database.db, { url: web.feedUrl(n) }, new Date());
      let t = cpuMs();
      const res = await fetchUrl(feed.url, fetchOptionsFrom(config, {}));
      normaliseFeedItems(await parseFeed(decodeText(res.body, res.contentType, 'xml').text), res.url, loadConfig({}).entryLimits);
      add('feed: fetch + parse only (what the floor does)', cpuMs() - t);
      t = cpuMs();
      await pollFeed(deps, { feedId: feed.id, dueAt: Date.now() });
      add('feed: the whole poll (fetch, parse, store, queue, schedule)', cpuMs() - t);
    }
    const ids = (await sql<{ id: string }[]>`select id from items where status = 'new' order by id`).map((r) => Number(r.id));
    // Two passes: every page read and signed first, then every item stored and folded. Interleaved, the fold's
    // awaits were where the collector paid for the page's DOM (several MB per page), and the fold's figure
    // carried most of the extraction's garbage collection (7.4 ms per item measured that way, 1.8 ms alone).
    const read: { id: number; fields: IngestedFields; publishedAt: Date | null }[] = [];
    for (const id of ids) {
      let t = cpuMs();
      const item = (await getItemForIngest(deps.db, id))!;
      const res = await fetchUrl(item.url!, fetchOptionsFrom(config, {}));
      let t2 = cpuMs();
      add('fetch page (incl. the web server in this process)', t2 - t);
      t = t2;
      const html = decodeText(res.body, res.contentType, 'html').text;
      const article = extractArticle(html, res.url);
      t2 = cpuMs();
      add('decode + extract', t2 - t);
      t = t2;
      const sig = signItem({ url: res.url, canonicalUrl: article.canonicalUrl, title: item.title, text: article.text, links: article.links, language: article.language, publishedAt: item.publishedAt });
      add('fingerprint', cpuMs() - t);
      const fields = { pageUrl: res.url, canonicalUrl: article.canonicalUrl, language: article.language, text: article.text, title: item.title, publishedAt: item.publishedAt, signature: sig, status: 'ingested' as const, ingestError: null };
      read.push({ id, fields, publishedAt: item.publishedAt });
    }
    for (const { id, fields, publishedAt } of read) {
      const t = cpuMs();
      await foldItem(deps, { itemId: id, sig: fields.signature, publishedAt }, saveIngested(id, fields, new Date()));
      add('store + fold (database client)', cpuMs() - t);
    }
    const out: StageCosts = {};
    for (const [stage, ms] of Object.entries(total)) out[stage] = ms / (stage.startsWith('feed') ? opts.feeds - 1 : ids.length);
    out.items = ids.length;
    return out;
  } finally {
    await web.close();
    await queues.close();
    await sql.end();
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureStages({ feeds: 101, itemsPerFeed: 3 }));
  process.exit(0);
}
