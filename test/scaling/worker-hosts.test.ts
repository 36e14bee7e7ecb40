// Many worker hosts against one Redis and one PostgreSQL: three worker processes, each leaving from its
// own loopback address (FEEDFOLD_LOCAL_ADDRESS), stand for three machines. Two sites count what reaches
// them: the per-host budget (at once and per minute) must hold across all workers together, and one
// story whose two copies are fetched by two workers at the same instant must end as one story.
// (Network namespaces would isolate the workers further; separate processes with their own source
// addresses test the same thing: nothing but Redis and PostgreSQL is shared between them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import { startFaultWeb, type FaultWeb } from '../faults/fault-web.ts';
import { readFoldState } from '../faults/fold-state.ts';
import { dropQueues, faultEnv, killHard, queuesOf, subscribeFaultWeb, waitWithOutput, type Proc } from '../faults/harness.ts';
import type { Queues } from '../../src/queue/queues.ts';

const WORKER_ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
const MAX_CONCURRENT = 2;
const MAX_PER_MINUTE = 8;
/** The busy site wants 4 feeds + 16 pages, well over its budget of MAX_PER_MINUTE in the first minute. */
const BUSY = { feeds: 4, items: 4, feedDelayMs: 400, pageDelayMs: 200 };

/** Most requests whose arrival times fall within any `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('worker processes on several hosts share one Redis and one PostgreSQL', () => {
  let busy: FaultWeb | undefined;
  let pair: FaultWeb | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let env: Record<string, string> = {};
  let queues: Queues | undefined;
  let procs: Proc[] = [];

  beforeAll(async () => {
    [busy, pair, database] = await Promise.all([
      startFaultWeb(BUSY),
      // Two feeds whose one entry is the same story; each page waits until both are requested at once.
      startFaultWeb({ feeds: 2, items: 1, feedDelayMs: 0, pageDelayMs: 0, holdPagesUntil: 2 }),
      createTestDatabase(),
    ]);
    env = faultEnv(testDatabaseUrl(database.name), TEST_REDIS_URL, {
      FEEDFOLD_HOST_MAX_CONCURRENT: String(MAX_CONCURRENT),
      FEEDFOLD_HOST_MAX_PER_MINUTE: String(MAX_PER_MINUTE),
      // One job of each kind per process: two pages held at once are necessarily in two processes.
      FEEDFOLD_POLL_CONCURRENCY: '1',
      FEEDFOLD_INGEST_CONCURRENCY: '1',
    });
    queues = queuesOf(env);
  });

  afterAll(async () => {
    await Promise.all(procs.map(killHard));
    if (queues) await dropQueues(queues);
    await database?.drop();
    await Promise.all([busy?.close(), pair?.close()]);
  });

  it('per-host budgets hold across hosts, and a story fetched at two hosts at once is one story', async () => {
    const dbUrl = testDatabaseUrl((database as { name: string }).name);
    const [b, p, q] = [busy as FaultWeb, pair as FaultWeb, queues as Queues];
    procs = WORKER_ADDRESSES.map((address) => startCli(['worker'], { ...env, FEEDFOLD_LOCAL_ADDRESS: address }));
    // Every worker listens before there is work, so the first jobs spread over all of them.
    await waitWithOutput(
      procs,
      async () => (await q.poll.getWorkersCount()) >= WORKER_ADDRESSES.length && (await q.ingest.getWorkersCount()) >= WORKER_ADDRESSES.length,
      60_000,
      'three workers listening',
    );
    await subscribeFaultWeb(dbUrl, b, 0, BUSY.feeds);
    await subscribeFaultWeb(dbUrl, p, 0, 2);
    procs.push(startCli(['scheduler'], env));

    const pairState = await waitWithOutput(
      procs,
      async () => {
        const state = await readFoldState(dbUrl);
        const ids = [...state.urls].filter(([, url]) => url.startsWith(p.base)).map(([id]) => id);
        return ids.length === 2 && ids.every((id) => state.assignment.has(id)) ? { state, ids } : null;
      },
      60_000,
      'both copies of the pair site folded',
    );
    await waitWithOutput(procs, async () => b.requests().length >= MAX_PER_MINUTE, 60_000, 'the busy site used its budget');
    // Let the workers go on trying for a while: the postponed jobs must stay postponed.
    await new Promise((r) => setTimeout(r, 3_000));

    // The same story, fetched by two hosts at the same instant, is one story.
    expect(p.holdMet()).toBe(true);
    const pages = p.requests().filter((r) => r.path.endsWith('.html'));
    expect(new Set(pages.map((r) => r.from)).size).toBe(2);
    const [first, second] = pairState.ids.map((id) => pairState.state.assignment.get(id));
    expect(first).toBe(second);

    // The busy site: never more than the budget at once or within a minute, though all three hosts asked.
    const seen = b.requests();
    expect(maxInWindow(seen.map((r) => r.at), 60_000)).toBe(MAX_PER_MINUTE);
    expect(b.peakInFlight()).toBeLessThanOrEqual(MAX_CONCURRENT);
    expect(new Set(seen.map((r) => r.from)).size).toBeGreaterThanOrEqual(2);
    for (const r of seen) expect(WORKER_ADDRESSES).toContain(r.from);
    // The rest of its work waits in the queue rather than being lost or failed.
    const counts = await q.ingest.getJobCounts('delayed', 'failed');
    expect(counts.delayed).toBeGreaterThan(0);
    expect(counts.failed).toBe(0);
  }, 120_000);
});
