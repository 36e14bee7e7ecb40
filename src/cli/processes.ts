// The long-running commands: run (all in one), serve, scheduler, worker; and run --once.
import type { Worker } from 'bullmq';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { startRuntime, type Runtime } from '../runtime.ts';
import { countOutstanding, enqueuePolls } from '../queue/queues.ts';
import { pingRedis } from '../queue/redis-connection.ts';
import { listPollableFeeds } from '../db/feeds.ts';
import { forgetExpiredKeys, pruneExpiredItems } from '../pipeline/retention.ts';
import { subscribe } from '../pipeline/subscribe.ts';
import { requeueStrandedItems } from '../pipeline/schedule-polls.ts';
import { countStored } from '../db/counts.ts';
import { startScheduler } from '../pipeline/scheduler-loop.ts';

/** Which parts a process runs. */
export interface Roles {
  server: boolean;
  scheduler: boolean;
  workers: boolean;
}

type Stopper = () => Promise<void>;

/** The HTTP server (loaded only by the processes that serve). */
async function startServer(rt: Runtime): Promise<Stopper> {
  const [{ serve: serveHttp }, { createApp }] = await Promise.all([import('@hono/node-server'), import('../server/app.ts')]);
  const { config, db, log } = rt.deps;
  const { app } = createApp({
    config,
    db,
    log,
    queues: rt.queues,
    hubUrl: config.websubHubUrl,
    pingQueue: () => pingRedis(rt.redis),
    subscribe: (url, opts) => subscribe(rt.deps, url, opts),
  });
  const server = serveHttp({ fetch: app.fetch, port: config.port, hostname: config.host });
  server.on('error', (err: Error) => {
    log.fatal({ error: err.message, port: config.port }, 'HTTP server cannot listen');
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  });
  log.info({ url: `${config.publicUrl}/feed.xml`, port: config.port }, 'serving the merged feed');
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The poll and ingest workers (loaded only by the processes that run them: extraction is heavy). */
async function startWorkers(rt: Runtime): Promise<Stopper> {
  const { startPollWorker, startIngestWorker, startCacheReport } = await import('../pipeline/workers.ts');
  const workers: Worker[] = [startPollWorker(rt.deps), startIngestWorker(rt.deps)];
  const stopReport = startCacheReport(rt.deps);
  return async () => {
    await Promise.all(workers.map((w) => w.close()));
    stopReport();
  };
}

/** Hourly retention sweep and key window (the scheduler role runs them: one process per deployment). */
function startRetention(rt: Runtime): Stopper {
  const sweep = () => void Promise.all([pruneExpiredItems(rt.deps), forgetExpiredKeys(rt.deps)])
    .catch((err: Error) => rt.deps.log.error({ error: err.message }, 'retention sweep failed'));
  sweep();
  const timer = setInterval(sweep, 3_600_000);
  return async () => clearInterval(timer);
}

/** Run the given roles until SIGINT/SIGTERM, then stop cleanly (running jobs finish first). */
export async function runProcess(config: Config, log: Logger, roles: Roles, opts: { migrate: boolean }): Promise<void> {
  // A stray rejection (a dropped connection's late error) is logged; a long-running process keeps going.
  process.on('unhandledRejection', (reason) => log.error({ error: String(reason) }, 'unhandled rejection'));
  const rt = await startRuntime(config, log, opts);
  const stoppers: Stopper[] = [];
  if (roles.workers) stoppers.push(await startWorkers(rt));
  if (roles.scheduler) {
    const s = startScheduler(rt.deps);
    stoppers.push(() => s.stop());
    stoppers.push(startRetention(rt));
  }
  if (roles.server) stoppers.push(await startServer(rt));
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      log.info({ signal: sig }, 'stopping');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  for (const s of stoppers.reverse()) await s().catch((err: Error) => log.warn({ error: err.message }, 'stop failed'));
  await rt.close();
}

/** Summary printed by `run --once`. */
export interface OnceSummary {
  feeds: number;
  feeds_failed: number;
  items: number;
  items_folded: number;
  stories: number;
  stories_with_copies: number;
  seconds: number;
}

/** Poll every feed once, drain every job, fold, and return a summary. */
export async function runOnce(config: Config, log: Logger): Promise<OnceSummary> {
  const started = Date.now();
  const rt = await startRuntime(config, log, { migrate: true });
  const stopWorkers = await startWorkers(rt);
  try {
    const feeds = await listPollableFeeds(rt.deps.db);
    await enqueuePolls(rt.queues, feeds.map((f) => ({ feedId: f.id, dueAt: started })));
    // No scheduler runs here: items an earlier run left stranded are queued by its sweep, once.
    await requeueStrandedItems(rt.deps);
    let quiet = 0;
    while (quiet < 3) {
      await new Promise((r) => setTimeout(r, 200));
      quiet = (await countOutstanding(rt.queues)) === 0 ? quiet + 1 : 0;
    }
    const c = await countStored(rt.deps.db);
    return {
      feeds: c.feeds,
      feeds_failed: c.feedsFailed,
      items: c.items,
      items_folded: c.foldedItems,
      stories: c.liveStories,
      stories_with_copies: c.storiesWithCopies,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await stopWorkers();
    await rt.close();
  }
}
