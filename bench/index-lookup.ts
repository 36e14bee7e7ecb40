// Candidate look-up cost of simhash band keys under a btree (the index before candidate_keys) against a full scan
// computing the Hamming distance of every stored simhash, at 100 k and 1 M stored fingerprints, in one run.
// Needs a PostgreSQL server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { foldSettings } from '../src/domain/fingerprint/settings.ts';

const SIZES = (process.env.BENCH_INDEX_SIZES ?? '100000,1000000').split(',').map(Number);
const QUERIES = 200;
const BLOCKS = foldSettings.nearDistance + 1;
const WIDTH = 64 / BLOCKS;

/** The band keys of a 16-hex simhash, in the bench table's decimal spelling. */
function bandKeys(hex: string): string[] {
  const v = BigInt(`0x${hex}`);
  return Array.from({ length: BLOCKS }, (_, b) => `b.${b}:${(v >> BigInt(64 - WIDTH * (b + 1))) & BigInt((1 << WIDTH) - 1)}`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

function randomHex(): string {
  return crypto.randomBytes(8).toString('hex');
}

async function timeQueries(run: (q: string) => Promise<unknown>, queries: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const q of queries) {
    const t = process.hrtime.bigint();
    await run(q);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times;
}

/** Fill a scratch database with `n` random fingerprints and time both look-ups. */
async function measureSize(sql: postgres.Sql, n: number): Promise<string[]> {
  await sql`drop table if exists bench_keys, bench_fp`;
  await sql`create unlogged table bench_fp (item_id bigint primary key, sh bigint not null)`;
  await sql`insert into bench_fp select g, (random() * 9.2e18)::bigint * (case when random() < 0.5 then -1 else 1 end) from generate_series(1, ${n}) g`;
  await sql`create unlogged table bench_keys (key text not null, item_id bigint not null, primary key (key, item_id))`;
  // Band keys shaped like lookupKeys()' (block number and the block's value, most significant block first);
  // the value is written in decimal here so SQL can build the keys in bulk.
  for (let b = 0; b < BLOCKS; b++) {
    await sql`insert into bench_keys select ${`b.${b}:`} || ((sh >> ${64 - WIDTH * (b + 1)}) & ${(1 << WIDTH) - 1})::text, item_id from bench_fp`;
  }
  await sql`analyze bench_fp`;
  await sql`analyze bench_keys`;
  const queries = Array.from({ length: QUERIES }, randomHex);
  const indexed = await timeQueries(async (q) => {
    return sql`select distinct item_id from bench_keys where key = any(${bandKeys(q)})`;
  }, queries);
  const scanned = await timeQueries(
    (q) => sql`select item_id from bench_fp where bit_count((sh # ${BigInt.asIntN(64, BigInt(`0x${q}`)).toString()}::bigint)::bit(64)) <= ${foldSettings.nearDistance}`,
    queries.slice(0, 20),
  );
  await sql`drop table bench_keys, bench_fp`;
  const p50s = percentile(scanned, 50);
  return [
    `${String(n).padStart(9)}  band index   ${percentile(indexed, 50).toFixed(2).padStart(8)}  ${percentile(indexed, 99).toFixed(2).padStart(8)}  ${(p50s / percentile(indexed, 50)).toFixed(0).padStart(6)}x faster`,
    `${String(n).padStart(9)}  full scan    ${p50s.toFixed(2).padStart(8)}  ${percentile(scanned, 99).toFixed(2).padStart(8)}  ${'1'.padStart(6)}x`,
  ];
}

/** Print the look-up table for every size. */
export async function runIndexBench(): Promise<string> {
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  const lines = ['candidate look-up (ms per query; simhash within 3 bits)', '  stored   method          p50       p99   ratio'];
  try {
    for (const n of SIZES) lines.push(...(await measureSize(sql, n)));
  } finally {
    await sql.end();
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(await runIndexBench());
}
