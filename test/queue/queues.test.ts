// Queueing against a real Redis: idempotent job ids, and a poll that failed for good never blocks its feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueIngest, enqueuePoll, enqueuePolls, findFailedJobs, ingestJobId, pollJobId, type Queues } from '../../src/queue/queues.ts';
import { connectRedis } from '../../src/queue/redis-connection.ts';
import { createTestQueues, testConfig } from '../helpers/services.ts';

let queues: Queues;
beforeAll(() => {
  queues = createTestQueues(testConfig());
});
afterAll(async () => queues?.close());

describe('job ids', () => {
  it.each([
    [{ feedId: 12, dueAt: 1_700_000_000_000 }, 'poll-12-1700000000000'],
    [{ feedId: 1, dueAt: 0, force: true }, 'poll-1-0'],
  ])('poll job id of %j is %s, without ":"', (job, id) => {
    expect(pollJobId(job)).toBe(id);
    expect(pollJobId(job)).not.toContain(':');
  });

  it('ingest job id names the item', () => {
    expect(ingestJobId(42)).toBe('ingest-42');
  });
});

describe('idempotent enqueueing', () => {
  it('the same poll slot queued twice is one job', async () => {
    await enqueuePoll(queues, { feedId: 7, dueAt: 100 });
    await enqueuePoll(queues, { feedId: 7, dueAt: 100 });
    await enqueuePoll(queues, { feedId: 7, dueAt: 200 });
    const jobs = await queues.poll.getJobs(['waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual(['poll-7-100', 'poll-7-200']);
  });

  it('the same items queued twice are ingested once', async () => {
    await enqueueIngest(queues, [1, 2, 3]);
    await enqueueIngest(queues, [2, 3, 4]);
    expect((await queues.ingest.getJobCounts('waiting')).waiting).toBe(4);
  });

  it('a poll job that failed for good is replaced, so its feed is polled again', async () => {
    const job = { feedId: 9, dueAt: 300 };
    await queues.poll.add('poll', job, { jobId: pollJobId(job), attempts: 1 });
    const queued = await queues.poll.getJob(pollJobId(job));
    // Move it to failed the way a worker would after its last attempt.
    const { Worker } = await import('bullmq');
    const worker = new Worker(
      'poll',
      async (j) => {
        if (j.id === pollJobId(job)) throw new Error('database down');
      },
      { connection: connectRedis(queues.redis), prefix: queues.prefix, autorun: true },
    );
    await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
    await worker.close();
    expect(await queued?.getState()).toBe('failed');
    await enqueuePolls(queues, [job]);
    expect(await (await queues.poll.getJob(pollJobId(job)))?.getState()).toBe('waiting');
  });

  it('a batch of polls: slots already queued stay one job, a failed one is queued again', async () => {
    const failed = { feedId: 31, dueAt: 500 };
    await queues.poll.add('poll', failed, { jobId: pollJobId(failed), attempts: 1 });
    const { Worker } = await import('bullmq');
    const worker = new Worker('poll', async (j) => {
      if (j.id === pollJobId(failed)) throw new Error('database down');
    }, { connection: connectRedis(queues.redis), prefix: queues.prefix });
    await new Promise<void>((resolve) => worker.on('failed', (j) => j?.id === pollJobId(failed) && resolve()));
    await worker.close();
    expect(await (await queues.poll.getJob(pollJobId(failed)))?.getState()).toBe('failed');
    await enqueuePoll(queues, { feedId: 30, dueAt: 500 });
    await enqueuePolls(queues, [{ feedId: 30, dueAt: 500 }, failed, { feedId: 32, dueAt: 500 }]);
    const states = await Promise.all([30, 31, 32].map(async (feedId) => (await queues.poll.getJob(pollJobId({ feedId, dueAt: 500 })))?.getState()));
    expect(states).toEqual(['waiting', 'waiting', 'waiting']);
    expect((await queues.poll.getJobs(['waiting'])).filter((j) => j.data.feedId === 30)).toHaveLength(1);
  });
});

describe('findFailedJobs', () => {
  it('finds the failed ones among ids by the failed count, the failed set or each state', async () => {
    const own = createTestQueues(testConfig());
    try {
      const ids = ['ingest-1', 'ingest-2', 'ingest-3', 'ingest-4'];
      await own.ingest.addBulk(ids.map((jobId, i) => ({ name: 'ingest', data: { itemId: i + 1 }, opts: { jobId, attempts: 1 } })));
      expect(await findFailedJobs(own.ingest, ids)).toEqual([]); // none failed: the count alone answers
      const { Worker } = await import('bullmq');
      const worker = new Worker('ingest', async (j) => {
        if (j.id !== 'ingest-4') throw new Error('database down');
      }, { connection: connectRedis(own.redis), prefix: own.prefix });
      let failures = 0;
      await new Promise<void>((resolve) => worker.on('failed', () => ++failures === 3 && resolve()));
      await worker.close();
      expect(await findFailedJobs(own.ingest, [...ids, 'ingest-9'])).toEqual(['ingest-1', 'ingest-2', 'ingest-3']); // failed set no larger than the ids
      expect(await findFailedJobs(own.ingest, ['ingest-2', 'ingest-4'])).toEqual(['ingest-2']); // more failed than ids: each state
      expect(await findFailedJobs(own.ingest, [])).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
