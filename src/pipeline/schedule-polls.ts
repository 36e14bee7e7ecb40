// The scheduler's tick: queue a poll for every due feed, and re-queue items a crash left behind.
import { findDueFeeds } from '../db/feeds.ts';
import { findPendingItemIds } from '../db/items.ts';
import { enqueueIngest, enqueuePolls, type PollJob } from '../queue/queues.ts';
import type { Deps } from './deps.ts';

/** Items still new after this long are assumed stranded by a crash and queued again. */
const STRANDED_AFTER_MS = 5 * 60_000;

/** What one tick queued. */
export interface TickSummary {
  polls: number;
  stranded: number;
}

/** Queue one poll job per due feed (idempotent per due slot) and re-queue stranded items. */
export async function schedulePolls(deps: Deps, limit = 1000): Promise<TickSummary> {
  const now = deps.now();
  const due = await findDueFeeds(deps.db, now, limit);
  await enqueuePolls(deps.queues, due.map((feed) => ({ feedId: feed.id, dueAt: feed.nextPollAt.getTime() })));
  const stranded = await findPendingItemIds(deps.db, { createdBefore: new Date(now.getTime() - STRANDED_AFTER_MS), limit: 1000 });
  await enqueueIngest(deps.queues, stranded);
  return { polls: due.length, stranded: stranded.length };
}

/** Queue a poll (after `delayMs`); a job of the same slot that failed for good is replaced so the feed is never stuck. */
export async function queuePoll(deps: Deps, job: PollJob, delayMs = 0): Promise<void> {
  await enqueuePolls(deps.queues, [job], delayMs);
}
