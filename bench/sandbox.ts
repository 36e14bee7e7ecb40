// Cost of reading documents in the sandbox's worker threads against reading them on the event loop's thread:
// the same pages and feeds, read one at a time (the latency an ingestion sees) and all at once (throughput with
// the pool's threads), side by side in one run, so the ratio holds on a busy machine.
// Run: npx tsx bench/sandbox.ts [--pages N]   (the `sandbox` part of `npm run bench`)
// Peak RSS per configuration (threads, heap, young generation; each in its own process): npx tsx bench/sandbox.ts --rss [--pages N]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createInProcessReader, createSandboxReader, readLimitsFrom, type DocumentReader } from '../src/sandbox/reader.ts';
import { loadConfig } from '../src/config.ts';

const limits = readLimitsFrom(loadConfig({}));
const inProcessReader = createInProcessReader(limits);

const PAGES_DIR = resolve(process.cwd(), '../shared/data/extraction-trafilatura/html');
const FEEDS_DIR = resolve(process.cwd(), '../shared/data/feeds-gofeed');
const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
/** Rounds over the documents; the median is reported. */
const ROUNDS = 3;

interface Doc {
  kind: 'feed' | 'page';
  body: Buffer;
}

function loadDocs(pages: number): Doc[] {
  const docs: Doc[] = [];
  const pageFiles = existsSync(PAGES_DIR) ? readdirSync(PAGES_DIR).sort().slice(0, pages).map((f) => gunzipSync(readFileSync(resolve(PAGES_DIR, f))))
    : readdirSync(resolve(FIXTURES, 'pages')).filter((f) => f.endsWith('.html')).map((f) => readFileSync(resolve(FIXTURES, 'pages', f)));
  for (const body of pageFiles) docs.push({ kind: 'page', body });
  const feedDir = existsSync(FEEDS_DIR) ? FEEDS_DIR : resolve(FIXTURES, 'feeds');
  const feedFiles = readdirSync(feedDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(xml|json)$/.test(e.name)).slice(0, pages);
  for (const f of feedFiles) docs.push({ kind: 'feed', body: readFileSync(resolve(f.parentPath, f.name)) });
  return docs;
}

async function readOne(reader: DocumentReader, doc: Doc): Promise<void> {
  const read = doc.kind === 'page' ? reader.readPage(doc.body, 'text/html', 'https://example.org/a') : reader.readFeed(doc.body, null, 'https://example.org/feed');
  await read.catch(() => undefined);
}

async function timeSerial(reader: DocumentReader, docs: Doc[]): Promise<number> {
  const started = performance.now();
  for (const doc of docs) await readOne(reader, doc);
  return performance.now() - started;
}

async function timeParallel(reader: DocumentReader, docs: Doc[], width: number): Promise<number> {
  const started = performance.now();
  const queue = [...docs];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let doc = queue.shift(); doc; doc = queue.shift()) await readOne(reader, doc);
  }));
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The table: documents per second in-process and in the sandbox, one at a time and 4 at once. */
export async function runSandboxBench(pages = 100): Promise<string> {
  const docs = loadDocs(pages);
  const sandbox = createSandboxReader({ threads: 2, heapMb: 256, timeoutMs: 60_000 }, limits);
  try {
    await timeParallel(sandbox, docs.slice(0, 4), 4); // start the threads: module loading is not per document
    const rows: string[] = [];
    for (const [label, time] of [
      ['one at a time', (r: DocumentReader) => timeSerial(r, docs)],
      ['4 at once', (r: DocumentReader) => timeParallel(r, docs, 4)],
    ] as const) {
      const inProc: number[] = [];
      const sand: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        inProc.push(await time(inProcessReader));
        sand.push(await time(sandbox));
      }
      const rate = (ms: number) => (docs.length / (ms / 1000)).toFixed(1);
      rows.push(`| ${label} | ${rate(median(inProc))} | ${rate(median(sand))} | ${(median(inProc) / median(sand)).toFixed(2)} |`);
    }
    return [
      `${docs.filter((d) => d.kind === 'page').length} pages + ${docs.filter((d) => d.kind === 'feed').length} feeds, median of ${ROUNDS} rounds, alternating`,
      '| reading | in-process docs/s | sandbox (2 threads) docs/s | sandbox / in-process |',
      '|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    await sandbox.close();
  }
}

/** One reading configuration measured in its own process: in-process, or the sandbox with these settings. */
interface RssConfig {
  label: string;
  sandbox?: { threads: number; heapMb: number; youngMb?: number };
}

const RSS_CONFIGS: RssConfig[] = [
  { label: 'in-process (no sandbox)' },
  { label: 'sandbox, 2 threads, 32 MB young', sandbox: { threads: 2, heapMb: 256, youngMb: 32 } },
  { label: 'sandbox, 1 thread, 32 MB young', sandbox: { threads: 1, heapMb: 256, youngMb: 32 } },
  { label: 'sandbox, 1 thread, 4 MB young', sandbox: { threads: 1, heapMb: 256, youngMb: 4 } },
  { label: 'sandbox, 2 threads, 8 MB young', sandbox: { threads: 2, heapMb: 256, youngMb: 8 } },
  { label: 'sandbox, 2 threads, 4 MB young (before)', sandbox: { threads: 2, heapMb: 256, youngMb: 4 } },
  { label: 'sandbox, 2 threads, 2 MB young', sandbox: { threads: 2, heapMb: 256, youngMb: 2 } },
  { label: 'sandbox, 2 threads, 16 MB young', sandbox: { threads: 2, heapMb: 256, youngMb: 16 } },
  { label: 'sandbox, 1 thread, 8 MB young', sandbox: { threads: 1, heapMb: 256, youngMb: 8 } },
  { label: 'sandbox, 1 thread, 16 MB young', sandbox: { threads: 1, heapMb: 256, youngMb: 16 } },
  { label: 'sandbox, defaults (FEEDFOLD_SANDBOX_*)', sandbox: { threads: -1, heapMb: -1 } },
  { label: 'sandbox, 1 thread, 16 MB young, 128 MB heap', sandbox: { threads: 1, heapMb: 128, youngMb: 16 } },
  { label: 'sandbox, 1 thread, 16 MB young, 64 MB heap', sandbox: { threads: 1, heapMb: 64, youngMb: 16 } },
];

/** In a child process: read the documents 4 at once for ROUNDS rounds, sampling RSS; prints JSON. */
async function rssChild(config: RssConfig, pages: number): Promise<void> {
  const docs = loadDocs(pages);
  const defaults = loadConfig({});
  const s = config.sandbox;
  const reader = s
    ? createSandboxReader({ threads: s.threads > 0 ? s.threads : defaults.sandboxThreads, heapMb: s.heapMb > 0 ? s.heapMb : defaults.sandboxHeapMb, youngMb: s.youngMb ?? defaults.sandboxYoungMb, timeoutMs: 60_000 }, limits)
    : inProcessReader;
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  await timeParallel(reader, docs.slice(0, 8), 4); // start the threads: module loading is not per document
  const times: number[] = [];
  // CPU of every thread of the process (the sandbox's included): robust where throughput moves with the neighbours.
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) times.push(await timeParallel(reader, docs, 4));
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await reader.close();
  const cpuMsPerDoc = (cpu.user + cpu.system) / 1000 / (docs.length * ROUNDS);
  console.log(JSON.stringify({ baseline, peak, docsPerSecond: docs.length / (median(times) / 1000), cpuMsPerDoc }));
}

/**
 * Peak RSS of a process reading the same documents 4 at once (as a worker's concurrent polls do) under each
 * configuration, each in a fresh process, run one after another; throughput beside the in-process reading.
 */
export async function runSandboxRssBench(pages = 100): Promise<string> {
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  let inProcessRate = 0;
  let inProcessCpu = 0;
  for (const [i, config] of RSS_CONFIGS.entries()) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, '--rss-child', String(i), '--pages', String(pages)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1) as string) as { baseline: number; peak: number; docsPerSecond: number; cpuMsPerDoc: number };
    if (i === 0) [inProcessRate, inProcessCpu] = [r.docsPerSecond, r.cpuMsPerDoc];
    const mb = (b: number) => (b / 1048576).toFixed(0);
    rows.push(`| ${config.label} | ${mb(r.baseline)} | **${mb(r.peak)}** | ${mb(r.peak - r.baseline)} | ${r.docsPerSecond.toFixed(1)} | ${(r.docsPerSecond / inProcessRate).toFixed(2)} | ${r.cpuMsPerDoc.toFixed(1)} | ${(r.cpuMsPerDoc / inProcessCpu).toFixed(2)} |`);
  }
  return [
    `${pages} pages + feeds, 4 at once, ${ROUNDS} rounds, each configuration in a fresh process`,
    '| reading | RSS before, MB | peak RSS, MB | growth, MB | docs/s (median round) | vs in-process | CPU ms per document (all threads) | vs in-process |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const i = process.argv.indexOf('--pages');
  const pages = i > 0 ? Number(process.argv[i + 1]) : undefined;
  const child = process.argv.indexOf('--rss-child');
  if (child > 0) await rssChild(RSS_CONFIGS[Number(process.argv[child + 1])] as RssConfig, pages ?? 100);
  else if (process.argv.includes('--rss')) console.log(await runSandboxRssBench(pages));
  else console.log(await runSandboxBench(pages));
}
