// Redis Cluster mode end to end: a private three-master cluster (with a replica each), the real
// scheduler, two workers and the server as processes with FEEDFOLD_REDIS_CLUSTER=true over the fixture
// web; the master holding the queues' slot is failed over to its replica while jobs are queued, and
// every item must still be ingested and folded into the expected stories, with no job failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { freePort } from '../../src/queue/redis-server.ts';
import { countOutstanding } from '../../src/queue/queues.ts';
import { cliEnv, runCli, startCli } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '../helpers/private-redis-cluster.ts';
import { requireTool } from '../helpers/tools.ts';
import { readFoldState, storiesByExpectedKey } from '../faults/fold-state.ts';
import { dropQueues, failedJobs, killHard, queuesOf, waitForCompleteRun, waitWithOutput, type Proc } from '../faults/harness.ts';
import { expectedFixtureStories, FIXTURE_FEEDS, FIXTURE_ITEMS, fixtureStoryOf } from './fixture-stories.ts';

/** Every fixture-web answer waits this long, so jobs are still queued when the master fails over. */
const FIXTURE_DELAY_MS = 500;

const tools = requireTool('redis-server') && requireTool('redis-cli');

describe.runIf(tools)('Redis Cluster', () => {
  let cluster: PrivateRedisCluster | undefined;
  let web: FixtureWeb | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let env: Record<string, string> = {};
  let procs: Proc[] = [];

  beforeAll(async () => {
    [cluster, web, database] = await Promise.all([startPrivateRedisCluster(), startFixtureWeb({ delayMs: FIXTURE_DELAY_MS }), createTestDatabase()]);
    env = cliEnv(testDatabaseUrl(database.name), cluster.seeds, `cluster-${database.name.slice(-6)}`, {
      FEEDFOLD_REDIS_CLUSTER: 'true',
      FEEDFOLD_REDIS_AUTOSTART: 'false',
      FEEDFOLD_SCHEDULER_TICK_SECONDS: '1',
      FEEDFOLD_JOB_LOCK_SECONDS: '5',
      // The fixture web is one host: no politeness budget in the way (the many-hosts test checks it).
      FEEDFOLD_HOST_MAX_CONCURRENT: '16',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map(killHard));
    if (cluster && env.REDIS_URL) await dropQueues(queuesOf(env)).catch(() => {});
    await cluster?.close();
    await database?.drop();
    await web?.close();
  });

  it('scheduler, two workers and the server fold the fixture web through a failover of the queues\' master', async () => {
    const w = web as FixtureWeb;
    const added = await runCli(['feeds', 'add', ...FIXTURE_FEEDS.map((p) => w.url(p)), '--no-discover'], env);
    expect(added.code, added.stderr).toBe(0);
    const port = await freePort();
    procs = [
      startCli(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1' }),
      startCli(['scheduler'], env),
      startCli(['worker'], env),
      startCli(['worker'], env),
    ];
    const dbUrl = testDatabaseUrl((database as { name: string }).name);
    const queues = queuesOf(env);
    try {
      // Mid-run: some items stored, not all folded, jobs waiting in Redis.
      const outstanding = await waitWithOutput(
        procs,
        async () => {
          const state = await readFoldState(dbUrl);
          const n = await countOutstanding(queues);
          return state.items > 0 && state.storyItems < FIXTURE_ITEMS && n > 0 ? n : null;
        },
        40_000,
        'jobs queued with the run under way',
      );
      const moved = await (cluster as PrivateRedisCluster).failover(env.FEEDFOLD_QUEUE_PREFIX as string);
      expect(moved.to).not.toBe(moved.from);
      expect(outstanding).toBeGreaterThan(0);
      const state = await waitForCompleteRun(procs, dbUrl, FIXTURE_ITEMS, 60_000);
      expect(state.duplicateItems).toEqual([]);
      expect(state.membersOfDeadStories).toEqual([]);
      expect(state.badStories).toEqual([]);
      expect([...storiesByExpectedKey(state, fixtureStoryOf).values()].sort()).toEqual(expectedFixtureStories());
      expect(await failedJobs(queues)).toEqual([]);

      // Readiness and queue metrics go through the cluster too.
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/feedfold_queue_jobs\{queue="ingest",state="waiting"\} 0/);
    } finally {
      await queues.close();
      const codes = await Promise.all(procs.map((p) => p.stop()));
      expect(codes).toEqual([0, 0, 0, 0]);
    }
  }, 120_000);
});
