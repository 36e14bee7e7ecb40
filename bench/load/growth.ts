// Cost per item as the store grows: pre-fill a fresh database with synthetic stored items, stories,
// memberships and candidate-index keys (generate_series, in SQL), then poll and ingest a fixed small web
// with feedfold's own pipeline functions in this process and time each item's ingest + fold.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { addFeed } from '../../src/db/feeds.ts';
import { runStatement } from '../../src/db/client.ts';
import { findCandidates } from '../../src/db/candidate-keys.ts';
import { packSignature, readSignatures } from '../../src/db/signatures.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { fetchUrl } from '../../src/http/fetch.ts';
import { silentLogger } from '../../src/log.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import { ingestItem } from '../../src/pipeline/ingest-item.ts';
import type { Deps } from '../../src/pipeline/deps.ts';
import { createTestDatabase, createTestQueues, testConfig, testDatabaseUrl } from '../../test/helpers/services.ts';
import { measureStore } from './store-size.ts';
import { readVocabulary, startLoadWeb } from './web.ts';

/** Ingest lanes of the measured run: one worker process's default FEEDFOLD_INGEST_CONCURRENCY. */
const INGEST_LANES = 4;

/** One real signature (of a typical article's size) shared by every synthetic item: folds read and compare it. */
const SYNTHETIC_SIGNATURE = signItem({
  url: 'http://synthetic.invalid/p/0',
  canonicalUrl: null,
  title: 'Harbour authority reopens the northern port after the storm',
  text: Array.from({ length: 12 }, (_, i) =>
    `Paragraph ${i + 1}: the harbour authority in Valmora said on Tuesday that the northern port would reopen after crews cleared ${i * 3 + 4} wrecked containers, and Minister Elena Duarte thanked the 240 workers involved.`,
  ).join('\n\n'),
  links: [],
  language: 'en',
  publishedAt: new Date(Date.UTC(2026, 0, 1)),
});

/** Distinct common keys in the prefilled store (each held by storedItems / COMMON_KEYS items). */
const COMMON_KEYS = 100;
/** Candidate look-ups timed per point, each with 30 keys of which 5 are common. */
const LOOKUPS = 200;

/** One point of the curve. */
export interface GrowthPoint {
  storedItems: number;
  /** Items holding candidate-index keys (the newest; fewer than storedItems when a key window applies). */
  keyedItems: number;
  /** candidate_keys (with its indexes), MB per 100k stored items. */
  keysMbPer100kItems: number;
  /** Stored article text (octet_length of items.text), MB per 100k stored items. */
  textMbPer100kItems: number;
  prefillSeconds: number;
  measuredItems: number;
  msPerItem: number;
  itemsPerSecond: number;
  /** Mean ms of a fold's candidate look-up whose keys include 5 common ones (each held by storedItems/100 items). */
  commonLookupMs: number;
  /** The feedfold tables (indexes and TOAST included) after the run, MB per 100k stored items. */
  mbPer100kItems: number;
}

/** The words synthetic texts are made of: the load web's vocabulary. */
const VOCABULARY = readVocabulary();
/** Words per synthetic text: about the held-out web's 1.9 kB of article text plus a little. */
const TEXT_WORDS = 330;

/** The synthetic common keys: COMMON_KEYS integers counting down from this one (far from hashtext's usual values). */
const commonKey = (n: number) => -2_000_000_000 - n;

/** Fill the store with `count` synthetic folded items, the newest `keyedItems` of them with `keysPerItem` keys. */
export async function prefillStore(sql: postgres.Sql, count: number, keysPerItem: number, keyedItems = count): Promise<void> {
  const [feed] = await sql<{ id: string }[]>`
    insert into feeds (url, title, state, next_poll_at) values ('http://synthetic.invalid/feed.xml', 'synthetic', 'paused', now() + interval '1 year') returning id`;
  // Text as the load web's: TEXT_WORDS words drawn from the fixture web's vocabulary (about 2.3 kB), a summary
  // of its first 40, so TOAST compresses them as it would prose (repeated hashes would compress far better).
  await sql`
    insert into items (feed_id, item_key, url, canonical_url, title, summary, text, status, signature, published_at, created_at, ingested_at)
    select ${feed!.id}, 'syn-' || g, 'http://synthetic.invalid/p/' || g, 'http://synthetic.invalid/p/' || g,
           'Synthetic story ' || g, left(t.text, 280), t.text, 'ingested',
           ${Buffer.from(packSignature(SYNTHETIC_SIGNATURE))}::bytea, now() - (g || ' seconds')::interval, now(), now()
    from generate_series(1, ${count}) g
    cross join lateral (select array_to_string(array(
      select (${VOCABULARY}::text[])[1 + floor(random() * ${VOCABULARY.length})::int] from generate_series(1, ${TEXT_WORDS} + 0 * g)), ' ') as text) t`;
  await sql`
    insert into stories (canonical_item_id, canonical_reason, title, item_count, languages, first_published_at)
    select id, 'earliest', title, 1, '{en}', published_at from items where feed_id = ${feed!.id} order by id`;
  await sql`
    insert into story_items (item_id, story_id, method)
    select s.canonical_item_id, s.id, 'new' from stories s`;
  // Bulk load as a restore would: the GIN index and the foreign key are built once after the rows, not per row.
  await sql`set maintenance_work_mem = '256MB'`;
  await sql`alter table candidate_keys drop constraint candidate_keys_item_id_items_id_fk`;
  await sql`drop index candidate_keys_keys_idx`;
  // Most keys are rare (one item each); one key per item is common, shared by 1 in COMMON_KEYS of all items,
  // as a boilerplate sentence or a much-cited name is: its holders grow with the indexed items. With a key
  // window only the newest `keyedItems` items hold keys (the older ones were forgotten).
  await sql`
    insert into candidate_keys (item_id, keys)
    select i.id, array[${commonKey(0)}::int - (i.id % ${COMMON_KEYS})::int]
                 || array(select hashtext(i.id::text || ':' || k) from generate_series(2, ${keysPerItem}) k)
    from items i where i.feed_id = ${feed!.id} order by i.id desc limit ${keyedItems}`;
  await sql`create index candidate_keys_keys_idx on candidate_keys using gin (keys) with (fastupdate = false)`;
  // NOT VALID: the synthetic rows are known to reference their items; new rows are still checked.
  await sql`alter table candidate_keys add constraint candidate_keys_item_id_items_id_fk foreign key (item_id) references items(id) on delete cascade not valid`;
  // A store in its steady state, as autovacuum keeps it: statistics current, the visibility map set, and the
  // bulk load's WAL checkpointed rather than flushed during the measurement.
  await sql`vacuum (analyze) items, stories, story_items, candidate_keys`;
  await sql`checkpoint`;
}

/** Time the candidate look-up of folds whose keys include common ones: it must not grow with the store. */
async function timeCommonLookups(db: Deps['db'], storedItems: number, keysPerItem: number): Promise<number> {
  const t = performance.now();
  for (let n = 0; n < LOOKUPS; n++) {
    const keys = Array.from({ length: keysPerItem }, (_, k) => (k < 5 ? commonKey((n * 5 + k) % COMMON_KEYS) : n * 1000 + k));
    const refs = await runStatement(db, findCandidates(keys, 0));
    const found = await runStatement(db, readSignatures(refs.map((r) => r.itemId)));
    if (storedItems >= 1000 && found.size === 0) throw new Error('the common keys found no candidates: the prefill is not what the bench expects');
  }
  return (performance.now() - t) / LOOKUPS;
}

/** Prefill `storedItems`, then poll and ingest `feeds` generated feeds through feedfold and time it. */
export async function measureGrowthPoint(opts: { storedItems: number; keysPerItem: number; feeds: number; itemsPerFeed: number; keyedItems?: number }): Promise<GrowthPoint> {
  const database = await createTestDatabase();
  const sql = postgres(testDatabaseUrl(database.name), { max: 1, onnotice: () => {} });
  const config = testConfig({ FEEDFOLD_HOST_MAX_CONCURRENT: '100', FEEDFOLD_HOST_MAX_PER_MINUTE: '10000' });
  const queues = createTestQueues(config);
  const web = await startLoadWeb({ feeds: opts.feeds, initialItems: opts.itemsPerFeed, seed: 7 });
  try {
    const t0 = performance.now();
    await prefillStore(sql, opts.storedItems, opts.keysPerItem, opts.keyedItems ?? opts.storedItems);
    const prefillSeconds = (performance.now() - t0) / 1000;
    const deps: Deps = { config, log: silentLogger(), db: database.db, queues, fetch: fetchUrl, now: () => new Date(), random: Math.random };
    for (let n = 0; n < opts.feeds; n++) {
      const { feed } = await addFeed(database.db, { url: web.feedUrl(n) }, new Date());
      await pollFeed(deps, { feedId: feed.id, dueAt: Date.now() });
    }
    const ids = (await sql<{ id: string }[]>`select id from items where status = 'new' order by id`).map((r) => Number(r.id));
    let next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: INGEST_LANES }, async () => {
        while (next < ids.length) await ingestItem(deps, { itemId: ids[next++]! });
      }),
    );
    const seconds = (performance.now() - t1) / 1000;
    const commonLookupMs = await timeCommonLookups(deps.db, opts.storedItems, opts.keysPerItem);
    const size = await measureStore(sql);
    const [text] = await sql<{ bytes: string }[]>`select coalesce(sum(octet_length(text)), 0) as bytes from items`;
    const per100k = (mb: number) => (mb * 100_000) / Math.max(1, size.items);
    return {
      storedItems: opts.storedItems,
      keyedItems: opts.keyedItems ?? opts.storedItems,
      keysMbPer100kItems: per100k(size.tablesMb.candidate_keys ?? 0),
      textMbPer100kItems: per100k(Number(text!.bytes) / 1024 / 1024),
      prefillSeconds,
      measuredItems: ids.length,
      msPerItem: (seconds * 1000 * INGEST_LANES) / ids.length,
      itemsPerSecond: ids.length / seconds,
      commonLookupMs,
      mbPer100kItems: size.mbPer100kItems,
    };
  } finally {
    await web.close();
    await queues.close();
    await sql.end();
    await database.drop();
  }
}
