// `npm run eval`: the whole pipeline over the labelled dev news web, scored against its labels.
// Serves ../shared/data/newsweb-dev on its loopback addresses, runs `feedfold run --once` on a fresh
// database, reads the stories back from feedfold_v1.story_items and prints pairwise and B-cubed
// precision/recall/F1 beside the reference baselines, on the same items.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { labelsOfHalf, sameLanguageScores, type PairCounts } from './lib/halves.ts';
import { scoreCanonical, type CanonicalLabels, type MemberRow } from './lib/canonical-score.ts';
import { sharedDir, waitForUrl } from './lib/shared.ts';
import { describeStoreBytes } from '../bench/load/store-size.ts';

const web = path.join(sharedDir, 'data/newsweb-dev');
const tools = path.join(sharedDir, 'tools/newsweb');
if (!fs.existsSync(path.join(web, 'labels.json'))) {
  console.log(`eval: ${web} is not here (it ships beside the repository as ../shared); nothing to evaluate.`);
  process.exit(0);
}

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `feedfold_eval_${crypto.randomBytes(4).toString('hex')}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-eval-'));
const env = {
  ...process.env,
  DATABASE_URL: dbUrl,
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
  // Hundreds of pages come from one loopback host; politeness budgets would only slow the measurement.
  FEEDFOLD_HOST_MAX_CONCURRENT: process.env.FEEDFOLD_HOST_MAX_CONCURRENT ?? '100',
  FEEDFOLD_HOST_MAX_PER_MINUTE: process.env.FEEDFOLD_HOST_MAX_PER_MINUTE ?? '10000',
  FEEDFOLD_QUEUE_PREFIX: `{${dbName}}`,
  FEEDFOLD_DATA_DIR: tmp,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
};
const bin = path.resolve(import.meta.dirname, '../bin/feedfold.mjs');

function feedfold(args: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`feedfold ${args.join(' ')} exited ${r.status}`);
  return r.stdout;
}

interface HalfScores { pairwise: PairCounts; crossLanguage: PairCounts; hardNegatives: { itemPairsMerged: number; itemPairs: number } }

/** Pairwise scores restricted to same-language pairs: all pairs minus the cross-language ones. */
function sameLanguageLine(json: string, prefix = ''): string {
  const [s] = JSON.parse(json) as HalfScores[];
  if (!s) return '';
  const { p, r, f1 } = sameLanguageScores(s);
  return `${prefix}same-language pairs: precision ${p.toFixed(3)}  recall ${r.toFixed(3)}  F1 ${f1.toFixed(3)}`;
}

/** One line per half of the dev web (cross-language settings are chosen on A, checked on B). */
function halfLine(json: string, half: string): string {
  const [s] = JSON.parse(json) as HalfScores[];
  if (!s) return '';
  const x = s.crossLanguage;
  return `half ${half}: cross-language P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} (${x.tp}/${x.goldPairs} pairs)  `
    + `${sameLanguageLine(json).replace('same-language pairs: ', 'same-language ')}  hard negatives merged `
    + `${s.hardNegatives.itemPairsMerged}/${s.hardNegatives.itemPairs}`;
}

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
// The empty store is measured migrated: the schema's own catalog (views, functions) does not grow with the items.
feedfold(['migrate']);
const [empty] = await admin<{ size: string }[]>`select pg_database_size(${dbName}) as size`;
const server = spawn(process.execPath, [path.join(tools, 'serve.mjs'), web, '--quiet'], { stdio: 'ignore' });
try {
  await waitForUrl('http://127.0.1.11:8731/robots.txt', 10_000);
  feedfold(['opml', 'import', path.join(web, 'feeds.opml')]);
  const summary = feedfold(['run', '--once']).trim();
  console.log(`run --once: ${summary}`);
  const sql = postgres(dbUrl, { max: 1 });
  const rows = await sql<{ url: string; story_id: string }[]>`select url, story_id from feedfold_v1.story_items`;
  const members = await sql<MemberRow[]>`select story_id::text, url, canonical_url, is_canonical from feedfold_v1.story_items`;
  await sql`vacuum`;
  const store = await describeStoreBytes(sql, Number(empty!.size));
  await sql.end();
  const assign = path.join(tmp, 'feedfold.jsonl');
  fs.writeFileSync(assign, rows.map((r) => JSON.stringify({ item: r.url, story: r.story_id })).join('\n') + '\n');
  const labels = path.join(web, 'labels.json');
  const score = (args: string[], labelsFile = labels) =>
    spawnSync(process.execPath, [path.join(tools, 'score.mjs'), '--labels', labelsFile, ...args], { encoding: 'utf8' }).stdout;
  console.log(score(['--assign', assign, '--detail']).replaceAll('feedfold.jsonl', 'feedfold'));
  console.log(sameLanguageLine(score(['--assign', assign, '--json'])));
  const all = JSON.parse(fs.readFileSync(labels, 'utf8'));
  for (const half of ['A', 'B'] as const) {
    const file = path.join(tmp, `labels-${half}.json`);
    fs.writeFileSync(file, JSON.stringify(labelsOfHalf(all, half)));
    console.log(halfLine(score(['--assign', assign, '--json'], file), half));
  }
  const canonical = scoreCanonical(members, JSON.parse(fs.readFileSync(labels, 'utf8')) as CanonicalLabels);
  const merged = canonical.twoOriginals ? ` (${canonical.twoOriginals} of them hold two originals, either counts)` : '';
  console.log(`canonical item is the original in ${canonical.original} of ${canonical.stories} stories that hold their original and another copy${merged}`);
  const missBySites = new Map<string, number>();
  for (const m of canonical.misses) missBySites.set(`${m.chosen} instead of ${m.original}`, (missBySites.get(`${m.chosen} instead of ${m.original}`) ?? 0) + 1);
  if (process.argv.includes('--detail')) for (const [k, n] of missBySites) console.log(`  ${n} × ${k}`);
  console.log('');
  console.log('baselines on the same items (offline, from items.jsonl):');
  console.log(score(['--baseline', 'url,title-trigram,title-overlap,simhash64']));
  console.log('simhash-js and feedfold\'s engine offline on the same texts: npm run eval:fold');
  console.log(`\n${store}`);
} finally {
  server.kill('SIGTERM');
  // FEEDFOLD_EVAL_KEEP=1 keeps the database to look into (serve it with DATABASE_URL=… feedfold serve).
  if (process.env.FEEDFOLD_EVAL_KEEP === '1') console.log(`kept database: ${dbUrl}`);
  else await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
}
