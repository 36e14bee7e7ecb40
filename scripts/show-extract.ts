// Prints what extractArticle finds in a page file: metadata as JSON, then the text.
// Run: npx tsx scripts/show-extract.ts <file.html[.gz]> [url]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/domain/extract.ts';
import { decodeText } from '../src/domain/encoding.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: show-extract <file.html[.gz]> [url]');
const raw = readFileSync(file);
const html = decodeText(file.endsWith('.gz') ? gunzipSync(raw) : raw, null, 'html').text;
const article = extractArticle(html, process.argv[3] ?? 'https://example.org/');
console.log(JSON.stringify({ ...article, text: undefined }, null, 1));
console.log(article.text);
