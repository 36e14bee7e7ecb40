// The scheduler's tick: queue a poll for every due feed, and re-queue items a crash left behind.
import { findDueFeeds } from '../db/feeds.ts';
import { findPendingItemIds } from '../db/items.ts';
import { enqueueIngest, enqueuePolls, pollJobId, type PollJob } from '../queue/queues.ts';
import type { Deps } from './deps.ts';

/** Items still new after this long are assumed stranded by a crash and queued again. */
const STRANDED_AFTER_MS = 5 * 60_000;

/** What one tick queued. */
export interface TickSummary {
  polls: number;
  stranded: number;
}

/** Poll slots one scheduler queued lately (job id → ms when queued), kept from tick to tick. */
export type RecentSlots = Map<string, number>;

/**
 * How long a queued slot is not sent to Redis again. A due feed stays due until its poll runs, so without
 * this every tick of a backlog would re-send up to `limit` jobs Redis already holds; after it, a slot whose
 * job was lost or failed for good is queued again (enqueuePolls replaces a failed job).
 */
const RECENT_SLOT_MS = 60_000;

/** Queue one poll job per due feed (idempotent per due slot) and re-queue stranded items. */
export async function schedulePolls(deps: Deps, limit = 1000, recent?: RecentSlots): Promise<TickSummary> {
  const now = deps.now();
  const due = await findDueFeeds(deps.db, now, limit);
  const jobs = due.map((feed) => ({ feedId: feed.id, dueAt: feed.nextPollAt.getTime() }));
  const toQueue = recent ? notRecent(recent, jobs, now.getTime()) : jobs;
  await enqueuePolls(deps.queues, toQueue);
  // Marked only once queued: a tick that failed to reach Redis leaves its slots for the next one.
  if (recent) for (const job of toQueue) recent.set(pollJobId(job), now.getTime());
  const stranded = await findPendingItemIds(deps.db, { createdBefore: new Date(now.getTime() - STRANDED_AFTER_MS), limit: 1000 });
  await enqueueIngest(deps.queues, stranded);
  return { polls: due.length, stranded: stranded.length };
}

/** The jobs whose slot was not queued within RECENT_SLOT_MS (expired marks are dropped first). */
function notRecent(recent: RecentSlots, jobs: PollJob[], nowMs: number): PollJob[] {
  for (const [id, at] of recent) if (nowMs - at >= RECENT_SLOT_MS) recent.delete(id);
  return jobs.filter((job) => !recent.has(pollJobId(job)));
}

/** Queue a poll (after `delayMs`); a job of the same slot that failed for good is replaced so the feed is never stuck. */
export async function queuePoll(deps: Deps, job: PollJob, delayMs = 0): Promise<void> {
  await enqueuePolls(deps.queues, [job], delayMs);
}
