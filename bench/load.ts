// Load: the real feedfold (scheduler + 2 worker processes) against a generated web of N feeds on loopback,
// beside the floor (fetch + parse + fetch page + extract + plain INSERT in 2 processes, nothing else),
// and the cost per item as the store grows. Quick by default (500 feeds); BENCH_LOAD_FULL=1 for 10,000 feeds
// and stores of 10k/100k/1M items. BENCH_LOAD_FEEDS and BENCH_LOAD_SIZES (comma-separated) override.
// Needs the PostgreSQL and Redis the tests use (scripts/ensure-services.sh).
import { createTestDatabase, testDatabaseUrl } from '../test/helpers/services.ts';
import { runFeedfold, type FeedfoldRunResult } from './load/feedfold-run.ts';
import { combineFloors, runFloor, type FloorResult } from './load/floor.ts';
import { measureGrowthPoint, type GrowthPoint } from './load/growth.ts';
import { measureStages, type StageCosts } from './load/stages.ts';
import { startLoadWeb } from './load/web.ts';

/** The shape of one load run; quick and full differ only in size. */
interface LoadPlan {
  feeds: number;
  /** Items each feed lists when the run starts (the backlog both feedfold and the floor work through). */
  initialItems: number;
  liveSeconds: number;
  publishPerSecond: number;
  growthSizes: number[];
}

const QUICK: LoadPlan = { feeds: 500, initialItems: 3, liveSeconds: 20, publishPerSecond: 5, growthSizes: [10_000, 30_000] };
const FULL: LoadPlan = { feeds: 10_000, initialItems: 3, liveSeconds: 60, publishPerSecond: 20, growthSizes: [10_000, 100_000, 1_000_000] };
/** Processes on each side, as in compose's default (scheduler + 2 workers vs 2 floor workers). */
const WORKERS = 2;
/** Floor lanes per process: one feedfold worker's poll + ingest concurrency (4 + 4). */
const FLOOR_LANES = 8;
/** Candidate-index keys per synthetic stored item; the live run prints the real average beside it. */
const SYNTHETIC_KEYS_PER_ITEM = 28;
/** Items inside the key window of the growth rows that apply one: 3 days (the default) at 20,000 items a day. */
const WINDOW_ITEMS = 60_000;

/** Bench settings of feedfold's processes: one host serving everything, so its budget must not be the limit. */
const FEEDFOLD_ENV = {
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
  FEEDFOLD_HOST_MAX_CONCURRENT: '100',
  FEEDFOLD_HOST_MAX_PER_MINUTE: '10000',
  // The web is imported as one OPML file, larger than one import takes by default.
  FEEDFOLD_OPML_MAX_FEEDS: '100000',
  FEEDFOLD_REDIS_AUTOSTART: 'false',
  // A 1 s tick, so the live phase's publish-to-fold delay shows the pipeline rather than the 15 s default tick.
  FEEDFOLD_SCHEDULER_TICK_SECONDS: '1',
  ...(process.env.BENCH_INGEST ? { FEEDFOLD_INGEST_CONCURRENCY: process.env.BENCH_INGEST } : {}),
  // BENCH_LOG_LEVEL=info shows each worker's signature cache hit rate (every 10 min and at stop), among other lines.
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
};

function planFromEnv(env: NodeJS.ProcessEnv): LoadPlan {
  const plan = { ...(env.BENCH_LOAD_FULL === '1' ? FULL : QUICK) };
  if (env.BENCH_LOAD_FEEDS) plan.feeds = Number(env.BENCH_LOAD_FEEDS);
  if (env.BENCH_LOAD_SIZES) plan.growthSizes = env.BENCH_LOAD_SIZES.split(',').map(Number);
  return plan;
}

/** Run the load bench and return its tables. BENCH_LOAD_PART=pipeline, stages or growth runs one part. */
export async function runLoadBench(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const plan = planFromEnv(env);
  const part = env.BENCH_LOAD_PART ?? 'all';
  const sections: string[] = [];
  if (part === 'all' || part === 'pipeline') {
    const { floor, ff, pages } = await runPipelineSide(plan);
    sections.push(formatPipelineTables(plan, floor, ff, pages));
  }
  if (part === 'all' || part === 'pipeline' || part === 'stages') {
    log('CPU by stage, one lane in this process');
    sections.push(formatStages(await measureStages({ feeds: 101, itemsPerFeed: 3 })));
  }
  if (part === 'all' || part === 'growth') {
    const growth: GrowthPoint[] = [];
    // Each size without a key window, and where the store outgrows it, with one: only the newest
    // WINDOW_ITEMS items keep keys (3 days of 20,000 items a day).
    const windowed = (env.BENCH_LOAD_WINDOW ?? '1') === '1';
    for (const size of plan.growthSizes) {
      for (const keyedItems of [size, ...(windowed && size > WINDOW_ITEMS ? [WINDOW_ITEMS] : [])]) {
        log(`store of ${size} items, ${keyedItems} with keys: prefill and measure`);
        growth.push(await measureGrowthPoint({ storedItems: size, keyedItems, keysPerItem: SYNTHETIC_KEYS_PER_ITEM, feeds: 60, itemsPerFeed: 4 }));
      }
    }
    sections.push(formatGrowthTable(growth));
  }
  return sections.join('\n\n');
}

const log = (m: string) => console.error(`[load] ${m}`);

/** The floor, then feedfold, then the floor again (the machine is shared: the ratio uses both floors). */
async function runPipelineSide(plan: LoadPlan): Promise<{ floor: CombinedFloor; ff: FeedfoldRunResult; pages: { weight: string; meanKb: number } }> {
  log(`${plan.feeds} feeds × ${plan.initialItems} items; floor first`);
  const before = await runFloorOnce(plan);
  log(`floor: ${before.items} items in ${before.seconds.toFixed(1)} s; feedfold next`);
  const web = await startLoadWeb({ feeds: plan.feeds, initialItems: plan.initialItems, seed: 1 });
  let ff: FeedfoldRunResult;
  let pages: { weight: string; meanKb: number };
  try {
    ff = await runFeedfold({
      web,
      liveSeconds: plan.liveSeconds,
      publishPerSecond: plan.publishPerSecond,
      idlePollsPerSecond: Math.ceil(plan.feeds / 100),
      drainTimeoutSeconds: 1800,
      env: FEEDFOLD_ENV,
    });
    const served = web.requests();
    pages = { weight: web.pages, meanKb: served.pageBytes / Math.max(1, served.pages) / 1000 };
  } finally {
    await web.close();
  }
  log(`feedfold: ${ff.backlog.items} items in ${ff.backlog.seconds.toFixed(1)} s; floor again`);
  const after = await runFloorOnce(plan);
  return { floor: combineFloors(before, after), ff, pages };
}

type CombinedFloor = ReturnType<typeof combineFloors>;

async function runFloorOnce(plan: LoadPlan): Promise<FloorResult> {
  const web = await startLoadWeb({ feeds: plan.feeds, initialItems: plan.initialItems, seed: 1 });
  const db = await createTestDatabase();
  try {
    return await runFloor({ databaseUrl: testDatabaseUrl(db.name), base: web.base, feeds: plan.feeds, workers: WORKERS, concurrency: FLOOR_LANES });
  } finally {
    await web.close();
    await db.drop();
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

function formatPipelineTables(plan: LoadPlan, floor: CombinedFloor, ff: FeedfoldRunResult, pages: { weight: string; meanKb: number }): string {
  const rss = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  const floorCpuPerItem = floor.cpuSeconds / floor.items;
  const lines = [
    `${plan.feeds} feeds on one loopback host, ${plan.initialItems} items each at start (backlog), then ${plan.liveSeconds} s publishing ${plan.publishPerSecond} items/s; ` +
      `${pages.weight} article pages (${pages.meanKb.toFixed(0)} KB on average; BENCH_LOAD_PAGES=small|realistic)`,
    '',
    '| system (2 worker processes) | backlog items | s | items/s | vs floor | polls/s | CPU s/item | vs floor | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|',
    `| **feedfold** (scheduler + 2 workers, queues, fold) | ${ff.backlog.items} | ${f1(ff.backlog.seconds)} | ${f1(ff.backlog.itemsPerSecond)} | **${f2(ff.backlog.itemsPerSecond / floor.itemsPerSecond)}** | ${f1(ff.backlog.pollsPerSecond)} | ${f3(ff.cpuSecondsPerItem)} | ${f2(ff.cpuSecondsPerItem / floorCpuPerItem)} | ${rss(ff.peakRssMb)} |`,
    `| floor (fetch, parse, fetch page, extract, INSERT), mean of a run before and after feedfold (${floor.rates.map(f1).join(' and ')} items/s) | ${floor.items / 2} | ${f1(floor.seconds / 2)} | ${f1(floor.itemsPerSecond)} | 1.00 | ${f1(floor.itemsPerSecond / plan.initialItems)} | ${f3(floorCpuPerItem)} | 1.00 | ${floor.peakRssMb.map((m) => m.toFixed(0)).join(', ')} |`,
    '',
    '| live phase | published | folded | polls (304) | polls/s | publish-to-fold p50 | p99 |',
    '|---|---|---|---|---|---|---|',
    `| feedfold, 1 s scheduler tick, publishing feeds made due | ${ff.live.published} | ${ff.live.folded} | ${ff.live.polls} (${ff.live.notModified}) | ${f1(ff.live.polls / ff.live.seconds)} | ${f2(ff.live.delayP50)} s | ${f2(ff.live.delayP99)} s |`,
    '',
    `Jobs (the last ${ff.jobs.poll.count} polls and ${ff.jobs.ingest.count} ingests of the backlog): poll waits ${f1(ff.jobs.poll.waitMs)} ms in the queue and runs ${f1(ff.jobs.poll.runMs)} ms; ingest waits ${f1(ff.jobs.ingest.waitMs)} ms and runs ${f1(ff.jobs.ingest.runMs)} ms`,
    `Server CPU per backlog item (every process of the server on this machine, so other users of it count too): PostgreSQL ${f1(ff.serverCpuPerItem.postgres * 1000)} ms for feedfold, ${f1((floor.postgresCpuSeconds / floor.items) * 1000)} ms for the floor; Redis ${f1(ff.serverCpuPerItem.redis * 1000)} ms for feedfold`,
    `CPU seconds by process: ${Object.entries(ff.cpuByProcess).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')} (feedfold, whole run incl. start-up); floor ${floor.cpuSeconds.toFixed(1)} (both runs)`,
    `PostgreSQL: ${ff.store.items} items, database ${f1(ff.store.databaseMb)} MB; tables ${Object.entries(ff.store.tablesMb).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')} MB; **${f1(ff.store.mbPer100kItems)} MB per 100k items** (tables with indexes and TOAST, as the backlog left them: no VACUUM), **${ff.store.tablesOverText.toFixed(2)}× the article text** (${ff.store.textBytesPerItem.toFixed(0)} B per item); ${f1(ff.store.keysPerItem)} index keys per item (the growth rows use ${SYNTHETIC_KEYS_PER_ITEM})`,
    `Redis: used_memory peak ${f1(ff.redis.usedPeakMb)} MB, after ${f1(ff.redis.usedAfterMb)} MB (whole server, shared); feedfold's own keys ${f2(ff.redis.prefixDuringMb)} MB after the backlog, ${f2(ff.redis.prefixAfterMb)} MB at the end`,
  ];
  return lines.join('\n');
}

function formatStages(costs: StageCosts): string {
  const { items, ...stages } = costs;
  return [
    `CPU ms by stage (one lane in one process, ${items} items of 100 feeds; the database and Redis servers' CPU is not in it):`,
    '',
    '| stage | CPU ms |',
    '|---|---|',
    ...Object.entries(stages).map(([stage, ms]) => `| ${stage} | ${f2(ms)} |`),
  ].join('\n');
}

function formatGrowthTable(growth: GrowthPoint[]): string {
  return [
    `| stored items before the run | items with keys | prefill s | measured items | ingest + fold ms/item (4 lanes) | items/s | vs smallest store | candidate look-up with 5 common keys, ms | store MB per 100k items | of which candidate index | article text MB per 100k | store / text |`,
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...growth.map(
      (g) =>
        `| ${g.storedItems.toLocaleString('en')} | ${g.keyedItems.toLocaleString('en')} | ${f1(g.prefillSeconds)} | ${g.measuredItems} | ${f1(g.msPerItem)} | ${f1(g.itemsPerSecond)} | ${f2(g.itemsPerSecond / growth[0]!.itemsPerSecond)} | ${f2(g.commonLookupMs)} | ${f1(g.mbPer100kItems)} | ${f1(g.keysMbPer100kItems)} | ${f1(g.textMbPer100kItems)} | ${f2(g.mbPer100kItems / Math.max(0.001, g.textMbPer100kItems))} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runLoadBench());
  process.exit(0);
}
