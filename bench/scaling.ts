// Scaling limits, measured (`BENCH=scaling npm run bench`, docs/scaling.md): items/s per worker process,
// with one and then two worker processes over the same generated web in one run (their ratio is the
// figure to trust on a shared machine), PostgreSQL CPU per item (a private PostgreSQL, so only this run's
// work is counted), and Redis memory per queued job (a private redis-server). BENCH_SCALING_FEEDS sets the
// web's size (3 items each; default 100). Needs redis-server, PostgreSQL's server binaries and the test Redis.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { addFeed } from '../src/db/feeds.ts';
import { createQueues, enqueueIngest, enqueuePolls, type Queues } from '../src/queue/queues.ts';
import { TEST_REDIS_URL } from '../test/helpers/services.ts';
import { createDatabaseOn, startPrivatePostgres, startPrivateRedis, type PrivatePostgres } from '../test/helpers/private-services.ts';
import { stopChild } from './load/feedfold-run.ts';
import { createProcessSampler, deployedNodeFlags, treeCpuSeconds } from './load/sample.ts';
import { startLoadWeb, type LoadWeb } from './load/web.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/feedfold.mjs');
/** Jobs queued to measure Redis memory: enough that the queues' fixed keys and scripts are noise. */
const QUEUED_JOBS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One run's figures. */
interface WorkerRun {
  workers: number;
  items: number;
  seconds: number;
  itemsPerSecond: number;
  workerCpuPerItem: number;
  postgresCpuMsPerItem: number;
}

/** Bytes of Redis memory per queued poll job and per queued ingest job. */
async function measureRedisPerJob(): Promise<{ poll: number; ingest: number }> {
  const redis = await startPrivateRedis({ persist: false });
  const queues = createQueues({ redisUrl: redis.url, prefix: '{bench}', attempts: 5 });
  const used = async () => Number(/used_memory:(\d+)/.exec(await queues.connection.info('memory'))?.[1]);
  try {
    // One job each first: the queues' own keys and loaded scripts are not per-job memory.
    await enqueuePolls(queues, [{ feedId: 0, dueAt: 0 }]);
    await enqueueIngest(queues, [], [0]);
    const base = await used();
    const polls = Array.from({ length: QUEUED_JOBS }, (_, i) => ({ feedId: i + 1, dueAt: 1_796_000_000_000 + i }));
    for (let i = 0; i < polls.length; i += 1000) await enqueuePolls(queues, polls.slice(i, i + 1000));
    const afterPolls = await used();
    const ids = Array.from({ length: QUEUED_JOBS }, (_, i) => i + 1);
    for (let i = 0; i < ids.length; i += 1000) await enqueueIngest(queues, [], ids.slice(i, i + 1000));
    const afterIngest = await used();
    return { poll: (afterPolls - base) / QUEUED_JOBS, ingest: (afterIngest - afterPolls) / QUEUED_JOBS };
  } finally {
    await queues.close();
    await redis.close();
  }
}

/** A fresh database on the private server with every feed of the web subscribed and not yet due. */
async function prepareDatabase(pg: PrivatePostgres, web: LoadWeb): Promise<string> {
  const name = `scaling_${crypto.randomBytes(4).toString('hex')}`;
  await createDatabaseOn(pg.url, name);
  const database = await openDatabase({ url: pg.databaseUrl(name), dataDir: '', maxConnections: 2 });
  try {
    await migrateDatabase(database);
    for (let n = 0; n < web.feedCount; n++) await addFeed(database.db, { url: web.feedUrl(n) }, new Date());
  } finally {
    await database.close();
  }
  return pg.databaseUrl(name);
}

/** Fold the web's backlog with `workers` worker processes (and one scheduler); measure rate and CPU. */
async function measureWorkers(pg: PrivatePostgres, web: LoadWeb, workers: number): Promise<WorkerRun> {
  const url = await prepareDatabase(pg, web);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`update feeds set next_poll_at = now() + interval '1 day'`;
  const prefix = `{ffscale-${crypto.randomBytes(4).toString('hex')}}`;
  const env = {
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    FEEDFOLD_QUEUE_PREFIX: prefix,
    FEEDFOLD_REDIS_AUTOSTART: 'false',
    FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
    // One host serves the whole web: its politeness budget must not be the limit measured.
    FEEDFOLD_HOST_MAX_CONCURRENT: '100',
    FEEDFOLD_HOST_MAX_PER_MINUTE: '10000',
    FEEDFOLD_SCHEDULER_TICK_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  const queues: Queues = createQueues({ redisUrl: TEST_REDIS_URL, prefix, attempts: 1 });
  const roles = ['scheduler', ...Array.from({ length: workers }, () => 'worker')];
  const children = roles.map((role) => spawn(process.execPath, [...deployedNodeFlags(), BIN, role], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
  const names = children.map((_, i) => (i === 0 ? 'scheduler' : `worker-${i}`));
  const sampler = createProcessSampler(Object.fromEntries(children.map((c, i) => [names[i] as string, c.pid as number])));
  try {
    const items = web.itemCount();
    while ((await queues.ingest.getWorkersCount()) < workers) {
      if (children.some((c) => c.exitCode !== null)) throw new Error('a feedfold process exited while starting');
      await sleep(500);
    }
    console.error(`[scaling] ${workers} worker(s) listening; folding ${items} items`);
    await sleep(2_000); // start-up work (imports, connections) stays out of the figures
    sampler.sample();
    const workerCpu = () => names.slice(1).reduce((sum, n) => sum + sampler.cpuSeconds(n), 0);
    const cpuBefore = workerCpu();
    const pgBefore = treeCpuSeconds(pg.pid());
    await sql`update feeds set next_poll_at = now()`;
    const deadline = Date.now() + 900_000;
    while (Number((await sql<{ n: string }[]>`select count(*) as n from story_items`)[0]?.n) < items) {
      if (Date.now() > deadline) throw new Error(`${workers} worker(s) did not fold ${items} items in 15 minutes`);
      if (children.some((c) => c.exitCode !== null)) throw new Error('a feedfold process exited during the run');
      sampler.sample();
      await sleep(500);
    }
    sampler.sample();
    const pgCpu = treeCpuSeconds(pg.pid()) - pgBefore;
    const [win] = await sql<{ first: Date; last: Date }[]>`
      select min(i.created_at) as first, max(s.joined_at) as last from story_items s join items i on i.id = s.item_id`;
    const seconds = ((win?.last.getTime() ?? 0) - (win?.first.getTime() ?? 0)) / 1000;
    return {
      workers,
      items,
      seconds,
      itemsPerSecond: items / seconds,
      workerCpuPerItem: (workerCpu() - cpuBefore) / items,
      postgresCpuMsPerItem: (pgCpu / items) * 1000,
    };
  } finally {
    await Promise.all(children.map(stopChild));
    await Promise.allSettled([queues.poll.obliterate({ force: true }), queues.ingest.obliterate({ force: true })]);
    await queues.close();
    await sql.end();
  }
}

/** Run the scaling bench and return its tables. */
export async function runScalingBench(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const feeds = Number(env.BENCH_SCALING_FEEDS ?? 100);
  const perJob = await measureRedisPerJob();
  console.error(`[scaling] Redis bytes per queued job: poll ${Math.round(perJob.poll)}, ingest ${Math.round(perJob.ingest)}`);
  const [pg, web] = await Promise.all([startPrivatePostgres(), startLoadWeb({ feeds, initialItems: 3 })]);
  const runs: WorkerRun[] = [];
  try {
    for (const workers of [1, 2]) runs.push(await measureWorkers(pg, web, workers));
  } finally {
    await web.close();
    await pg.close();
  }
  const one = runs[0] as WorkerRun;
  const lines = [
    `Backlog of ${one.items} items (${feeds} feeds of the generated web, realistic pages), scheduler + N worker processes,`,
    'private PostgreSQL (its process tree\'s CPU only), shared Redis; the machine is shared, so compare the rows with each other.',
    '',
    '| worker processes | items/s | items/s per worker | vs 1 worker | worker CPU s/item | PostgreSQL CPU ms/item |',
    '|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.workers} | ${r.itemsPerSecond.toFixed(1)} | ${(r.itemsPerSecond / r.workers).toFixed(1)} | ${(r.itemsPerSecond / one.itemsPerSecond).toFixed(2)}× | ` +
        `${r.workerCpuPerItem.toFixed(3)} | ${r.postgresCpuMsPerItem.toFixed(2)} |`,
    ),
    '',
    `Redis memory per queued job (${QUEUED_JOBS.toLocaleString('en')} of each kind, private redis-server):`,
    '',
    '| job | bytes per queued job |',
    '|---|---|',
    `| poll | ${Math.round(perJob.poll)} |`,
    `| ingest | ${Math.round(perJob.ingest)} |`,
  ];
  return lines.join('\n');
}
