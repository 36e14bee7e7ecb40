// Stored signature formats side by side: JSON text, feedfold's packed format (src/db/packed-json.ts: version 2,
// cbor-x with string references after hex strings become bytes) and the hand-written version 1 it replaced, msgpackr
// and cbor-x, plain and with their own string reuse, and each with the hex strings given to it as bytes.
//   npx tsx bench/packed-signatures.ts      (or BENCH=packed npm run bench)
// Signatures of the dev web (../shared/data/newsweb-dev), signed as the ingest worker signs them: each item's page
// read from the web's files (extracted text, language, canonical URL and the links inside the article), the feed's
// text when the page has less. Says so and exits 0 when ../shared is absent.
// Bytes are raw (rows this small, under 2 kB, are stored uncompressed by PostgreSQL). Times are per signature,
// as ratios against JSON text measured in the same run.

import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { Encoder as CborEncoder } from 'cbor-x';
import { Packr } from 'msgpackr';
import { sharedDir } from '../scripts/lib/shared.ts';
import { readWebItems } from '../scripts/eval-fold.ts';
import { packJson, unpackJson } from '../src/db/packed-json.ts';
import { parseSignature, storedForm } from '../src/db/signatures.ts';
import { packJsonV1 } from './packed-v1.ts';
import { decodeText } from '../src/domain/encoding.ts';
import { extractArticle } from '../src/domain/extract.ts';
import { signItem, type Signature } from '../src/domain/fingerprint.ts';

const WEB = path.join(sharedDir, 'data/newsweb-dev');

/** The dev web's signatures, as the pipeline would store them (null when the web is not here). */
function loadSignatures(): Signature[] | null {
  const file = path.join(WEB, 'items.jsonl');
  if (!fs.existsSync(file)) return null;
  return readWebItems(file).inputs.map((it) => {
    const u = new URL(it.url);
    const page = path.join(WEB, 'sites', u.hostname, u.pathname);
    let article = null;
    if (fs.existsSync(page) && fs.statSync(page).isFile()) {
      const html = decodeText(fs.readFileSync(page), null, 'html').text;
      try {
        article = extractArticle(html, it.url);
      } catch {
        article = null;
      }
    }
    const text = article && article.text.length >= Math.min(it.text.length, 200) ? article.text : it.text;
    return signItem({ ...it, text, canonicalUrl: article?.canonicalUrl ?? it.canonicalUrl, links: article?.links ?? [],
      language: article?.language ?? it.language });
  });
}

const HEX = /^(?:[0-9a-f]{2})+$/;

/** The pre-step: every lowercase hex string as bytes (JSON has no bytes, so the way back is unambiguous). */
function hexToBytes(v: unknown): unknown {
  if (typeof v === 'string') return HEX.test(v) ? Buffer.from(v, 'hex') : v;
  if (Array.isArray(v)) return v.map(hexToBytes);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hexToBytes(x)]));
  return v;
}

function bytesToHex(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (Array.isArray(v)) return v.map(bytesToHex);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = bytesToHex(o[k]);
    return o;
  }
  return v;
}

/** A signature as stored (shingle hashes as hex digits): what each codec is given. */
type Stored = ReturnType<typeof storedForm>;

interface Codec { name: string; encode: (s: Stored) => Uint8Array; decode: (b: Uint8Array) => unknown }

function codecs(): Codec[] {
  // Each value self-contained: no structures or string tables shared between rows (a row is read alone).
  const mp = new Packr({ useRecords: false });
  const mpRecords = new Packr({ useRecords: true, sequential: true });
  const cbor = new CborEncoder({ useRecords: false, mapsAsObjects: true });
  const cborPack = new CborEncoder({ useRecords: false, mapsAsObjects: true, pack: true });
  const withBytes = (name: string, c: { encode: (v: unknown) => Uint8Array; decode: (b: Uint8Array) => unknown }): Codec => ({
    name, encode: (s) => c.encode(hexToBytes(s)), decode: (b) => bytesToHex(c.decode(b)),
  });
  const mpCodec = { encode: (v: unknown) => mp.pack(v), decode: (b: Uint8Array) => mp.unpack(b) };
  const mpRecCodec = { encode: (v: unknown) => mpRecords.pack(v), decode: (b: Uint8Array) => mpRecords.unpack(b) };
  const cborCodec = { encode: (v: unknown) => cbor.encode(v), decode: (b: Uint8Array) => cbor.decode(b) };
  const cborPackCodec = { encode: (v: unknown) => cborPack.encode(v), decode: (b: Uint8Array) => cborPack.decode(b) };
  return [
    { name: 'JSON text', encode: (s) => Buffer.from(JSON.stringify(s)), decode: (b) => JSON.parse(Buffer.from(b).toString('utf8')) },
    { name: 'packed v1 (hand-written, replaced)', encode: (s) => packJsonV1(s), decode: (b) => unpackJson(b) },
    { name: 'packed v2 (feedfold: cbor-x pack, hex as bytes)', encode: (s) => packJson(s), decode: (b) => unpackJson(b) },
    { name: 'msgpackr', ...mpCodec },
    { name: 'msgpackr, records', ...mpRecCodec },
    withBytes('msgpackr, hex as bytes', mpCodec),
    withBytes('msgpackr, records, hex as bytes', mpRecCodec),
    { name: 'cbor-x', ...cborCodec },
    { name: 'cbor-x pack (string refs)', ...cborPackCodec },
    withBytes('cbor-x, hex as bytes', cborCodec),
  ];
}

/** Microseconds per signature for `fn` over all of them, at least `ms` of repetitions after a warm-up. */
function timePer(sigs: number, fn: () => void, ms = 300): number {
  fn();
  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    rounds++;
  }
  return ((performance.now() - start) * 1000) / (rounds * sigs);
}

/** Run the bench and return its table (markdown). */
export async function runPackedSignaturesBench(): Promise<string> {
  const sigs = loadSignatures()?.map(storedForm);
  if (!sigs) return `packed-signatures: ${WEB} is not here; nothing measured.`;
  const expected = sigs.map((s) => JSON.parse(JSON.stringify(s)) as unknown);
  const rows = codecs().map((c) => {
    const encoded = sigs.map(c.encode);
    const sizes = encoded.map((b) => b.length).sort((a, b) => a - b);
    const exact = encoded.every((b, i) => isDeepStrictEqual(JSON.parse(JSON.stringify(c.decode(b))), expected[i]));
    return {
      name: c.name, exact, mean: sizes.reduce((a, b) => a + b, 0) / sizes.length, median: sizes[sizes.length >> 1]!,
      encode: timePer(sigs.length, () => { for (const s of sigs) c.encode(s); }),
      decode: timePer(sigs.length, () => { for (const b of encoded) c.decode(b); }),
    };
  });
  const json = rows[0]!;
  const packed = rows[1]!;
  const lines = [
    `### Stored signature formats (\`npx tsx bench/packed-signatures.ts\`): ${sigs.length} dev-web signatures`,
    '',
    '| format | round-trips | mean B | median B | vs JSON | vs packed v1 | encode µs | decode µs | encode vs JSON | decode vs JSON |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.exact ? 'yes' : '**no**'} | ${r.mean.toFixed(0)} | ${r.median} | ${(r.mean / json.mean).toFixed(2)} | `
      + `${(r.mean / packed.mean).toFixed(2)} | ${r.encode.toFixed(2)} | ${r.decode.toFixed(2)} | ${(r.encode / json.encode).toFixed(2)}× | `
      + `${(r.decode / json.decode).toFixed(2)}× |`),
  ];
  const best = rows.slice(3).filter((r) => r.exact).sort((a, b) => a.mean - b.mean)[0];
  const v2 = rows[2]!;
  lines.push('', `packed v2 against the hand-written v1: ${((v2.mean / packed.mean - 1) * 100).toFixed(1)} % larger, encoding ${(v2.encode / packed.encode).toFixed(2)}×, decoding ${(v2.decode / packed.decode).toFixed(2)}× its time.`);
  if (best) lines.push(`Smallest other library form: ${best.name}, ${((best.mean / packed.mean - 1) * 100).toFixed(0)} % larger than packed v1.`);
  lines.push('', ...parsedHeapTable(sigs.map((s) => packJson(s))));
  return lines.join('\n');
}

/** Heap bytes per signature read by `read` from its stored bytes and kept, as a worker's signature cache keeps them. */
function heapPerSignature(stored: Buffer[], read: (b: Buffer) => unknown, copies = 20): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (let i = 0; i < copies; i++) for (const b of stored) kept.push(read(b));
  gc();
  const after = process.memoryUsage().heapUsed;
  return (after - before) / kept.length;
}

/** The in-memory form side by side: shingle hashes as the hex strings they are stored as (before), and as numbers (now). */
function parsedHeapTable(stored: Buffer[]): string[] {
  const hashes = stored.reduce((n, b) => n + parseSignature(b)!.ss.length, 0) / stored.length;
  const asHex = heapPerSignature(stored, (b) => unpackJson(b));
  const asNumbers = heapPerSignature(stored, (b) => parseSignature(b));
  return [
    `Parsed and kept (a worker's signature cache), heap bytes per signature, ${hashes.toFixed(1)} shingle hashes each on average:`,
    '',
    '| in memory | heap B per signature | vs hex strings |',
    '|---|---|---|',
    `| shingle hashes as hex strings (before) | ${asHex.toFixed(0)} | 1.00 |`,
    `| shingle hashes as numbers (parseSignature) | ${asNumbers.toFixed(0)} | ${(asNumbers / asHex).toFixed(2)} |`,
    '',
    `${((asHex - asNumbers) / hashes).toFixed(1)} B saved per shingle hash.`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) console.log(await runPackedSignaturesBench());
