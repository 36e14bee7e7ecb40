// The scheduler's tick: queue a poll for every due feed, and re-queue items a crash left behind.
import { findDueFeeds } from '../db/feeds.ts';
import { findPendingItemIds } from '../db/items.ts';
import { enqueueIngest, enqueuePolls, ingestJobId, pollJobId } from '../queue/queues.ts';
import type { Deps } from './deps.ts';

/**
 * Items still new this long after they were stored are assumed stranded (a crash between a poll's insert and
 * its enqueue, or a job lost or failed for good) and queued again. A healthy poll queues its items within
 * milliseconds of storing them; 5 minutes keeps the sweep well clear of a poll in progress.
 */
export const STRANDED_AFTER_MS = 5 * 60_000;

/** Most stranded items one sweep queues again. */
const STRANDED_PER_SWEEP = 1000;

/** What one tick queued. */
export interface TickSummary {
  polls: number;
  stranded: number;
}

/** Jobs one scheduler queued lately (job id → ms when queued), kept from tick to tick. */
export type RecentSlots = Map<string, number>;

/**
 * How long a job this scheduler queued is not sent to Redis again. A due feed stays due until its poll runs,
 * and an item stays new until its ingestion runs, so without this every tick of a long backlog would re-send
 * up to a thousand of each that Redis already holds; after it, a job that was lost or failed for good is
 * queued again (the enqueue functions replace a failed job).
 */
const RECENT_SLOT_MS = 60_000;

/** Queue one poll job per due feed (idempotent per due slot) and re-queue stranded items. */
export async function schedulePolls(deps: Deps, limit = 1000, recent?: RecentSlots): Promise<TickSummary> {
  const now = deps.now();
  const due = await findDueFeeds(deps.db, now, limit);
  const jobs = due.map((feed) => ({ feedId: feed.id, dueAt: feed.nextPollAt.getTime() }));
  const polls = notRecent(recent, jobs, pollJobId, now.getTime());
  await enqueuePolls(deps.queues, polls);
  markRecent(recent, polls.map(pollJobId), now.getTime());
  const stranded = await requeueStrandedItems(deps, recent);
  return { polls: due.length, stranded };
}

/**
 * The one place that queues again items a crash left stored but never ingested: those still new
 * STRANDED_AFTER_MS after they were stored (job ids make this idempotent). Returns how many it found.
 */
export async function requeueStrandedItems(deps: Deps, recent?: RecentSlots): Promise<number> {
  const now = deps.now();
  const stranded = await findPendingItemIds(deps.db, { createdBefore: new Date(now.getTime() - STRANDED_AFTER_MS), limit: STRANDED_PER_SWEEP });
  const requeue = notRecent(recent, stranded, ingestJobId, now.getTime());
  await enqueueIngest(deps.queues, requeue);
  markRecent(recent, requeue.map(ingestJobId), now.getTime());
  return stranded.length;
}

/** The entries whose job was not queued within RECENT_SLOT_MS (expired marks are dropped first). */
function notRecent<T>(recent: RecentSlots | undefined, entries: T[], jobId: (entry: T) => string, nowMs: number): T[] {
  if (!recent) return entries;
  for (const [id, at] of recent) if (nowMs - at >= RECENT_SLOT_MS) recent.delete(id);
  return entries.filter((entry) => !recent.has(jobId(entry)));
}

/** Marked only once queued: a tick that failed to reach Redis leaves its jobs for the next one. */
function markRecent(recent: RecentSlots | undefined, ids: string[], nowMs: number): void {
  if (recent) for (const id of ids) recent.set(id, nowMs);
}
