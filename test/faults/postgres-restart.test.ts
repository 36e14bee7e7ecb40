// Fault: PostgreSQL (a private cluster) stops like a crash in the middle of a run and comes back. The
// worker and scheduler processes must ride it out (BullMQ retries with backoff), and every fold being one
// transaction, nothing is left half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.ts';
import { TEST_REDIS_URL } from '../helpers/services.ts';
import { createDatabaseOn, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-services.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import type { Queues } from '../../src/queue/queues.ts';
import { startFaultWeb, type FaultWeb } from './fault-web.ts';
import { readFoldState, storiesByExpectedKey } from './fold-state.ts';
import { dropQueues, failedJobs, faultEnv, isRunning, killHard, queuesOf, subscribeFaultWeb, waitForCompleteRun, waitWithOutput, type Proc } from './harness.ts';

const FEEDS = 3;
const ITEMS = 6;

let web: FaultWeb;
let pg: PrivatePostgres;
let dbUrl: string;
let env: Record<string, string>;
let queues: Queues;
const procs: Proc[] = [];

beforeAll(async () => {
  web = await startFaultWeb({ feeds: FEEDS, items: ITEMS, feedDelayMs: 300, pageDelayMs: 600 });
  pg = await startPrivatePostgres();
  await createDatabaseOn(pg.url, 'feedfold');
  dbUrl = pg.databaseUrl('feedfold');
  const database = await openDatabase({ url: dbUrl, dataDir: '', maxConnections: 1 });
  await migrateDatabase(database);
  await database.close();
  env = faultEnv(dbUrl, TEST_REDIS_URL);
  queues = queuesOf(env);
  await subscribeFaultWeb(dbUrl, web, 0, FEEDS);
});

afterAll(async () => {
  await Promise.all(procs.map(killHard));
  await dropQueues(queues);
  await pg?.close();
  await web?.close();
});

describe('PostgreSQL restarted mid-run', () => {
  it('workers and scheduler survive the outage, finish the run, and leave no half-written fold', async () => {
    const scheduler = startCli(['scheduler'], env);
    const worker = startCli(['worker'], env);
    procs.push(scheduler, worker);
    // Stop the database while ingestions are running: some items folded, others on their way.
    await waitWithOutput(
      procs,
      async () => web.inFlight('page') > 0 && (await readFoldState(dbUrl)).storyItems > 0,
      60_000,
      'ingestion under way',
    );
    await pg.stop('immediate');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(isRunning(worker) && isRunning(scheduler)).toBe(true);
    await pg.start();
    const state = await waitForCompleteRun(procs, dbUrl, FEEDS * ITEMS, 90_000);
    expect(isRunning(worker) && isRunning(scheduler)).toBe(true);
    expect(state.duplicateItems).toEqual([]);
    expect(state.membersOfDeadStories).toEqual([]); // no member without a live story
    expect(state.badStories).toEqual([]); // no story without members, counts agree
    expect(state.storyItems).toBe(FEEDS * ITEMS);
    const keysPerStory = [...storiesByExpectedKey(state, (u) => web.expectedStory(u)).values()];
    expect(keysPerStory.filter((keys) => keys.length !== 1)).toEqual([]);
    expect(state.liveStories).toBe(ITEMS / 2 + (FEEDS * ITEMS) / 2);
    expect(await failedJobs(queues)).toEqual([]);
    // The outage was felt: the worker logged failing jobs and retried them.
    expect(worker.output()).toMatch(/job failed|ECONNREFUSED|CONNECTION/i);
  }, 150_000);
});
