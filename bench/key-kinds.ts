// Which kinds of candidate-index key find which true copies, and how late copies arrive: the measurements
// behind the candidate index's key set and its window (docs/database.md). Offline, over the labelled dev web
// (../shared/data/newsweb-dev/items.jsonl, in published order; it has no links, so link keys go unmeasured).
//   npx tsx bench/key-kinds.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { foldInMemory } from '../src/domain/fold.ts';
import { lookupKeys, signItem, type Signature } from '../src/domain/fingerprint.ts';
import { readWebItems } from '../scripts/eval-fold.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.resolve(ROOT, '../shared/data/newsweb-dev');
const TOOLS = path.resolve(ROOT, '../shared/tools/newsweb');

/** A key's kind: its prefix before ':' without digits and dots (b = simhash band, x = text hash, s = shingle, u = URL, t = title words, a = anchors). */
export const kindOf = (key: string): string => key.slice(0, key.indexOf(':')).replace(/[\d.]/g, '');

interface Scores { pairwise: { p: number; r: number; f1: number }; crossLanguage: { p: number; r: number }; hardNegatives: { itemPairsMerged: number; itemPairs: number } }

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Run the measurement; returns its tables. */
export async function runKeyKindsBench(): Promise<string> {
  const itemsFile = path.join(WEB, 'items.jsonl');
  if (!fs.existsSync(itemsFile)) return `key-kinds: ${WEB} is absent; nothing to measure.`;
  const labels = JSON.parse(fs.readFileSync(path.join(WEB, 'labels.json'), 'utf8')) as { items: { id: string; story: string }[] };
  const metrics = await import(pathToFileURL(path.join(TOOLS, 'lib/metrics.mjs')).href);
  const { inputs } = readWebItems(itemsFile);
  const storyOf = new Map(labels.items.map((it) => [it.id, it.story]));
  const out: string[] = [];

  // How late copies come: each item's delay after its story's first item (published times).
  const first = new Map<string, number>();
  const delays: number[] = [];
  for (const it of inputs) {
    const story = storyOf.get(it.itemId);
    const t = it.publishedAt?.getTime();
    if (!story || t === undefined) continue;
    const f = first.get(story);
    if (f === undefined) first.set(story, t);
    else delays.push((t - f) / 3_600_000);
  }
  out.push(`copies: ${delays.length} items after their story's first; delay after the first, hours: p50 ${quantile(delays, 0.5).toFixed(1)}, p90 ${quantile(delays, 0.9).toFixed(1)}, p99 ${quantile(delays, 0.99).toFixed(1)}, max ${Math.max(...delays).toFixed(1)}`);

  // Per kind: keys per item, and copies whose earlier story-mates it finds (alone, or at all).
  const sigs = inputs.map((it) => signItem(it));
  const holders = new Map<string, string[]>();
  const perKind = new Map<string, { keys: number; finds: number; only: number }>();
  const kindRow = (k: string) => perKind.get(k) ?? (perKind.set(k, { keys: 0, finds: 0, only: 0 }), perKind.get(k)!);
  let copies = 0;
  let found = 0;
  inputs.forEach((it, i) => {
    const keys = lookupKeys(sigs[i] as Signature);
    const story = storyOf.get(it.itemId);
    const findingKinds = new Set<string>();
    for (const key of keys) {
      kindRow(kindOf(key)).keys++;
      if ((holders.get(key) ?? []).some((h) => storyOf.get(h) === story)) findingKinds.add(kindOf(key));
    }
    if (inputs.slice(0, i).some((o) => storyOf.get(o.itemId) === story)) {
      copies++;
      if (findingKinds.size) found++;
      for (const k of findingKinds) kindRow(k).finds++;
      if (findingKinds.size === 1) kindRow([...findingKinds][0] as string).only++;
    }
    for (const key of keys) (holders.get(key) ?? (holders.set(key, []), holders.get(key)!)).push(it.itemId);
  });
  out.push(`\n${copies} items have an earlier story-mate; ${found} share a key with one.`);
  out.push('| kind | keys per item | copies it finds | copies only it finds |', '|---|---|---|---|');
  for (const [k, r] of [...perKind].sort()) out.push(`| ${k} | ${(r.keys / inputs.length).toFixed(1)} | ${r.finds} | ${r.only} |`);

  // Folding quality with each kind left out, and with the index limited to a window (by published time).
  const score = (keysOf: (s: Signature) => string[]): Scores =>
    metrics.score(labels, new Map(foldInMemory(inputs, keysOf).map((f) => [f.itemId, f.storyId]))) as Scores;
  const line = (name: string, s: Scores, keys: number) =>
    `| ${name} | ${keys.toFixed(1)} | ${s.pairwise.f1.toFixed(3)} | ${s.crossLanguage.r.toFixed(3)} | ${s.crossLanguage.p.toFixed(3)} | ${s.hardNegatives.itemPairsMerged}/${s.hardNegatives.itemPairs} |`;
  const meanKeys = (keysOf: (s: Signature) => string[]) => sigs.reduce((a, s) => a + keysOf(s).length, 0) / sigs.length;
  out.push('\n| keys | keys per item | pair F1 | cross-language R | P | hard negatives merged |', '|---|---|---|---|---|---|');
  out.push(line('all', score(lookupKeys), meanKeys(lookupKeys)));
  for (const k of [...perKind.keys()].sort()) {
    const without = (s: Signature) => lookupKeys(s).filter((key) => kindOf(key) !== k);
    out.push(line(`without ${k}`, score(without), meanKeys(without)));
  }
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await runKeyKindsBench());
