// The scheduler's loop: due feeds are queued once per slot, and a database outage is logged and
// retried on the next tick instead of ending the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { startScheduler } from '../../src/pipeline/scheduler-loop.ts';
import { schedulePolls, type RecentSlots } from '../../src/pipeline/schedule-polls.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';
import type { Queues } from '../../src/queue/queues.ts';
import type { Deps } from '../../src/pipeline/deps.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;
let deps: Deps;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_SCHEDULER_TICK_SECONDS: '1' });
  queues = createTestQueues(config);
  deps = testDeps(config, database, queues);
});
afterAll(async () => {
  await queues?.close();
  await database?.drop();
});

function captureLog(): { log: Deps['log']; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({ write: (chunk, _e, cb) => (out.push(String(chunk)), cb()) });
  return { log: pino({ level: 'debug' }, stream), lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('scheduler loop', () => {
  it('queues one poll per due feed, and not again on the next tick', async () => {
    const past = new Date(Date.now() - 60_000);
    await addFeed(database.db, { url: 'http://sched.example/a.xml' }, past);
    await addFeed(database.db, { url: 'http://sched.example/b.xml' }, past);
    const s = startScheduler(deps);
    await new Promise((r) => setTimeout(r, 2_500));
    await s.stop();
    const jobs = await queues.poll.getJobs(['waiting']);
    expect(jobs).toHaveLength(2);
  });

  it('a tick that cannot reach the database is logged and the loop goes on', async () => {
    const { log, lines } = captureLog();
    let calls = 0;
    const broken = {
      ...deps,
      log,
      db: new Proxy(deps.db, {
        get: () => () => {
          calls++;
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
      }),
    } as Deps;
    const s = startScheduler(broken);
    await new Promise((r) => setTimeout(r, 2_300));
    await s.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    const errors = lines().filter((l) => l.level === 50);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('a slot it queued is not sent again within a minute, and is after (a lost job is queued again)', async () => {
    await queues.poll.obliterate({ force: true });
    const past = new Date(Date.now() - 60_000);
    const { feed } = await addFeed(database.db, { url: 'http://sched.example/recent.xml' }, past);
    const clock = { now: new Date() };
    const ticking = testDeps(deps.config, database, queues, clock);
    const recent: RecentSlots = new Map();
    const ofFeed = async () => (await queues.poll.getJobs(['waiting'])).filter((j) => j.data.feedId === feed.id);
    await schedulePolls(ticking, 1000, recent);
    expect(await ofFeed()).toHaveLength(1);
    // The job is lost (say Redis lost its data): the next tick, still within the minute, does not notice.
    await queues.poll.obliterate({ force: true });
    clock.now = new Date(clock.now.getTime() + 30_000);
    await schedulePolls(ticking, 1000, recent);
    expect(await ofFeed()).toHaveLength(0);
    clock.now = new Date(clock.now.getTime() + 31_000);
    await schedulePolls(ticking, 1000, recent);
    expect(await ofFeed()).toHaveLength(1);
  });
});
