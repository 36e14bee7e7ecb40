// Queue names, job payloads, job ids and connection options: everything the producer and the
// workers must agree on, in one place.
import { Queue, type JobsOptions } from 'bullmq';
import { connectRedis, type RedisClient, type RedisTarget } from './redis-connection.ts';

export const POLL_QUEUE = 'poll';
export const INGEST_QUEUE = 'ingest';

/** Poll one feed. */
export interface PollJob {
  feedId: number;
  /** The feed's next_poll_at when queued (ms); part of the job id so each due slot is queued once. */
  dueAt: number;
}

/** Fetch, extract and fold one item. */
export interface IngestJob {
  itemId: number;
}

/** Job id of a feed's poll for one due slot (BullMQ refuses ':' in custom ids). */
export function pollJobId(job: PollJob): string {
  return `poll-${job.feedId}-${job.dueAt}`;
}

/** Job id of an item's ingestion: at most one per item is ever queued at a time. */
export function ingestJobId(itemId: number): string {
  return `ingest-${itemId}`;
}

/** The two queues, created on one shared connection. */
export interface Queues {
  poll: Queue<PollJob>;
  ingest: Queue<IngestJob>;
  connection: RedisClient;
  /** Where the connection goes: workers open their own connections to the same place. */
  redis: RedisTarget;
  prefix: string;
  close(): Promise<void>;
}

/** Defaults applied to every job: bounded retries with exponential backoff, bounded history. */
export function defaultJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 2_000 },
    removeOnComplete: { count: 1_000, age: 24 * 3600 },
    removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
  };
}

/** Why a job was given up for good: it crashed its worker process too often, or it failed every attempt. */
export type GivenUp = 'crashed' | 'attempts';

/** BullMQ's failure reason for a job found stalled more than `maxStalledCount` times (its worker died under it each time). */
export const CRASHED_JOB_REASON = 'job stalled more than allowable limit';

/**
 * BullMQ worker options for job locks and the stalled-job check. The lock (FEEDFOLD_JOB_LOCK_SECONDS) is
 * renewed every half of it; a worker that dies without a goodbye (kill -9, OOM) leaves its jobs active, and
 * the stalled-job check puts them back in the queue once the lock has expired, so they run again after one
 * to two lock periods. A job found stalled is put back `maxCrashes - 1` times (FEEDFOLD_JOB_MAX_CRASHES); the
 * next time BullMQ marks it for failure and the next worker to take it fails it without running it (so a
 * poison input cannot crash worker after worker).
 */
export function workerLockOptions(lockSeconds: number, maxCrashes: number) {
  const ms = lockSeconds * 1000;
  return { lockDuration: ms, stalledInterval: ms, maxStalledCount: Math.max(0, maxCrashes - 1) };
}

/** True when a job failed because it stopped its worker process too many times (not because its step threw). */
export function failedByCrashes(job: { deferredFailure?: string } | undefined, err: Error): boolean {
  return job?.deferredFailure === CRASHED_JOB_REASON || err.message === CRASHED_JOB_REASON;
}

/** Open both queues against `redisUrl` (a cluster's seeds when `cluster`) with a key prefix (braced: one Cluster slot). */
export function createQueues(opts: { redisUrl: string; cluster?: boolean; prefix: string; attempts: number }): Queues {
  const redis: RedisTarget = { url: opts.redisUrl, cluster: opts.cluster ?? false };
  const connection = connectRedis(redis);
  const defaults = defaultJobOptions(opts.attempts);
  const poll = new Queue<PollJob>(POLL_QUEUE, { connection, prefix: opts.prefix, defaultJobOptions: defaults });
  const ingest = new Queue<IngestJob>(INGEST_QUEUE, { connection, prefix: opts.prefix, defaultJobOptions: defaults });
  return {
    poll,
    ingest,
    connection,
    redis,
    prefix: opts.prefix,
    async close() {
      await Promise.allSettled([poll.close(), ingest.close()]);
      connection.disconnect();
    },
  };
}

/** Queue a poll; a second call for the same feed and slot is a no-op. */
export async function enqueuePoll(queues: Queues, job: PollJob): Promise<void> {
  await queues.poll.add('poll', job, { jobId: pollJobId(job) });
}

/**
 * Queue polls, in a few round trips whatever their number (the scheduler queues up to a thousand a tick).
 * A slot already queued (waiting, running, or postponed in the delayed set) is left alone; one whose job
 * failed for good is queued again, so no feed is stuck.
 */
export async function enqueuePolls(queues: Queues, jobs: PollJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await removeFailedJobs(queues.poll, jobs.map(pollJobId));
  await queues.poll.addBulk(jobs.map((job) => ({ name: 'poll', data: job, opts: { jobId: pollJobId(job) } })));
}

/**
 * Queue ingestion of items; ids already queued are not queued twice. An item whose last job failed for
 * good (the database was down longer than its retries) is queued again: the failed job would otherwise
 * hold its id, and the item would never be ingested. Ids in `fresh` were created just now, so no job of
 * theirs can have failed: they skip that check (a Redis round trip per poll).
 */
export async function enqueueIngest(queues: Queues, itemIds: number[], fresh: number[] = []): Promise<void> {
  const freshIds = new Set(fresh);
  const recheck = [...new Set(itemIds)].filter((id) => !freshIds.has(id));
  if (recheck.length === 0 && freshIds.size === 0) return;
  if (recheck.length) await removeFailedJobs(queues.ingest, recheck.map(ingestJobId));
  const all = [...freshIds, ...recheck];
  await queues.ingest.addBulk(all.map((itemId) => ({ name: 'ingest', data: { itemId }, opts: { jobId: ingestJobId(itemId) } })));
}

/**
 * The ids among `ids` whose job failed for good, through BullMQ's public getters: usually none has (one ZCARD);
 * else the whole failed set when it is no larger than the ids, else each id's state. Measured against a pipeline of
 * ZSCOREs on BullMQ's own failed key (`npx tsx bench/failed-check.ts`): 0.04-0.1x its time for a 1,000-id tick;
 * 10 ids beside 5,000 kept failed jobs take a millisecond or two more (one more round trip).
 */
export async function findFailedJobs(queue: Queue, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const failedCount = await queue.getFailedCount();
  if (failedCount === 0) return [];
  if (failedCount <= ids.length) {
    const failed = new Set(await queue.getRanges(['failed'], 0, -1));
    return ids.filter((id) => failed.has(id));
  }
  const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
  return ids.filter((_, i) => states[i] === 'failed');
}

async function removeFailedJobs(queue: Queue, ids: string[]): Promise<void> {
  for (const id of await findFailedJobs(queue, ids)) await queue.remove(id);
}

/** Jobs waiting, delayed or running across both queues. */
export async function countOutstanding(queues: Queues): Promise<number> {
  const [p, i] = await Promise.all([
    queues.poll.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
    queues.ingest.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
  ]);
  return [...Object.values(p), ...Object.values(i)].reduce((a, b) => a + b, 0);
}
