// Scores article extractors on the trafilatura benchmark (segments that must / must not appear).
// Run: npx tsx scripts/eval-extract.ts [--limit N] [--only feedfold] [--dump]
//      npx tsx scripts/eval-extract.ts --newsweb: token F1 of feedfold's text against the page text of every dev
//      news web item (../shared/data/newsweb-dev/items.jsonl), per site (template) and overall.
// Each extractor runs in its own worker thread so that a page on which one of them hangs (Readability on
// jsdom never returns on one page of the set) is cut off after PAGE_TIMEOUT_MS and counted as a crash.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { DOMParser } from 'linkedom';
import { extractArticle } from '../src/domain/extract.ts';
import { decodeText } from '../src/domain/encoding.ts';

const DATA_DIR = resolve(process.cwd(), '../shared/data/extraction-trafilatura');
const NEWSWEB_DIR = resolve(process.cwd(), '../shared/data/newsweb-dev');

/** A page that takes longer than this is a crash for the metric (all its `with` segments missed). */
const PAGE_TIMEOUT_MS = 20_000;

interface Entry {
  file: string;
  with: string[];
  without: string[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  errors: number;
  ms: number;
}

type Extractor = (html: string, url: string) => string | null;

const EXTRACTORS: Record<string, Extractor> = {
  feedfold: (html, url) => extractArticle(html, url).text,
  'readability+linkedom': (html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    return new Readability(doc as never).parse()?.textContent ?? null;
  },
  'readability+jsdom': (html, url) => {
    const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
    const text = new Readability(dom.window.document).parse()?.textContent ?? null;
    dom.window.close(); // without it every window stays alive and the process slows to a crawl
    return text;
  },
};

/** Collapse every run of whitespace to one space, then trim: the benchmark's normalisation. */
function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function scorePage(output: string | null, entry: Entry, c: Counts): { missed: string[]; leaked: string[] } {
  const text = output === null ? null : normalise(output);
  const missed: string[] = [];
  const leaked: string[] = [];
  for (const seg of entry.with) {
    if (text !== null && text.includes(normalise(seg))) c.tp++;
    else (c.fn++, missed.push(seg));
  }
  for (const seg of entry.without) {
    if (text !== null && text.includes(normalise(seg))) (c.fp++, leaked.push(seg));
    else c.tn++;
  }
  return { missed, leaked };
}

function formatRow(name: string, c: Counts): string {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  const acc = (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn);
  const f = (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  const cells = [p, r, acc, f].map((x) => x.toFixed(3));
  return `| ${name.padEnd(22)} | ${cells.join(' | ')} | ${String(c.errors).padStart(6)} | ${(c.ms / 1000).toFixed(1).padStart(6)} |`;
}

interface PageResult {
  text: string | null;
  error: boolean;
  ms: number;
}

/** Worker side: extract every page it is sent and post the text back. */
function serveWorker(name: string): void {
  const extract = EXTRACTORS[name] as Extractor;
  parentPort?.on('message', ({ html, url }: { html: string; url: string }) => {
    const t0 = performance.now();
    try {
      parentPort?.postMessage({ text: extract(html, url), error: false, ms: performance.now() - t0 });
    } catch {
      parentPort?.postMessage({ text: null, error: true, ms: performance.now() - t0 });
    }
  });
}

/** A worker thread running this script, with tsx registered so that it can load TypeScript. */
function spawnWorker(name: string): Worker {
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Worker(boot, { eval: true, workerData: { name } });
}

/** Runs one extractor in a worker thread, restarting the worker when a page times out. */
function createRunner(name: string): { run(html: string, url: string): Promise<PageResult>; close(): Promise<number> } {
  let worker = spawnWorker(name);
  return {
    run(html, url) {
      return new Promise((done) => {
        const timer = setTimeout(() => {
          worker.removeAllListeners('message');
          void worker.terminate();
          worker = spawnWorker(name);
          done({ text: null, error: true, ms: PAGE_TIMEOUT_MS });
        }, PAGE_TIMEOUT_MS);
        worker.once('message', (r: PageResult) => {
          clearTimeout(timer);
          done(r);
        });
        worker.postMessage({ html, url });
      });
    },
    close: () => worker.terminate(),
  };
}

async function main(): Promise<void> {
  if (!existsSync(resolve(DATA_DIR, 'evaldata.json'))) {
    console.log(`Evaluation data not found at ${DATA_DIR}; nothing to score.`);
    return;
  }
  const args = process.argv.slice(2);
  const limit = Number(args[args.indexOf('--limit') + 1]) || Infinity;
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const dump = args.includes('--dump');
  const data = JSON.parse(readFileSync(resolve(DATA_DIR, 'evaldata.json'), 'utf8')) as Record<string, Entry>;
  const entries = Object.entries(data).slice(0, limit);
  const names = Object.keys(EXTRACTORS).filter((n) => !only || n === only);
  const counts = new Map(names.map((n) => [n, { tp: 0, fp: 0, fn: 0, tn: 0, errors: 0, ms: 0 } as Counts]));
  const runners = new Map(names.map((n) => [n, createRunner(n)]));
  for (const [url, entry] of entries) {
    const bytes = gunzipSync(readFileSync(resolve(DATA_DIR, 'html', `${entry.file}.gz`)));
    const html = decodeText(bytes, null, 'html').text;
    const results = await Promise.all(names.map((n) => (runners.get(n) as ReturnType<typeof createRunner>).run(html, url)));
    names.forEach((name, i) => {
      const c = counts.get(name) as Counts;
      const r = results[i] as PageResult;
      c.ms += r.ms;
      if (r.error) c.errors++;
      const { missed, leaked } = scorePage(r.text, entry, c);
      if (dump && name === 'feedfold' && (missed.length || leaked.length)) {
        console.log(JSON.stringify({ url, file: entry.file, missed, leaked }));
      }
    });
  }
  await Promise.all([...runners.values()].map((r) => r.close()));
  console.log(`${entries.length} documents, ${entries.reduce((n, [, e]) => n + e.with.length, 0)} text and ` +
    `${entries.reduce((n, [, e]) => n + e.without.length, 0)} boilerplate segments`);
  console.log('| extractor              | precision | recall | accuracy | F-score | errors | seconds |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, c] of counts) console.log(formatRow(name, c));
  console.log('Published on the same 990 documents: trafilatura 2.2.0 (standard) F 0.924, readability-lxml 0.8.4.1 F 0.826.');
  console.log(`Errors are crashes or pages over ${PAGE_TIMEOUT_MS / 1000} s; seconds are summed extraction time per extractor.`);
}

/** Letters-and-digits tokens, lower-cased: what token F1 compares. */
function tokenise(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Token-level F1 of an extracted text against the reference text (multiset overlap). */
function tokenF1(output: string, reference: string): number {
  const out = tokenise(output);
  const ref = tokenise(reference);
  const left = new Map<string, number>();
  for (const t of ref) left.set(t, (left.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of out) {
    const n = left.get(t) ?? 0;
    if (n > 0) (common++, left.set(t, n - 1));
  }
  return common === 0 ? 0 : (2 * common) / (out.length + ref.length);
}

/** Scores feedfold on the dev news web's pages: mean token F1 per site and overall. */
function evalNewsweb(): void {
  if (!existsSync(resolve(NEWSWEB_DIR, 'items.jsonl'))) {
    console.log(`Dev news web not found at ${NEWSWEB_DIR}; nothing to score.`);
    return;
  }
  const sites = new Map<string, number[]>();
  for (const line of readFileSync(resolve(NEWSWEB_DIR, 'items.jsonl'), 'utf8').trim().split('\n')) {
    const item = JSON.parse(line) as { url: string; text?: string };
    const u = new URL(item.url);
    let file = resolve(NEWSWEB_DIR, 'sites', u.hostname, `.${decodeURIComponent(u.pathname)}`);
    if (existsSync(file) && statSync(file).isDirectory()) file = resolve(file, 'index.html');
    if (!item.text || !existsSync(file)) continue;
    const text = extractArticle(decodeText(readFileSync(file), null, 'html').text, item.url).text;
    sites.set(u.hostname, [...(sites.get(u.hostname) ?? []), tokenF1(text, item.text)]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log('| site | pages | token F1 |\n|---|---|---|');
  for (const [site, scores] of [...sites].sort()) console.log(`| ${site} | ${scores.length} | ${mean(scores).toFixed(3)} |`);
  const all = [...sites.values()].flat();
  console.log(`| all | ${all.length} | ${mean(all).toFixed(4)} |`);
  console.log('The reference is the text as the page shows it, bylines and "Source link" lines included: 1.0 is out of reach.');
}

if (isMainThread && process.argv.includes('--newsweb')) evalNewsweb();
else if (isMainThread) await main();
else serveWorker((workerData as { name: string }).name);
