import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/domain/extract.ts';
import { decodeText } from '../src/domain/encoding.ts';
const f = process.argv[2] as string;
const html = decodeText(gunzipSync(readFileSync('../shared/data/extraction-trafilatura/html/' + f + '.gz')), null, 'html').text;
const a = extractArticle(html, 'https://example.org/');
console.log(JSON.stringify({ ...a, text: undefined }));
console.log(a.text);
