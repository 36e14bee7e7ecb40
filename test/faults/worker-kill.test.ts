// Fault: worker processes killed with SIGKILL in the middle of polls and ingestions, several times
// over; then a replay of every job of the finished run. Nothing may be lost, stored twice or folded twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import type { Queues } from '../../src/queue/queues.ts';
import { startFaultWeb, type FaultWeb } from './fault-web.ts';
import { readFoldState, storiesByExpectedKey, type FoldState } from './fold-state.ts';
import { dropQueues, failedJobs, faultEnv, isRunning, killHard, queuesOf, subscribeFaultWeb, waitForCompleteRun, waitWithOutput, type Proc } from './harness.ts';

const FEEDS = 4;
const ITEMS = 6;
/** Even entries are one story shared by every feed, odd ones each feed's own. */
const EXPECTED_STORIES = ITEMS / 2 + (FEEDS * ITEMS) / 2;

let web: FaultWeb;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dbUrl: string;
let env: Record<string, string>;
let queues: Queues;
let feedIds: number[];
const procs: Proc[] = [];
let finished: FoldState;

beforeAll(async () => {
  web = await startFaultWeb({ feeds: FEEDS, items: ITEMS, feedDelayMs: 1500, pageDelayMs: 700 });
  database = await createTestDatabase();
  dbUrl = testDatabaseUrl(database.name);
  // Three kills may hit one job more than once: here every job must survive them (poison-job.test.ts tests the limit).
  env = faultEnv(dbUrl, TEST_REDIS_URL, { FEEDFOLD_JOB_MAX_CRASHES: '4' });
  queues = queuesOf(env);
  feedIds = await subscribeFaultWeb(dbUrl, web, 0, FEEDS);
});

afterAll(async () => {
  await Promise.all(procs.map(killHard));
  await dropQueues(queues);
  await database?.drop();
  await web?.close();
});

function expectSoundFolding(state: FoldState): void {
  expect(state.items).toBe(FEEDS * ITEMS);
  expect(state.duplicateItems).toEqual([]);
  expect(state.unfolded).toEqual([]);
  expect(state.notIngested).toEqual([]);
  expect(state.membersOfDeadStories).toEqual([]);
  expect(state.badStories).toEqual([]);
  expect(state.storyItems).toBe(FEEDS * ITEMS);
  expect(state.liveStories).toBe(EXPECTED_STORIES);
  const keysPerStory = [...storiesByExpectedKey(state, (u) => web.expectedStory(u)).values()];
  expect(keysPerStory.filter((keys) => keys.length !== 1)).toEqual([]);
  expect(new Set(keysPerStory.map((k) => k[0])).size).toBe(EXPECTED_STORIES);
}

describe('worker processes killed mid-job', () => {
  it('SIGKILL during polls and ingestions, three times: every item stored once and folded once', async () => {
    procs.push(startCli(['scheduler'], env));
    for (const kind of ['feed', 'page', 'page'] as const) {
      const worker = startCli(['worker'], env);
      procs.push(worker);
      await waitWithOutput(procs, async () => isRunning(worker) && web.inFlight(kind) > 0, 30_000, `a ${kind} request in flight`);
      await killHard(worker);
      await waitFor(async () => web.inFlight('feed') + web.inFlight('page') === 0, 5_000, 'the killed worker’s requests to close');
    }
    const before = await readFoldState(dbUrl);
    expect(before.storyItems).toBeLessThan(FEEDS * ITEMS); // the kills came before the run was over
    const survivor = startCli(['worker'], env);
    procs.push(survivor);
    finished = await waitForCompleteRun(procs, dbUrl, FEEDS * ITEMS, 100_000);
    expectSoundFolding(finished);
    // The killed jobs really ran again: a feed and a page were each fetched more than once.
    const repeated = web.repeatedPaths();
    expect(repeated.some((p) => p.startsWith('/feed'))).toBe(true);
    expect(repeated.some((p) => p.startsWith('/site'))).toBe(true);
    expect(await failedJobs(queues)).toEqual([]);
    expect(isRunning(survivor)).toBe(true);
  }, 150_000);

  it('replaying every job of the finished run (polls and ingestions, new job ids) changes nothing', async () => {
    expect(finished).toBeDefined();
    const feedHits = web.hits('/feed0.xml');
    const replay = [
      ...(await queues.poll.addBulk(
        feedIds.map((feedId) => ({ name: 'poll', data: { feedId, dueAt: Date.now(), force: true }, opts: { jobId: `replay-poll-${feedId}` } })),
      )),
      ...(await queues.ingest.addBulk(
        [...finished.assignment.keys()].map((itemId) => ({ name: 'ingest', data: { itemId }, opts: { jobId: `replay-ingest-${itemId}` } })),
      )),
    ];
    expect(replay).toHaveLength(FEEDS + FEEDS * ITEMS);
    await waitFor(
      async () => {
        const states = await Promise.all(replay.map((j) => (j.name === 'poll' ? queues.poll : queues.ingest).getJobState(j.id as string)));
        return states.every((s) => s === 'completed');
      },
      60_000,
      'every replayed job completed',
    );
    expect(web.hits('/feed0.xml')).toBe(feedHits + 1); // the feed really was fetched and parsed again
    const after = await readFoldState(dbUrl);
    expectSoundFolding(after);
    expect(after.assignment).toEqual(finished.assignment);
    expect(after.liveStories).toBe(finished.liveStories);
    expect(await failedJobs(queues)).toEqual([]);
  }, 90_000);
});
