// How much is stored, counted in one statement: the metrics endpoint and `feedfold run --once` report
// the same numbers because they read them here.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './client.ts';

/** Counts of stored rows. */
export interface StoreCounts {
  /** Feeds the scheduler polls or re-probes (active, failing, disabled; not paused). */
  feeds: number;
  /** Feeds whose last poll failed. */
  feedsFailed: number;
  /** Consecutive failed polls, summed over all feeds. */
  feedErrors: number;
  items: number;
  /** Items that belong to a story. */
  foldedItems: number;
  /** Stories with their own entry (not merged into another). */
  liveStories: number;
  /** Live stories with two or more members. */
  storiesWithCopies: number;
  /** Stories merged into another (a redirect). */
  mergedStories: number;
}

/** Count what is stored. */
export async function countStored(db: Db): Promise<StoreCounts> {
  const rows = await queryRows<Record<keyof StoreCounts, string>>(
    db,
    sql`select (select count(*) from feeds where state in ('active', 'failing', 'disabled')) as "feeds",
               (select count(*) from feeds where last_error is not null) as "feedsFailed",
               (select coalesce(sum(error_count), 0) from feeds) as "feedErrors",
               (select count(*) from items) as "items",
               (select count(*) from story_items) as "foldedItems",
               (select count(*) from stories where merged_into is null) as "liveStories",
               (select count(*) from stories where merged_into is null and item_count > 1) as "storiesWithCopies",
               (select count(*) from stories where merged_into is not null) as "mergedStories"`,
  );
  const r = rows[0];
  const n = (k: keyof StoreCounts): number => Number(r?.[k] ?? 0);
  return {
    feeds: n('feeds'),
    feedsFailed: n('feedsFailed'),
    feedErrors: n('feedErrors'),
    items: n('items'),
    foldedItems: n('foldedItems'),
    liveStories: n('liveStories'),
    storiesWithCopies: n('storiesWithCopies'),
    mergedStories: n('mergedStories'),
  };
}
