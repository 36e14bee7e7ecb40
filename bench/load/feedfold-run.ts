// The real feedfold against the generated web: `opml import`, then one scheduler and two worker processes
// (`node bin/feedfold.mjs scheduler|worker`, as compose runs them) on a fresh database and queue prefix.
// Phase 1 (backlog): every feed is due at once; every listed item is polled, ingested and folded.
// Phase 2 (live): the web publishes while it runs; the feeds that published are made due at once, with a
// sample of unchanged feeds (304s), so publish-to-fold delay measures the pipeline, not the poll interval.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createQueues } from '../../src/queue/queues.ts';
import { connectRedis } from '../../src/queue/redis-connection.ts';
import { createTestDatabase, TEST_REDIS_URL, testDatabaseUrl } from '../../test/helpers/services.ts';
import { createProcessSampler, deployedNodeFlags, serverCpuSeconds } from './sample.ts';
import { measureStore, measureRedisPrefix, type StoreSize } from './store-size.ts';
import type { LoadWeb } from './web.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(root, 'bin/feedfold.mjs');

/** How the run is shaped. */
export interface FeedfoldRunOptions {
  web: LoadWeb;
  liveSeconds: number;
  /** Items the web publishes per second during the live phase. */
  publishPerSecond: number;
  /** Unchanged feeds made due per second during the live phase (their polls answer 304). */
  idlePollsPerSecond: number;
  /** Longest wait for a phase to drain. */
  drainTimeoutSeconds: number;
  env: Record<string, string>;
}

/** What the run measured. */
export interface FeedfoldRunResult {
  backlog: { items: number; polls: number; seconds: number; itemsPerSecond: number; pollsPerSecond: number };
  /** Per queue, from BullMQ's completed jobs of the backlog: mean wait in the queue and mean run time, ms. */
  jobs: Record<'poll' | 'ingest', { count: number; waitMs: number; runMs: number }>;
  live: { published: number; folded: number; polls: number; notModified: number; seconds: number; delayP50: number; delayP99: number };
  cpuSecondsPerItem: number;
  /** CPU seconds per backlog item of the PostgreSQL and Redis servers (all their processes on this machine). */
  serverCpuPerItem: { postgres: number; redis: number };
  cpuByProcess: Record<string, number>;
  peakRssMb: Record<string, number>;
  store: StoreSize;
  redis: { usedPeakMb: number; usedAfterMb: number; prefixDuringMb: number; prefixAfterMb: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`feedfold ${args.join(' ')} exited ${code}: ${out.slice(-800)}`))));
  });
}

function writeOpml(web: LoadWeb): string {
  const file = path.join(os.tmpdir(), `feedfold-load-${process.pid}.opml`);
  const outlines = Array.from({ length: web.feedCount }, (_, n) => `<outline type="rss" text="Site ${n}" xmlUrl="${web.feedUrl(n)}"/>`);
  fs.writeFileSync(file, `<?xml version="1.0"?>\n<opml version="2.0"><head><title>load</title></head><body>\n${outlines.join('\n')}\n</body></opml>\n`);
  return file;
}

/** SIGTERM a child process and wait for its exit (SIGKILL after 15 s). */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Run feedfold's processes against the web and measure both phases. */
export async function runFeedfold(opts: FeedfoldRunOptions): Promise<FeedfoldRunResult> {
  const { web } = opts;
  const database = await createTestDatabase();
  const url = testDatabaseUrl(database.name);
  await database.close();
  const prefix = `{ffload-${crypto.randomBytes(4).toString('hex')}}`;
  const env = { ...process.env, DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, FEEDFOLD_QUEUE_PREFIX: prefix, ...opts.env };
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const redis = connectRedis(TEST_REDIS_URL);
  const children: ChildProcess[] = [];
  try {
    const opml = writeOpml(web);
    await runCli(['opml', 'import', opml], env);
    fs.rmSync(opml, { force: true });
    const feedIds = new Map((await sql<{ id: string; url: string }[]>`select id, url from feeds`).map((r) => [r.url, Number(r.id)]));
    const backlogItems = web.itemCount();
    // Nothing is due until the processes have started, so start-up CPU stays out of the backlog's cost.
    await sql`update feeds set next_poll_at = now() + interval '1 day'`;
    const requestsBefore = web.requests();
    // BENCH_LOAD_CPU_PROF=DIR writes a V8 CPU profile of each process there (read it with bench/profile-summary.ts).
    const profDir = process.env.BENCH_LOAD_CPU_PROF;
    const nodeArgs = [...deployedNodeFlags(), ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])];
    for (const role of ['scheduler', 'worker', 'worker']) {
      children.push(spawn(process.execPath, [...nodeArgs, BIN, role], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    const names = ['scheduler', 'worker-1', 'worker-2'];
    const sampler = createProcessSampler(Object.fromEntries(children.map((c, i) => [names[i]!, c.pid!])));
    const redisPeak = { used: 0, prefix: 0 };
    const sampleAll = async () => {
      sampler.sample();
      redisPeak.used = Math.max(redisPeak.used, await usedMemoryMb(redis));
    };
    const timer = setInterval(() => void sampleAll(), 500);
    await waitUntilIdle(sampler, names);
    const cpuAtReady = Object.fromEntries(names.map((n) => [n, sampler.cpuSeconds(n)]));
    const serversAtReady = { postgres: serverCpuSeconds('postgres'), redis: serverCpuSeconds('redis-server') };
    await sql`update feeds set next_poll_at = now()`;
    const folded = async () => Number((await sql<{ n: string }[]>`select count(*) as n from story_items`)[0]!.n);
    const waitFolded = async (target: number) => {
      const deadline = Date.now() + opts.drainTimeoutSeconds * 1000;
      while ((await folded()) < target && Date.now() < deadline) {
        const dead = children.findIndex((c) => c.exitCode !== null);
        if (dead >= 0) throw new Error(`feedfold ${names[dead]} exited with ${children[dead]!.exitCode} during the run (its stderr is above)`);
        await sleep(500);
      }
    };
    await waitFolded(backlogItems);
    sampler.sample();
    const backlogCpu = names.reduce((sum, n) => sum + sampler.cpuSeconds(n) - cpuAtReady[n]!, 0);
    const serverCpuPerItem = {
      postgres: (serverCpuSeconds('postgres') - serversAtReady.postgres) / backlogItems,
      redis: (serverCpuSeconds('redis-server') - serversAtReady.redis) / backlogItems,
    };
    redisPeak.prefix = await measureRedisPrefix(redis, prefix);
    const jobs = await jobTimings(prefix);
    const [win] = await sql<{ first: Date; last: Date; n: string }[]>`
      select min(i.created_at) as first, max(s.joined_at) as last, count(*) as n from story_items s join items i on i.id = s.item_id`;
    const backlogSeconds = (win!.last.getTime() - win!.first.getTime()) / 1000;
    const backlogPolls = web.requests().feeds - requestsBefore.feeds;
    const backlog = { items: Number(win!.n), polls: backlogPolls, seconds: backlogSeconds, itemsPerSecond: Number(win!.n) / backlogSeconds, pollsPerSecond: backlogPolls / backlogSeconds };

    const live = await runLivePhase(opts, sql, feedIds, folded, waitFolded);
    await sampleAll();
    clearInterval(timer);
    const prefixAfter = await measureRedisPrefix(redis, prefix);
    const usedAfter = await usedMemoryMb(redis);
    const store = await measureStore(sql);
    const cpuByProcess = Object.fromEntries(names.map((n) => [n, sampler.cpuSeconds(n)]));
    return {
      backlog,
      jobs,
      live,
      cpuSecondsPerItem: backlogCpu / backlogItems,
      serverCpuPerItem,
      cpuByProcess,
      peakRssMb: Object.fromEntries(names.map((n) => [n, sampler.peakRssMb(n)])),
      store,
      redis: { usedPeakMb: redisPeak.used, usedAfterMb: usedAfter, prefixDuringMb: redisPeak.prefix, prefixAfterMb: prefixAfter },
    };
  } finally {
    await Promise.all(children.map(stopChild));
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await sql.end();
    // BENCH_LOAD_KEEP_DB=1 keeps feedfold's database for inspection (its name is printed).
    if (process.env.BENCH_LOAD_KEEP_DB === '1') console.error(`[load] feedfold's database kept: ${database.name}`);
    else await database.drop();
  }
}

/** Publish for liveSeconds, making changed feeds (and a sample of idle ones) due; then drain and read the delays. */
async function runLivePhase(
  opts: FeedfoldRunOptions,
  sql: postgres.Sql,
  feedIds: Map<string, number>,
  folded: () => Promise<number>,
  waitFolded: (target: number) => Promise<void>,
) {
  const { web } = opts;
  const startFolded = await folded();
  const firstLiveItem = web.itemCount();
  const before = web.requests();
  const started = Date.now();
  let published = 0;
  for (let s = 0; s < opts.liveSeconds; s++) {
    const tick = Date.now();
    const changed = web.publish(opts.publishPerSecond, tick);
    published += opts.publishPerSecond;
    const due = [...changed];
    for (let i = 0; i < opts.idlePollsPerSecond; i++) due.push(Math.floor(Math.random() * web.feedCount));
    const ids = due.map((n) => feedIds.get(web.feedUrl(n))).filter((x): x is number => x !== undefined);
    await sql`update feeds set next_poll_at = now() where id = any(${ids}::bigint[])`;
    await sleep(Math.max(0, 1000 - (Date.now() - tick)));
  }
  // A feed made due while its poll was already under way (the document fetched before the item was published)
  // is planned again by that poll, minutes ahead: the item would wait for the feed's next poll. A WebSub ping
  // would come again; here, while draining, the feeds whose new items are still missing are made due again.
  const drained = waitFolded(startFolded + published);
  let draining = true;
  const stop = () => {
    draining = false;
  };
  drained.then(stop, stop);
  while (draining) {
    await Promise.race([drained.catch(() => {}), sleep(5_000)]);
    if (!draining) break;
    const stored = new Set((await sql<{ n: number }[]>`
      select substring(url from '/p/([0-9]+)[.]html$')::int as n from items where url ~ '/p/[0-9]+[.]html$'
        and substring(url from '/p/([0-9]+)[.]html$')::int >= ${firstLiveItem}`).map((r) => r.n));
    const missing: number[] = [];
    for (let id = firstLiveItem; id < web.itemCount(); id++) if (!stored.has(id)) missing.push(id);
    const ids = [...new Set(missing.map((id) => feedIds.get(web.feedUrl(web.feedOf(id)!))))].filter((x): x is number => x !== undefined);
    if (ids.length) await sql`update feeds set next_poll_at = now() where id = any(${ids}::bigint[]) and next_poll_at > now()`;
  }
  await drained;
  const seconds = (Date.now() - started) / 1000;
  const rows = await sql<{ url: string; joined_at: Date }[]>`
    select i.url, s.joined_at from story_items s join items i on i.id = s.item_id
    where i.url ~ '/p/[0-9]+[.]html$' and substring(i.url from '/p/([0-9]+)[.]html$')::bigint >= ${firstLiveItem}`;
  const delays = rows
    .map((r) => (r.joined_at.getTime() - (web.publishedAtOf(r.url) ?? NaN)) / 1000)
    .filter((d) => Number.isFinite(d))
    .sort((a, b) => a - b);
  const after = web.requests();
  return {
    published,
    folded: rows.length,
    polls: after.feeds - before.feeds,
    notModified: after.notModified - before.notModified,
    seconds,
    delayP50: quantile(delays, 0.5),
    delayP99: quantile(delays, 0.99),
  };
}

/** Wait until every process has finished starting (less than 0.05 CPU-seconds used in one second), at most 60 s. */
async function waitUntilIdle(sampler: ReturnType<typeof createProcessSampler>, names: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  sampler.sample();
  let last = names.map((n) => sampler.cpuSeconds(n));
  while (Date.now() < deadline) {
    await sleep(1000);
    sampler.sample();
    const now = names.map((n) => sampler.cpuSeconds(n));
    const settled = now.every((c, i) => c - last[i]! < 0.05) && now.every((c) => c > 0);
    last = now;
    if (settled) return;
  }
}

/** Mean queue wait and run time of the completed jobs BullMQ kept (its retention keeps the last 1,000). */
async function jobTimings(prefix: string): Promise<FeedfoldRunResult['jobs']> {
  const queues = createQueues({ redisUrl: TEST_REDIS_URL, prefix, attempts: 1 });
  try {
    const one = async (queue: typeof queues.poll | typeof queues.ingest) => {
      const done = await queue.getCompleted(0, 999);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      return {
        count: done.length,
        waitMs: mean(done.map((j) => (j.processedOn ?? 0) - j.timestamp - (j.delay ?? 0))),
        runMs: mean(done.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0))),
      };
    };
    return { poll: await one(queues.poll), ingest: await one(queues.ingest) };
  } finally {
    await queues.close();
  }
}

async function usedMemoryMb(redis: ReturnType<typeof connectRedis>): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0) / 1024 / 1024;
}

async function deleteKeys(redis: ReturnType<typeof connectRedis>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
