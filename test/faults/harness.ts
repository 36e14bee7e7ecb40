// Shared set-up of the fault tests: the generated web subscribed in a database, the environment of the
// real `feedfold` processes, and process helpers (start, SIGKILL, wait for a run to complete).
import crypto from 'node:crypto';
import { addFeed } from '../../src/db/feeds.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createQueues, type Queues } from '../../src/queue/queues.ts';
import { startCli, waitFor } from '../helpers/cli.ts';
import type { FaultWeb } from './fault-web.ts';
import { isComplete, readFoldState, type FoldState } from './fold-state.ts';

/** Environment of the feedfold processes a fault test starts. */
export function faultEnv(databaseUrl: string, redisUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    FEEDFOLD_REDIS_AUTOSTART: 'false',
    FEEDFOLD_QUEUE_PREFIX: `{fffault-${crypto.randomBytes(4).toString('hex')}}`,
    FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'true',
    FEEDFOLD_SCHEDULER_TICK_SECONDS: '1',
    // A killed worker's jobs run again after 1–2 lock periods; short here so the test does not wait 30 s.
    FEEDFOLD_JOB_LOCK_SECONDS: '2',
    // Every fault-web request goes to one host: lift the politeness limits out of the way.
    FEEDFOLD_HOST_MAX_CONCURRENT: '100',
    FEEDFOLD_HOST_MAX_PER_MINUTE: '10000',
    FEEDFOLD_POLL_CONCURRENCY: '2',
    FEEDFOLD_INGEST_CONCURRENCY: '3',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

/** Subscribe to the web's feeds `from`..`to-1` in the database at `url`; returns their ids. */
export async function subscribeFaultWeb(url: string, web: FaultWeb, from: number, to: number): Promise<number[]> {
  const database = await openDatabase({ url, dataDir: '', maxConnections: 1 });
  try {
    const ids: number[] = [];
    for (let f = from; f < to; f++) ids.push((await addFeed(database.db, { url: web.feedUrl(f) }, new Date())).feed.id);
    return ids;
  } finally {
    await database.close();
  }
}

/** The queues a process with this environment uses, to inspect or add jobs. */
export function queuesOf(env: Record<string, string>): Queues {
  const cluster = env.FEEDFOLD_REDIS_CLUSTER === 'true';
  return createQueues({ redisUrl: env.REDIS_URL as string, cluster, prefix: env.FEEDFOLD_QUEUE_PREFIX as string, attempts: 5 });
}

/** Delete the queues' keys and close them. */
export async function dropQueues(queues: Queues): Promise<void> {
  await Promise.allSettled([queues.poll.obliterate({ force: true }), queues.ingest.obliterate({ force: true })]);
  await queues.close();
}

/** A started feedfold process. */
export type Proc = ReturnType<typeof startCli>;

/** SIGKILL a process (no shutdown of any kind) and wait until it is gone. */
export function killHard(proc: Proc): Promise<void> {
  return new Promise((resolve) => {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
    proc.child.once('exit', () => resolve());
    proc.child.kill('SIGKILL');
  });
}

/** True while the process runs. */
export function isRunning(proc: Proc): boolean {
  return proc.child.exitCode === null && proc.child.signalCode === null;
}

/** Wait until every one of `items` items is ingested and folded; returns the final state. */
export function waitForCompleteRun(procs: Proc[], url: string, items: number, ms: number): Promise<FoldState> {
  return waitWithOutput(
    procs,
    async () => {
      const state = await readFoldState(url);
      return isComplete(state, items) ? state : null;
    },
    ms,
    `${items} items ingested and folded`,
  );
}

/** Jobs that failed for good in both queues. */
export async function failedJobs(queues: Queues): Promise<string[]> {
  const [p, i] = await Promise.all([queues.poll.getFailed(), queues.ingest.getFailed()]);
  return [...p, ...i].map((j) => `${j.id}: ${j.failedReason}`);
}

/** waitFor, but a timeout reports what the processes printed (why a worker never got going). */
export async function waitWithOutput<T>(procs: Proc[], check: () => Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  try {
    return await waitFor(check, ms, what);
  } catch (err) {
    const outputs = procs.map((p) => `--- ${p.child.spawnargs.slice(2).join(' ')} (exit ${p.child.exitCode ?? p.child.signalCode})\n${p.output().slice(-3000)}`);
    throw new Error(`${(err as Error).message}\n${outputs.join('\n')}`);
  }
}
