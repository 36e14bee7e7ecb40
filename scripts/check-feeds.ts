// Check every page of a running database's merged feed as subscribers' clients read it: Atom against
// RFC 4287's RELAX NG schema (jing), RSS and Atom through python3-feedparser (bozo), JSON Feed's required
// fields; prints the error counts and the first page's size identity / gzip / brotli.
//   DATABASE_URL=postgres://… npx tsx scripts/check-feeds.ts
// (`FEEDFOLD_EVAL_KEEP=1 npm run eval` leaves the dev web's database to check.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { silentLogger } from '../src/log.ts';
import { createApp } from '../src/server/app.ts';

const SCHEMA = path.resolve(import.meta.dirname, '../test/fixtures/schemas/atom.rnc');
const FEEDPARSER = path.resolve(import.meta.dirname, '../test/helpers/feedparser-read.py');

const config = loadConfig(process.env);
if (!config.databaseUrl) throw new Error('set DATABASE_URL to the database to check');
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const { app } = createApp({ config, db: database.db, log: silentLogger() });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-check-'));
const local = (u: string) => new URL(u).pathname + new URL(u).search;

/** Every page of one format, following its next links; returns the saved files. */
async function pages(first: string, next: (body: string) => string | null): Promise<string[]> {
  const files: string[] = [];
  for (let url: string | null = first; url; ) {
    const body = await (await app.request(url)).text();
    const file = path.join(tmp, `${path.basename(first).replace('.', '-')}-${files.length + 1}`);
    fs.writeFileSync(file, body);
    files.push(file);
    const n = next(body);
    url = n ? local(n) : null;
  }
  return files;
}

const nextXml = (body: string) => /<(?:atom:)?link rel="next" href="([^"]+)"/.exec(body)?.[1]?.replaceAll('&amp;', '&') ?? null;
const atom = await pages('/feed.atom', nextXml);
const rss = await pages('/feed.xml', nextXml);
const json = await pages('/feed.json', (b) => (JSON.parse(b) as { next_url?: string }).next_url ?? null);

const jing = spawnSync('jing', ['-c', SCHEMA, ...atom], { encoding: 'utf8' });
const jingErrors = jing.stdout.split('\n').filter((l) => l.includes('error')).length;
const parsed = JSON.parse(spawnSync('/usr/bin/python3', [FEEDPARSER, ...rss, ...atom], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout) as { bozo: boolean; entries: { author: string | null }[] }[];
let jsonProblems = 0;
let jsonItems = 0;
for (const file of json) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; items: Record<string, unknown>[] };
  if (doc.version !== 'https://jsonfeed.org/version/1.1') jsonProblems += 1;
  for (const item of doc.items) {
    jsonItems += 1;
    if (typeof item.id !== 'string' || typeof item.content_html !== 'string' || !Array.isArray(item.authors) || typeof item.language !== 'string') jsonProblems += 1;
  }
}
console.log(`pages: atom ${atom.length}, rss ${rss.length}, json ${json.length}`);
console.log(`jing (RFC 4287 schema): ${jingErrors} errors over ${atom.length} Atom pages`);
console.log(`feedparser: ${parsed.filter((d) => d.bozo).length} bozo documents of ${parsed.length}; entries without author: ${parsed.flatMap((d) => d.entries).filter((e) => !e.author).length} of ${parsed.flatMap((d) => d.entries).length}`);
console.log(`JSON Feed: ${jsonProblems} problems over ${jsonItems} items (version, id, content_html, authors, language)`);
for (const p of ['/feed.json', '/feed.xml', '/feed.atom', '/']) {
  const size = async (enc: string) => (await (await app.request(p, { headers: enc ? { 'Accept-Encoding': enc } : {} })).arrayBuffer()).byteLength;
  console.log(`${p.padEnd(11)} first page: identity ${await size('')} B, gzip ${await size('gzip')} B, br ${await size('br')} B`);
}
await database.close();
fs.rmSync(tmp, { recursive: true, force: true });
