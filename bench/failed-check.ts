// Before queueing polls or ingests, the producer removes the jobs among those ids that failed for good (a failed job
// would hold its id and the slot would never run). Ways to find them, in one run on the test Redis, against the
// baseline of one pipeline of ZSCOREs on BullMQ's own failed key (Queue.keys, the key layout BullMQ does not
// promise): BullMQ's public getters one by one (getJobState per id, getRanges of the whole failed set) and
// findFailedJobs (src/queue/queues.ts), which picks among them by the failed count. BENCH_FAILED_IDS sets how many
// ids a scheduler tick checks (default 1,000).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { findFailedJobs } from '../src/queue/queues.ts';
import { TEST_REDIS_URL } from '../test/helpers/services.ts';

const IDS = Number(process.env.BENCH_FAILED_IDS ?? 1000);
const ROUNDS = 15;

/** Ids among `ids` whose job is failed, by a pipeline of ZSCOREs on the failed set. */
async function failedByZscore(redis: Redis, queue: Queue, ids: string[]): Promise<string[]> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.zscore(queue.keys.failed as string, id);
  const results = (await pipeline.exec()) ?? [];
  return ids.filter((_, i) => results[i]?.[1] != null);
}

/** Ids among `ids` whose job is failed, by BullMQ's getJobState. */
async function failedByJobState(queue: Queue, ids: string[]): Promise<string[]> {
  const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
  return ids.filter((_, i) => states[i] === 'failed');
}

/** Ids among `ids` whose job is failed, by BullMQ's getRanges over the whole failed set (at most removeOnFail's count). */
async function failedByRanges(queue: Queue, ids: string[]): Promise<string[]> {
  const failed = new Set(await queue.getRanges(['failed'], 0, -1));
  return ids.filter((id) => failed.has(id));
}

type Way = 'zscore' | 'state' | 'ranges' | 'chosen';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median ms of each way for `checked` ids, one in `failedShare` of them failed (0: none), with `others` more failed jobs in the set. */
async function timeCase(redis: Redis, queue: Queue, checked: number, others: number, failedShare: number): Promise<Record<Way, number> & { failed: number }> {
  await queue.obliterate({ force: true });
  const ids = Array.from({ length: checked }, (_, i) => `poll-${i}-1`);
  const extra = Array.from({ length: others }, (_, i) => `poll-${i}-2`);
  await queue.addBulk([...ids, ...extra].map((jobId) => ({ name: 'poll', data: {}, opts: { jobId, delay: 3_600_000 } })));
  // Failed jobs as BullMQ leaves them: in the failed set (moving real jobs through a worker would take minutes here).
  const failed = failedShare ? ids.filter((_, i) => i % failedShare === 0) : [];
  const m = redis.multi();
  for (const id of [...failed, ...extra]) m.zrem(queue.keys.delayed as string, id).zadd(queue.keys.failed as string, Date.now(), id);
  await m.exec();
  const expected = JSON.stringify(failed);
  const times: Record<Way, number[]> = { zscore: [], state: [], ranges: [], chosen: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [way, run] of [
      ['zscore', () => failedByZscore(redis, queue, ids)],
      ['state', () => failedByJobState(queue, ids)],
      ['ranges', () => failedByRanges(queue, ids)],
      ['chosen', () => findFailedJobs(queue, ids)],
    ] as const) {
      const t = performance.now();
      const found = await run();
      times[way].push(performance.now() - t);
      if (JSON.stringify(found) !== expected) throw new Error(`${way} found other failed jobs`);
    }
  }
  return { zscore: median(times.zscore), state: median(times.state), ranges: median(times.ranges), chosen: median(times.chosen), failed: failed.length + others };
}

/** Both cases the producer meets: a scheduler tick (many ids, few failed) and a poll (few ids, a full failed set). */
export async function runFailedCheckBench(): Promise<string> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('poll', { connection: redis, prefix: `{bench-failed-${process.pid}}` });
  try {
    const rows = [
      '| ids checked | failed jobs kept | ZSCORE pipeline ms | getJobState | getRanges | findFailedJobs |',
      '|---:|---:|---:|---:|---:|---:|',
    ];
    const cell = (ms: number, base: number) => `${ms.toFixed(1)} (${(ms / base).toFixed(2)})`;
    for (const [checked, others, share] of [
      [IDS, 0, 0],
      [IDS, 0, 10],
      [10, 5000, 10],
    ] as const) {
      const t = await timeCase(redis, queue, checked, others, share);
      rows.push(`| ${checked} | ${t.failed} | ${t.zscore.toFixed(1)} | ${cell(t.state, t.zscore)} | ${cell(t.ranges, t.zscore)} | ${cell(t.chosen, t.zscore)} |`);
    }
    return [`failed-job check before queueing, median ms of ${ROUNDS} rounds (ratio to the ZSCORE pipeline)`, ...rows].join('\n');
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis.disconnect();
  }
}

if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? '')).href) console.log(await runFailedCheckBench());
