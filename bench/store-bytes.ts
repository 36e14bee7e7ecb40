// Bytes per item and how the store grows: `npx tsx bench/store-bytes.ts`.
//
// 1. A sample store folded by the real pipeline: the dev news web (../shared/data/newsweb-dev) through
//    `feedfold run --once` on a fresh database, as `npm run eval` does (or BENCH_STORE_SOURCE=<database URL>, a
//    store folded before, e.g. one `FEEDFOLD_EVAL_KEEP=1 npm run eval` kept). After VACUUM: every table, index and
//    TOAST relation per item, and each items column's stored size beside the article text.
// 2. Growth: a fresh migrated database filled with copies of the sample's rows (items as the pipeline left them:
//    text, signature, URLs and all; their stories and memberships; their candidate keys, each copy's keys hashed
//    with its copy number, so copies share keys as the web's items do and no two copies share one), to 10,000,
//    100,000 and 1,000,000 items (BENCH_STORE_SIZES), measured at each size with the key window (only the newest
//    60,000 items keep keys: 3 days at 20,000 items a day) and without it (every item keeps its keys).
//    The rows are appended in id order and the GIN index built once, as a restore would: the store is packed,
//    where a live store also carries the free space updates leave (the sample's figures show how much).
//    BENCH_STORE_TEXT_PARTS=N gives every appended item longer text: its own and the next N-1 sample items' texts
//    joined (real prose, so it compresses as longer articles do, not as a repeat would); the dev web's texts are
//    short (853 B), and the per-item overhead weighs less beside longer ones.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sharedDir, waitForUrl } from '../scripts/lib/shared.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Items keeping candidate keys under the key window: 3 days (the default) at 20,000 items a day. */
const WINDOW_ITEMS = 60_000;
const ITEMS_PER_DAY = 20_000;
const SIZES = (process.env.BENCH_STORE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Sample texts joined into one appended item's text (1: the sample's own texts). */
const TEXT_PARTS = Math.max(1, Math.trunc(Number(process.env.BENCH_STORE_TEXT_PARTS ?? '1')) || 1);
const MB = 1024 * 1024;

const dbUrl = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
const log = (msg: string) => console.error(`[store-bytes ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Fold the dev web through feedfold into a new database; returns its name (the caller drops it). */
async function foldDevWeb(admin: postgres.Sql): Promise<string> {
  const web = path.join(sharedDir, 'data/newsweb-dev');
  if (!fs.existsSync(path.join(web, 'feeds.opml'))) throw new Error(`${web} is not here: set BENCH_STORE_SOURCE to a folded store`);
  const name = `feedfold_bytes_${crypto.randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-bytes-'));
  const env = {
    ...process.env, DATABASE_URL: dbUrl(name), FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true', FEEDFOLD_HOST_MAX_CONCURRENT: '100',
    FEEDFOLD_HOST_MAX_PER_MINUTE: '10000', FEEDFOLD_QUEUE_PREFIX: `{${name}}`, FEEDFOLD_DATA_DIR: tmp, LOG_LEVEL: 'error',
  };
  const bin = path.resolve(import.meta.dirname, '../bin/feedfold.mjs');
  const server = spawn(process.execPath, [path.join(sharedDir, 'tools/newsweb/serve.mjs'), web, '--quiet'], { stdio: 'ignore' });
  try {
    await waitForUrl('http://127.0.1.11:8731/robots.txt', 10_000);
    for (const args of [['opml', 'import', path.join(web, 'feeds.opml')], ['run', '--once']]) {
      const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (r.status !== 0) throw new Error(`feedfold ${args.join(' ')} exited ${r.status}`);
    }
  } finally {
    server.kill('SIGTERM');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return name;
}

interface Relation { name: string; table: string; kind: string; bytes: number }

/** Every relation of feedfold's tables (heap, indexes, TOAST and its index), largest first. */
async function relations(sql: postgres.Sql): Promise<Relation[]> {
  const rows = await sql<{ name: string; table: string; kind: string; bytes: string }[]>`
    select c.relname as name, t.relname as table, case c.relkind when 'r' then 'heap' when 't' then 'TOAST' else 'index' end as kind,
           pg_relation_size(c.oid) as bytes
    from pg_class t join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public' and t.relkind = 'r'
    join pg_class c on c.oid = t.oid or c.oid = t.reltoastrelid or c.oid in (select indexrelid from pg_index where indrelid in (t.oid, t.reltoastrelid))
    order by pg_relation_size(c.oid) desc`;
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
}

async function counts(sql: postgres.Sql): Promise<{ items: number; text: number }> {
  const [r] = await sql<{ items: string; text: string }[]>`select count(*) as items, coalesce(sum(octet_length(text)), 0) as text from items`;
  return { items: Number(r!.items), text: Number(r!.text) };
}

/** The sample's bytes per item: relations, items columns, free space. */
async function describeSample(sql: postgres.Sql): Promise<string> {
  await sql`vacuum (analyze)`;
  const { items, text } = await counts(sql);
  const rels = await relations(sql);
  const total = rels.reduce((a, r) => a + r.bytes, 0);
  const byTable = new Map<string, number>();
  for (const r of rels) byTable.set(r.table, (byTable.get(r.table) ?? 0) + r.bytes);
  const [cols] = await sql<Record<string, string>[]>`
    select avg(coalesce(pg_column_size(text), 0))::int as text, avg(coalesce(octet_length(text), 0))::int as text_raw,
           avg(coalesce(pg_column_size(signature), 0))::int as signature, avg(coalesce(pg_column_size(content), 0))::int as content,
           avg(coalesce(pg_column_size(summary), 0))::int as summary,
           avg(coalesce(pg_column_size(url), 0) + coalesce(pg_column_size(page_url), 0) + coalesce(pg_column_size(canonical_url), 0)
               + pg_column_size(item_key))::int as urls_and_key,
           avg(pg_column_size(title))::int as title, avg(pg_column_size(i.*))::int as row
    from items i`;
  await sql`create extension if not exists pgstattuple`.catch(() => undefined);
  const [free] = await sql<{ free: number }[]>`select free_percent as free from pgstattuple('items')`.catch(() => [{ free: NaN }]);
  const per = (b: number) => (b / Math.max(1, items)).toFixed(0);
  const lines = [
    `Sample: ${items} items folded by the pipeline, article text ${per(text)} B per item; feedfold's relations ${per(total)} B per item `
      + `(${(total / Math.max(1, text)).toFixed(2)}× the text) after VACUUM.`,
    '',
    '| table | B per item | of which |',
    '|---|---|---|',
    ...[...byTable].filter(([, b]) => b / items >= 20).map(([t, b]) =>
      `| ${t} | ${per(b)} | ${rels.filter((r) => r.table === t && r.bytes / items >= 5).map((r) => `${r.kind === 'index' ? r.name : r.kind} ${per(r.bytes)}`).join(', ')} |`),
    '',
    `items columns, stored bytes per item: ${Object.entries(cols!).map(([k, v]) => `${k} ${v}`).join(', ')}`
      + (Number.isFinite(Number(free!.free)) ? `; the items heap is ${Number(free!.free).toFixed(0)} % free space (left by the update at ingestion; a live store fills it with later items)` : ''),
  ];
  return lines.join('\n');
}

/** Copy the sample's rows into the target database (tables sample_items, sample_stories, sample_members, sample_keys). */
async function loadSample(source: postgres.Sql, target: postgres.Sql): Promise<number> {
  await target`create unlogged table sample_items as select * from items with no data`;
  await target`create unlogged table sample_stories as select * from stories with no data`;
  await target`create unlogged table sample_members as select * from story_items with no data`;
  await target`create unlogged table sample_keys as select * from candidate_keys with no data`;
  const feeds = await source`select * from feeds order by id`;
  for (const f of feeds) await target`insert into feeds ${target(f)}`;
  const copy = async (from: string, to: string) => {
    const rows = await source.unsafe(`select * from ${from} order by 1`);
    for (let i = 0; i < rows.length; i += 200) await target`insert into ${target(to)} ${target(rows.slice(i, i + 200) as never)}`;
    return rows.length;
  };
  const n = await copy('items', 'sample_items');
  await copy('stories', 'sample_stories');
  await copy('story_items', 'sample_members');
  await copy('candidate_keys', 'sample_keys');
  // Members ordered as copies are appended: item ids 1..n within each copy.
  await target`alter table sample_items add column seq int`;
  await target`update sample_items s set seq = o.seq from (select id, row_number() over (order by id) as seq from sample_items) o where o.id = s.id`;
  return n;
}

/**
 * Append whole copies of the sample until the store holds at least `size` items (ids and times as a steady arrival
 * would give); returns the items stored.
 */
async function growTo(sql: postgres.Sql, size: number, sampleItems: number, stored: number): Promise<number> {
  for (let copyNo = stored / sampleItems; copyNo * sampleItems < size; copyNo++) {
    const base = copyNo * sampleItems;
    const total = Math.ceil(size / sampleItems) * sampleItems;
    // Item i of copy c gets id c*n + seq; its URLs and key carry the copy number; it was stored (created_at) at
    // ITEMS_PER_DAY a day counting back from now, so the newest ids are the newest items.
    await sql`
      insert into items (id, feed_id, item_key, url, page_url, canonical_url, title, summary, content, author, published_at,
                         language, text, status, ingest_error, signature, created_at, ingested_at)
      select ${base} + s.seq, s.feed_id, s.item_key || '#' || ${copyNo}::int, s.url || '#' || ${copyNo}::int, s.page_url || '#' || ${copyNo}::int,
             s.canonical_url || '#' || ${copyNo}::int, s.title, s.summary, s.content, s.author, s.published_at, s.language, ${textOf(sql, sampleItems)}, s.status,
             s.ingest_error, s.signature, now() - make_interval(secs => (${total} - (${base} + s.seq)) * 86400.0 / ${ITEMS_PER_DAY}), s.ingested_at
      from sample_items s order by s.seq`;
    await sql`
      with st as (
        insert into stories (canonical_item_id, canonical_reason, title, item_count, languages, first_published_at, merged_into, created_at, updated_at)
        select ${base} + ci.seq, s.canonical_reason, s.title, s.item_count, s.languages, s.first_published_at, null, s.created_at, s.updated_at
        from sample_stories s join sample_items ci on ci.id = s.canonical_item_id
        where s.merged_into is null
        order by s.id
        returning id, canonical_item_id)
      insert into story_items (item_id, story_id, method, score, joined_at)
      select ${base} + mi.seq, st.id, m.method, m.score, m.joined_at
      from st join sample_items ci on ${base} + ci.seq = st.canonical_item_id
      join sample_members cm on cm.item_id = ci.id
      join sample_members m on m.story_id = cm.story_id
      join sample_items mi on mi.id = m.item_id`;
    stored = base + sampleItems;
  }
  await sql`select setval(pg_get_serial_sequence('items', 'id'), (select max(id) from items))`;
  return stored;
}

/** An appended item's text: sample item s's own, or it and the next TEXT_PARTS-1 sample items' texts joined. */
function textOf(sql: postgres.Sql, sampleItems: number) {
  if (TEXT_PARTS === 1) return sql`s.text`;
  return sql.unsafe(`case when s.text is null then null else (
      select string_agg(t.text, E'\\n\\n' order by g.k) from generate_series(0, ${TEXT_PARTS - 1}) g(k)
      join sample_items t on t.seq = ((s.seq - 1 + g.k) % ${sampleItems}) + 1 where t.text is not null) end`);
}

/** Give the newest `keyed` items their candidate keys (each copy's keys hashed with its copy number) and index them. */
async function indexKeys(sql: postgres.Sql, keyed: number, sampleItems: number): Promise<void> {
  await sql`truncate candidate_keys`;
  await sql`drop index if exists candidate_keys_keys_idx`;
  await sql`
    insert into candidate_keys (item_id, keys)
    select i.id, array(select hashtext(((i.id - 1) / ${sampleItems})::text || ':' || k) from unnest(sk.keys) k)
    from items i join sample_items s on s.seq = ((i.id - 1) % ${sampleItems}) + 1
    join sample_keys sk on sk.item_id = s.id
    where i.id > (select max(id) from items) - ${keyed}
    order by i.id`;
  await sql`create index candidate_keys_keys_idx on candidate_keys using gin (keys) with (fastupdate = false)`;
}

interface GrowthRow { items: number; keyed: number; dbBytes: number; tables: Map<string, number>; text: number; seconds: number }

async function measure(sql: postgres.Sql, emptyBytes: number, keyed: number, t0: number): Promise<GrowthRow> {
  await sql`vacuum (analyze) items, stories, story_items, candidate_keys, feeds`;
  await sql`checkpoint`;
  const [db] = await sql<{ size: string }[]>`select pg_database_size(current_database()) - (select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c where relname like 'sample_%' and relkind = 'r') as size`;
  const { items, text } = await counts(sql);
  const tables = new Map<string, number>();
  for (const r of await relations(sql)) if (!r.table.startsWith('sample_')) tables.set(r.table, (tables.get(r.table) ?? 0) + r.bytes);
  return { items, keyed, dbBytes: Number(db!.size) - emptyBytes, tables, text, seconds: (performance.now() - t0) / 1000 };
}

function growthTable(rows: GrowthRow[]): string {
  const per100k = (b: number, n: number) => ((b / n) * 100_000) / MB;
  const f = (x: number) => x.toFixed(1);
  const lines = [
    '| stored items | items with keys | database MB per 100k items | items | candidate_keys | stories + story_items | article text MB per 100k | database / text | B per item |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const t = (name: string) => r.tables.get(name) ?? 0;
    lines.push(`| ${r.items.toLocaleString('en')} | ${r.keyed.toLocaleString('en')} | ${f(per100k(r.dbBytes, r.items))} | ${f(per100k(t('items'), r.items))} | `
      + `${f(per100k(t('candidate_keys'), r.items))} | ${f(per100k(t('stories') + t('story_items'), r.items))} | ${f(per100k(r.text, r.items))} | `
      + `**${(r.dbBytes / r.text).toFixed(2)}×** | ${(r.dbBytes / r.items).toFixed(0)} |`);
  }
  return lines.join('\n');
}

/** A year at ITEMS_PER_DAY: the largest measured windowed store's bytes per item, linearly (method stated). */
function yearLine(rows: GrowthRow[]): string {
  const year = ITEMS_PER_DAY * 365;
  const windowed = rows.filter((r) => r.keyed < r.items).at(-1) ?? rows.at(-1)!;
  const full = rows.filter((r) => r.keyed === r.items).at(-1)!;
  const keysPerItem = (full.tables.get('candidate_keys') ?? 0) / full.items;
  const withWindow = ((windowed.dbBytes - keysPerItem * windowed.keyed) / windowed.items) * year + keysPerItem * WINDOW_ITEMS;
  const without = ((full.dbBytes - keysPerItem * full.items) / full.items + keysPerItem) * year;
  return `A year at ${ITEMS_PER_DAY.toLocaleString('en')} items a day (${(year / 1e6).toFixed(1)} M items; extrapolated linearly from the `
    + `${windowed.items.toLocaleString('en')}-item store's bytes per item, the key window's ${WINDOW_ITEMS.toLocaleString('en')} items at `
    + `${keysPerItem.toFixed(0)} B of candidate index each): **${(withWindow / 1024 ** 3).toFixed(1)} GB with the window**, `
    + `${(without / 1024 ** 3).toFixed(1)} GB without it.`;
}

/** Run the bench and return its report (markdown). */
export async function runStoreBytesBench(): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  let folded: string | null = null;
  const target = `feedfold_bytes_grow_${crypto.randomBytes(4).toString('hex')}`;
  try {
    const sourceUrl = process.env.BENCH_STORE_SOURCE ?? dbUrl((folded = (log('folding the dev web through feedfold'), await foldDevWeb(admin))));
    const source = postgres(sourceUrl, { max: 1, onnotice: () => {} });
    const sample = await describeSample(source);
    log('sample measured; growing');
    await admin.unsafe(`create database ${target}`);
    const database = await openDatabase({ url: dbUrl(target), dataDir: '' });
    await migrateDatabase(database);
    await database.close();
    const sql = postgres(dbUrl(target), { max: 1, onnotice: () => {} });
    const rows: GrowthRow[] = [];
    try {
      await sql`set maintenance_work_mem = '256MB'`;
      await sql`vacuum`;
      const [empty] = await sql<{ size: string }[]>`select pg_database_size(current_database()) as size`;
      const sampleItems = await loadSample(source, sql);
      await source.end();
      let stored = 0;
      for (const size of SIZES) {
        const t0 = performance.now();
        log(`${size} items: appending copies of the sample`);
        stored = await growTo(sql, size, sampleItems, stored);
        for (const keyed of stored > WINDOW_ITEMS ? [WINDOW_ITEMS, stored] : [stored]) {
          log(`${stored} items, ${keyed} with keys: indexing and measuring`);
          await indexKeys(sql, keyed, sampleItems);
          rows.push(await measure(sql, Number(empty!.size), keyed, t0));
        }
      }
    } finally {
      await sql.end();
    }
    return [
      '### Bytes per item (`npx tsx bench/store-bytes.ts`)',
      '',
      sample,
      '',
      `Growth: copies of the sample appended to a fresh database; "items with keys" ${WINDOW_ITEMS.toLocaleString('en')} is the key window `
        + `(3 days at ${ITEMS_PER_DAY.toLocaleString('en')} items a day); sizes after VACUUM, the database's growth over its empty migrated self.`,
      '',
      growthTable(rows),
      '',
      yearLine(rows),
    ].join('\n');
  } finally {
    await admin.unsafe(`drop database if exists ${target} with (force)`);
    if (folded) await admin.unsafe(`drop database if exists ${folded} with (force)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await runStoreBytesBench());
