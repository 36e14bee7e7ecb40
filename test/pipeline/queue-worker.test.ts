// The workers' shell keeps failed jobs small: a database error whose message carries every parameter of its query
// (a whole feed) is stored in Redis, and logged, as one bounded line naming its cause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { Queues } from '../../src/queue/queues.ts';
import { startQueueWorker } from '../../src/pipeline/queue-worker.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;

beforeAll(async () => {
  database = await createTestDatabase();
  queues = createTestQueues(testConfig());
});
afterAll(async () => {
  await queues?.close();
  await database?.drop();
});

describe('a job failing with a huge query error', () => {
  it('keeps a short reason and stack in Redis and in the log', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const deps = { ...testDeps(testConfig(), database, queues), log };
    const payload = 'x'.repeat(200_000);
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', parameters: [payload] });
    const worker = startQueueWorker<{ feedId: number; dueAt: number }>(deps, 'poll', 1, {
      run: async () => {
        throw new Error(`Failed query: insert into items … params: ${payload}`, { cause });
      },
      recordCrash: async () => {},
    });
    try {
      const job = await queues.poll.add('poll', { feedId: 1, dueAt: 0 }, { jobId: 'huge-error', attempts: 1 });
      for (let i = 0; i < 100 && !(await job.isFailed()); i++) await new Promise((r) => setTimeout(r, 100));
      const failed = await queues.poll.getJob('huge-error');
      expect(failed?.failedReason).toMatch(/^query failed \(\d+ characters of query and parameters left out\) <- invalid byte sequence/);
      expect(failed?.failedReason.length).toBeLessThan(1_000);
      expect(failed?.stacktrace?.join('').length).toBeLessThan(10_000);
      const logged = lines.filter((l) => l.includes('job failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]!.length).toBeLessThan(2_000);
    } finally {
      await worker.close();
    }
  });
});
