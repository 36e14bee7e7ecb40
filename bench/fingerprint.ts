// Fingerprinting speed: signItem vs simhash-js vs a plain 64-bit word-3-gram simhash, on the same texts.
//   npx tsx bench/fingerprint.ts
// Uses ../shared/data/newsweb-dev/items.jsonl when present, else the test fixtures.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signItem, type SignInput } from '../src/domain/fingerprint.ts';
import { computeSimhash } from '../src/domain/fingerprint/simhash.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function loadTexts(): { source: string; items: SignInput[] } {
  const file = path.resolve(ROOT, '../shared/data/newsweb-dev/items.jsonl');
  const rows: { title: string; text: string }[] = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : fs.readdirSync(path.join(ROOT, 'test/fixtures/fold')).filter((f) => f.endsWith('.txt'))
      .map((f) => ({ title: f, text: fs.readFileSync(path.join(ROOT, 'test/fixtures/fold', f), 'utf8') }));
  const items = rows.filter((r) => r.text?.trim()).map((r, i) => ({ itemId: String(i), url: `https://example.org/${i}`,
    canonicalUrl: null, title: r.title, text: r.text, links: [], language: null, publishedAt: null }));
  return { source: fs.existsSync(file) ? 'newsweb-dev items.jsonl' : 'test fixtures', items };
}

/** Plain unweighted 64-bit simhash over lower-cased word 3-shingles: the textbook baseline. */
function plainSimhash(text: string): string | null {
  const toks = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const features = new Set<string>();
  for (let i = 0; i + 3 <= toks.length; i++) features.add(`${toks[i]} ${toks[i + 1]} ${toks[i + 2]}`);
  return computeSimhash(features);
}

function measure(items: SignInput[], fn: (it: SignInput) => unknown): number {
  for (const it of items.slice(0, 50)) fn(it); // warm-up
  let docs = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const it of items) fn(it);
    docs += items.length;
  }
  return docs / ((performance.now() - start) / 1000);
}

/** Run the benchmark and return the table. */
export async function runFingerprintBench(): Promise<string> {
  const { source, items } = loadTexts();
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { SimHash } = require('simhash-js') as { SimHash: new () => { hash(s: string): number } };
  const sh = new SimHash();
  const rows: [string, number][] = [
    ['signItem (feedfold)', measure(items, (it) => signItem(it))],
    ['simhash-js 1.0.0 (32-bit)', measure(items, (it) => sh.hash(it.text))],
    ['plain simhash64 word-3', measure(items, (it) => plainSimhash(it.text))],
  ];
  const base = rows[0]?.[1] ?? 1;
  const lines = [`fingerprint bench: ${items.length} texts from ${source}`, 'method                       docs/s   vs signItem'];
  for (const [name, rate] of rows) lines.push(`${name.padEnd(26)} ${rate.toFixed(0).padStart(9)}   ${(rate / base).toFixed(2)}x`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(await runFingerprintBench());
}
