// Folding quality on the labelled dev web: feedfold beside the reference baselines.
//   npx tsx scripts/eval-fold.ts [--detail] [--distances]
// Reads ../shared/data/newsweb-dev (relative to the repo root); says so and exits 0 when it is absent.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { foldInMemory, type InMemoryItem } from '../src/domain/fold.ts';
import { signItem, hammingDistance, type Signature } from '../src/domain/fingerprint.ts';
import { labelsOfHalf, sameLanguageScores } from './lib/halves.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.resolve(ROOT, '../shared/data/newsweb-dev');
const TOOLS = path.resolve(ROOT, '../shared/tools/newsweb');

interface WebItem { id: string; url: string; canonical_url: string | null; title: string; text: string; language: string | null; published_at: string }
interface Scores { pairwise: Prf; crossLanguage: Prf; hardNegatives: { itemPairsMerged: number; itemPairs: number } }
interface Prf { p: number; r: number; f1: number; tp: number; predPairs: number; goldPairs: number }

/** Items of the dev web in published order (ties by id), as fold inputs. The offline file has no links. */
export function readWebItems(file: string): { raw: WebItem[]; inputs: InMemoryItem[] } {
  const raw = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as WebItem)
    .sort((a, b) => Date.parse(a.published_at) - Date.parse(b.published_at) || (a.id < b.id ? -1 : 1));
  const inputs = raw.map((it) => ({
    itemId: it.id, url: it.url, canonicalUrl: it.canonical_url, title: it.title, text: it.text ?? '',
    links: [], language: it.language, publishedAt: it.published_at ? new Date(it.published_at) : null,
  }));
  return { raw, inputs };
}

function writeAssignments(pred: Map<string, string>, name: string): string {
  const file = path.join(os.tmpdir(), `feedfold-eval-${process.pid}-${name}.jsonl`);
  fs.writeFileSync(file, [...pred].map(([item, story]) => JSON.stringify({ item, story })).join('\n') + '\n');
  return file;
}

/** simhash-js 1.0.0 with its defaults, grouped as the score tool's baseline does (any pair within 3 bits). */
function simhashJsBaseline(raw: WebItem[]): Map<string, string> {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { SimHash } = require('simhash-js') as { SimHash: new () => { hash(s: string): number } };
  const sh = new SimHash();
  const fps = raw.filter((it) => it.text?.trim()).map((it) => ({ id: it.id, fp: sh.hash(it.text) >>> 0 }));
  const parent = new Map(raw.map((it) => [it.id, it.id]));
  const find = (x: string): string => { let r = x; while (parent.get(r) !== r) r = parent.get(r) as string; parent.set(x, r); return r; };
  for (let i = 0; i < fps.length; i++) {
    for (let j = i + 1; j < fps.length; j++) {
      let x = ((fps[i]?.fp ?? 0) ^ (fps[j]?.fp ?? 0)) >>> 0;
      let d = 0;
      while (x) { x &= x - 1; d++; }
      if (d <= 3) parent.set(find((fps[j] as { id: string }).id), find((fps[i] as { id: string }).id));
    }
  }
  return new Map(raw.map((it) => [it.id, find(it.id)]));
}

/** Cross-language pairs per language pair: labelled pairs found, and pairs folded that the labels keep apart. */
function languagePairs(items: { id: string; story: string; language: string }[], pred: Map<string, string>): string {
  const counts = new Map<string, { found: number; gold: number; wrong: number }>();
  for (const [i, a] of items.entries()) {
    for (const b of items.slice(i + 1)) {
      if (a.language === b.language) continue;
      const same = a.story === b.story;
      const folded = pred.get(a.id) === pred.get(b.id);
      if (!same && !folded) continue;
      const key = [a.language, b.language].sort().join('-');
      const c = counts.get(key) ?? { found: 0, gold: 0, wrong: 0 };
      counts.set(key, c);
      if (same) { c.gold++; if (folded) c.found++; } else c.wrong++;
    }
  }
  return [...counts].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, c]) => `${k} ${c.found}/${c.gold}${c.wrong ? ` ${c.wrong}` : ''}`).join(', ');
}

function f3(x: number): string { return Number.isFinite(x) ? x.toFixed(3) : '  -  '; }

function row(name: string, s: Scores): string {
  const { p: sp, r: sr, f1: sf } = sameLanguageScores(s);
  const cells = [name.padEnd(14), f3(s.pairwise.p), f3(s.pairwise.r), f3(s.pairwise.f1), f3(sp), f3(sr), f3(sf),
    f3(s.crossLanguage.p), f3(s.crossLanguage.r), f3(s.crossLanguage.f1),
    `${s.hardNegatives.itemPairsMerged}/${s.hardNegatives.itemPairs}`.padStart(7)];
  return cells.join('  ');
}

/** Simhash distances of labelled same-story pairs vs. other pairs (the measurement behind nearDistance). */
function printDistances(inputs: InMemoryItem[], labels: { items: { id: string; story: string; language: string }[] }): void {
  const story = new Map(labels.items.map((it) => [it.id, it.story]));
  const sigs = inputs.map((i) => ({ id: i.itemId, sig: signItem(i) })).filter((x) => x.sig.sh);
  const same = new Array<number>(65).fill(0);
  const diff = new Array<number>(65).fill(0);
  for (let i = 0; i < sigs.length; i++) {
    for (let j = i + 1; j < sigs.length; j++) {
      const a = sigs[i] as { id: string; sig: Signature };
      const b = sigs[j] as { id: string; sig: Signature };
      if (a.sig.lang !== b.sig.lang) continue;
      const d = hammingDistance(a.sig.sh as string, b.sig.sh as string);
      const h = story.get(a.id) === story.get(b.id) ? same : diff;
      h[d] = (h[d] ?? 0) + 1;
    }
  }
  console.log('\nsimhash distance, same-language pairs: bits  same-story  other');
  for (let d = 0; d <= 24; d++) console.log(`${String(d).padStart(4)}  ${String(same[d]).padStart(10)}  ${String(diff[d]).padStart(6)}`);
  console.log(`  >24  ${String(same.slice(25).reduce((a, b) => a + b, 0)).padStart(10)}`);
}

async function main(): Promise<void> {
  const itemsFile = path.join(WEB, 'items.jsonl');
  const labelsFile = path.join(WEB, 'labels.json');
  if (!fs.existsSync(itemsFile) || !fs.existsSync(labelsFile)) {
    console.log(`eval-fold: ${WEB} is absent; nothing to evaluate.`);
    return;
  }
  const { raw, inputs } = readWebItems(itemsFile);
  const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8'));
  const metrics = await import(pathToFileURL(path.join(TOOLS, 'lib/metrics.mjs')).href);
  const baselines = await import(pathToFileURL(path.join(TOOLS, 'lib/baselines.mjs')).href);
  const t0 = performance.now();
  const folded = foldInMemory(inputs);
  const ms = performance.now() - t0;
  const pred = new Map(folded.map((f) => [f.itemId, f.storyId]));
  const systems: [string, Map<string, string>][] = [['feedfold', pred]];
  for (const name of ['url', 'title-trigram', 'title-overlap', 'simhash64']) systems.push([name, await baselines.runBaseline(name, raw)]);
  systems.push(['simhash-js', simhashJsBaseline(raw)]);
  console.log(`newsweb-dev: ${inputs.length} items folded in ${ms.toFixed(0)} ms (offline: items.jsonl has no links, so attribution links are unused)`);
  console.log(['system'.padEnd(14), 'pair P', 'pair R', 'pairF1', 'sameP ', 'sameR ', 'sameF1', 'xlangP', 'xlangR', 'xlngF1', 'neg hit'].join('  '));
  for (const [name, p] of systems) console.log(row(name, metrics.score(labels, p) as Scores));
  // Cross-language settings are chosen on half A and checked on half B (stories split by a hash of their id).
  for (const half of ['A', 'B'] as const) console.log(row(`feedfold ${half}`, metrics.score(labelsOfHalf(labels, half), pred) as Scores));
  console.log(`\ncross-language item pairs by language pair (found / labelled, false): ${languagePairs(labels.items, pred)}`);
  if (process.argv.includes('--detail')) {
    const file = writeAssignments(pred, 'feedfold');
    const out = spawnSync('node', [path.join(TOOLS, 'score.mjs'), '--labels', labelsFile, '--assign', file, '--detail'], { encoding: 'utf8' });
    console.log(`\n${out.stdout}${out.stderr}`);
    fs.rmSync(file, { force: true });
  }
  if (process.argv.includes('--distances')) printDistances(inputs, labels);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
