// Shows one page of the trafilatura set: what feedfold extracts, and which expected segments it misses or leaks.
// Run: npx tsx scripts/show-extract.ts FILE-OR-URL [--text]
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/domain/extract.ts';
import { decodeText } from '../src/domain/encoding.ts';

const DATA_DIR = resolve(process.cwd(), '../shared/data/extraction-trafilatura');

interface Entry {
  file: string;
  with: string[];
  without: string[];
}

/** Prints the extraction of one evaluation page with its missed and leaked segments. */
function showPage(key: string, withText: boolean): void {
  const data = JSON.parse(readFileSync(resolve(DATA_DIR, 'evaldata.json'), 'utf8')) as Record<string, Entry>;
  const found = Object.entries(data).find(([url, e]) => url === key || e.file === key);
  if (!found) throw new Error(`no page ${key} in the evaluation set`);
  const [url, entry] = found;
  const html = decodeText(gunzipSync(readFileSync(resolve(DATA_DIR, 'html', `${entry.file}.gz`))), null, 'html').text;
  const text = extractArticle(html, url).text;
  const flat = text.replace(/\s+/g, ' ');
  const has = (s: string) => flat.includes(s.replace(/\s+/g, ' ').trim());
  console.log(`${url} (${entry.file}), ${text.length} characters`);
  for (const s of entry.with) console.log(`${has(s) ? 'kept  ' : 'MISSED'} ${s}`);
  for (const s of entry.without) console.log(`${has(s) ? 'LEAKED' : 'clean '} ${s}`);
  if (withText) console.log(`---\n${text}`);
}

if (!existsSync(resolve(DATA_DIR, 'evaldata.json'))) console.log(`Evaluation data not found at ${DATA_DIR}.`);
else showPage(process.argv[2] ?? '', process.argv.includes('--text'));
