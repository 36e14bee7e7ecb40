// Fault: Redis (a private redis-server) killed while jobs are queued and running, then started again on
// the same port. Workers must reconnect, the scheduler resume, and no feed be left unscheduled.
//
// The server runs as the compose file runs it, append-only (here fsync'd on every write, so the kill
// loses no acknowledged job): what is tested is reconnecting and resuming, not data loss. A second case
// runs Redis without persistence, where the restart loses every job: the scheduler re-creates the polls
// from the database, so every feed is still polled.
import { afterEach, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startCli } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-services.ts';
import { startFaultWeb, type FaultWeb } from './fault-web.ts';
import { readFoldState } from './fold-state.ts';
import { faultEnv, isRunning, killHard, subscribeFaultWeb, waitForCompleteRun, waitWithOutput, type Proc } from './harness.ts';

const FEEDS = 4;
const ITEMS = 4;

let web: FaultWeb | undefined;
let redis: PrivateRedis | undefined;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let procs: Proc[] = [];

afterEach(async () => {
  await Promise.all(procs.map(killHard));
  procs = [];
  await redis?.close();
  await database?.drop();
  await web?.close();
});

async function unpolledFeeds(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return (await sql<{ url: string }[]>`select url from feeds where last_polled_at is null order by id`).map((r) => r.url);
  } finally {
    await sql.end();
  }
}

/** Start scheduler and worker on feeds 0..FEEDS-2, kill Redis mid-run, restart it, add the last feed. */
async function runThroughRestart(persist: boolean): Promise<{ dbUrl: string; worker: Proc; scheduler: Proc }> {
  web = await startFaultWeb({ feeds: FEEDS, items: ITEMS, feedDelayMs: 1200, pageDelayMs: 600 });
  redis = await startPrivateRedis({ persist });
  database = await createTestDatabase();
  const dbUrl = testDatabaseUrl(database.name);
  const env = faultEnv(dbUrl, redis.url);
  await subscribeFaultWeb(dbUrl, web, 0, FEEDS - 1);
  const scheduler = startCli(['scheduler'], env);
  const worker = startCli(['worker'], env);
  procs.push(scheduler, worker);
  const w = web;
  await waitWithOutput(procs, async () => w.inFlight('feed') > 0, 30_000, 'a poll in flight');
  await redis.kill();
  await new Promise((r) => setTimeout(r, 2_000));
  expect(isRunning(worker) && isRunning(scheduler)).toBe(true);
  await redis.start();
  // A feed subscribed after the restart is polled only if the scheduler resumed ticking.
  await subscribeFaultWeb(dbUrl, web, FEEDS - 1, FEEDS);
  return { dbUrl, worker, scheduler };
}

describe('Redis restarted mid-run', () => {
  it('append-only Redis: workers reconnect, the scheduler resumes, every item ends folded', async () => {
    const { dbUrl, worker, scheduler } = await runThroughRestart(true);
    const state = await waitForCompleteRun(procs, dbUrl, FEEDS * ITEMS, 90_000);
    expect(await unpolledFeeds(dbUrl)).toEqual([]);
    expect(state.duplicateItems).toEqual([]);
    expect(state.badStories).toEqual([]);
    expect(state.membersOfDeadStories).toEqual([]);
    expect(state.liveStories).toBe(ITEMS / 2 + (FEEDS * ITEMS) / 2);
    expect(isRunning(worker) && isRunning(scheduler)).toBe(true);
  }, 150_000);

  it('Redis without persistence: the lost polls are re-created from the database, every feed is polled', async () => {
    const { dbUrl, worker, scheduler } = await runThroughRestart(false);
    await waitWithOutput(procs, async () => (await unpolledFeeds(dbUrl)).length === 0, 60_000, 'every feed polled');
    const state = await readFoldState(dbUrl);
    expect(state.items).toBe(FEEDS * ITEMS);
    expect(state.duplicateItems).toEqual([]);
    expect(state.badStories).toEqual([]);
    expect(isRunning(worker) && isRunning(scheduler)).toBe(true);
  }, 120_000);
});
