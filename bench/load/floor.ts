// The floor: what the same web costs with nothing but fetch, parse, fetch page, extract and a plain INSERT,
// in the same number of worker processes as feedfold runs. The ratio of feedfold to it is queueing + folding.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createProcessSampler, deployedNodeFlags, serverCpuSeconds } from './sample.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What the floor did. */
export interface FloorResult {
  items: number;
  seconds: number;
  itemsPerSecond: number;
  /** CPU seconds of the work (the processes' start-up excluded). */
  cpuSeconds: number;
  peakRssMb: number[];
  /** CPU seconds the PostgreSQL server used during the run (all its processes on this machine). */
  postgresCpuSeconds: number;
}

/** Run `workers` floor processes over the web's feeds, inserting into floor_items of `databaseUrl`. */
export async function runFloor(opts: { databaseUrl: string; base: string; feeds: number; workers: number; concurrency: number }): Promise<FloorResult> {
  const sql = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
  await sql`create table if not exists floor_items (id bigserial primary key, url text, title text, text text, published_at timestamptz)`;
  await sql.end();
  const pgBefore = serverCpuSeconds('postgres');
  const children = Array.from({ length: opts.workers }, (_, i) =>
    spawn(process.execPath, [...deployedNodeFlags(), '--import', 'tsx', path.join(here, 'floor-worker.ts')], {
      env: {
        ...process.env,
        FLOOR_DATABASE_URL: opts.databaseUrl,
        FLOOR_BASE: opts.base,
        FLOOR_FEED_COUNT: String(opts.feeds),
        FLOOR_WORKERS: String(opts.workers),
        FLOOR_WORKER_INDEX: String(i),
        FLOOR_CONCURRENCY: String(opts.concurrency),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const sampler = createProcessSampler(Object.fromEntries(children.map((c, i) => [`floor-${i}`, c.pid!])));
  const timer = setInterval(() => sampler.sample(), 250);
  const reports = await Promise.all(
    children.map(
      (child) =>
        new Promise<{ items: number; startedAt: number; endedAt: number; cpuSeconds: number }>((resolve, reject) => {
          let out = '';
          child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', (code) => {
            sampler.sample();
            const line = out.trim().split('\n').pop() ?? '';
            if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line));
            else reject(new Error(`floor worker exited with ${code}: ${out.slice(-500)}`));
          });
        }),
    ),
  );
  clearInterval(timer);
  const postgresCpuSeconds = serverCpuSeconds('postgres') - pgBefore;
  const items = reports.reduce((s, r) => s + r.items, 0);
  const seconds = (Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
  const names = sampler.names();
  return {
    items,
    seconds,
    itemsPerSecond: items / seconds,
    cpuSeconds: reports.reduce((s, r) => s + r.cpuSeconds, 0),
    peakRssMb: names.map((n) => sampler.peakRssMb(n)),
    postgresCpuSeconds,
  };
}

/**
 * Two floor runs as one: the machine is shared, so the floor runs before and after feedfold and the ratio
 * is taken against their mean rate; `rates` keeps both, so the table shows how much the machine moved.
 */
export function combineFloors(a: FloorResult, b: FloorResult): FloorResult & { rates: number[] } {
  const items = a.items + b.items;
  const seconds = a.seconds + b.seconds;
  return {
    items,
    seconds,
    itemsPerSecond: (a.itemsPerSecond + b.itemsPerSecond) / 2,
    cpuSeconds: a.cpuSeconds + b.cpuSeconds,
    peakRssMb: a.peakRssMb.map((m, i) => Math.max(m, b.peakRssMb[i] ?? 0)),
    postgresCpuSeconds: a.postgresCpuSeconds + b.postgresCpuSeconds,
    rates: [a.itemsPerSecond, b.itemsPerSecond],
  };
}
