// Feeds: subscription, due polls, and the outcome of each poll.
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { prepared, type Db, type Statement } from './client.ts';
import { feeds } from './schema.ts';
import type { FeedState } from '../model.ts';
import type { PublishSpan } from '../domain/schedule.ts';

export type FeedRow = typeof feeds.$inferSelect;

/**
 * Add a feed by URL (idempotent: an existing URL keeps its row). Returns the row and whether it was new.
 * `inPublicFeed: false` (a reader account's subscription) keeps a new feed's stories out of the public
 * merged feed; adding it without an account later puts them in.
 */
export async function addFeed(
  db: Db,
  input: { url: string; title?: string | null; folder?: string | null; siteUrl?: string | null; inPublicFeed?: boolean },
  now: Date,
): Promise<{ feed: FeedRow; created: boolean }> {
  const inPublicFeed = input.inPublicFeed ?? true;
  const inserted = await db
    .insert(feeds)
    .values({
      url: input.url,
      title: input.title ?? null,
      folder: input.folder ?? null,
      siteUrl: input.siteUrl ?? null,
      inPublicFeed,
      nextPollAt: now,
    })
    .onConflictDoNothing({ target: feeds.url })
    .returning();
  if (inserted[0]) return { feed: inserted[0], created: true };
  if (inPublicFeed) {
    const listed = await db.update(feeds).set({ inPublicFeed: true }).where(and(eq(feeds.url, input.url), eq(feeds.inPublicFeed, false))).returning();
    if (listed[0]) return { feed: listed[0], created: false };
  }
  const existing = await db.select().from(feeds).where(eq(feeds.url, input.url));
  return { feed: existing[0] as FeedRow, created: false };
}

/** Keep a feed's stories out of the public merged feed (a feed a reader account added). */
export async function unlistFeed(db: Db, id: number): Promise<void> {
  await db.update(feeds).set({ inPublicFeed: false }).where(eq(feeds.id, id));
}

/** Every feed, oldest first. */
export async function listFeeds(db: Db): Promise<FeedRow[]> {
  return db.select().from(feeds).orderBy(asc(feeds.id));
}

/** One feed by id, or null. */
export async function getFeed(db: Db, id: number): Promise<FeedRow | null> {
  const query = prepared(db, 'feed_by_id', (d) => d.select().from(feeds).where(eq(feeds.id, sql.placeholder('id'))).prepare('feed_by_id'));
  const rows = await query.execute({ id });
  return rows[0] ?? null;
}

/** The stories holding items of the feed (ids ascending). */
export function findFeedStories(feedId: number): Statement<number[]> {
  return {
    query: sql`select distinct si.story_id from story_items si join items i on i.id = si.item_id where i.feed_id = ${feedId} order by 1`,
    read: (rows) => rows.map((r) => Number(r.story_id)),
  };
}

/** Delete a feed with its items (and so their memberships and keys); reads whether it existed. */
export function deleteFeed(feedId: number): Statement<boolean> {
  return { query: sql`delete from feeds where id = ${feedId} returning id`, read: (rows) => rows.length > 0 };
}

/** Set a feed's state (pause, resume, disable). */
export async function setFeedState(db: Db, id: number, state: FeedState, now: Date): Promise<boolean> {
  const rows = await db
    .update(feeds)
    .set({ state, updatedAt: now, ...(state === 'active' ? { nextPollAt: now, errorCount: 0 } : {}) })
    .where(eq(feeds.id, id))
    .returning({ id: feeds.id });
  return rows.length > 0;
}

/** Feeds whose next poll is due (active, failing, or disabled and due for its daily re-probe), earliest first. */
export async function findDueFeeds(db: Db, now: Date, limit: number): Promise<FeedRow[]> {
  return db
    .select()
    .from(feeds)
    .where(and(inArray(feeds.state, ['active', 'failing', 'disabled']), lte(feeds.nextPollAt, now)))
    .orderBy(asc(feeds.nextPollAt))
    .limit(limit);
}

/** Feeds that can be polled now (for `run --once`). */
export async function listPollableFeeds(db: Db): Promise<FeedRow[]> {
  return db.select().from(feeds).where(inArray(feeds.state, ['active', 'failing'])).orderBy(asc(feeds.id));
}

/** What a poll learned, to store on the feed. */
export interface PollOutcome {
  status: number | null;
  /** How long the fetch took, when one was made. */
  fetchMs?: number | null;
  etag?: string | null;
  lastModified?: string | null;
  title?: string | null;
  siteUrl?: string | null;
  language?: string | null;
  newUrl?: string | null;
  newItems?: number;
  /** The feed's publishing rate after this poll (src/domain/schedule.ts estimatePublishSpan). */
  publishSpan?: PublishSpan | null;
  /** Why the document was not read cleanly (wrong charset label, ill-formed XML recovered); null when it was. */
  parseNote?: string | null;
  error?: string | null;
  state: FeedState;
  errorCount: number;
  nextPollAt: Date;
  intervalSeconds: number;
}

/** The publishing span stored on a feed row, or null before its first successful poll. */
export function publishSpanOf(feed: FeedRow): PublishSpan | null {
  return feed.publishSpanSince && feed.publishSpanItems !== null ? { since: feed.publishSpanSince, items: feed.publishSpanItems } : null;
}

/** Record the outcome of one poll. */
export async function recordPoll(db: Db, id: number, outcome: PollOutcome, now: Date): Promise<void> {
  const ok = !outcome.error;
  await db
    .update(feeds)
    .set({
      lastPolledAt: now,
      lastStatus: outcome.status,
      ...(outcome.fetchMs != null ? { lastFetchMs: outcome.fetchMs } : {}),
      state: outcome.state,
      errorCount: outcome.errorCount,
      nextPollAt: outcome.nextPollAt,
      intervalSeconds: outcome.intervalSeconds,
      updatedAt: now,
      ...(ok
        ? {
            lastSuccessAt: now,
            lastError: null,
            ...(outcome.parseNote !== undefined ? { lastParseNote: outcome.parseNote } : {}),
            ...(outcome.etag !== undefined ? { etag: outcome.etag } : {}),
            ...(outcome.lastModified !== undefined ? { lastModified: outcome.lastModified } : {}),
            ...(outcome.title ? { title: outcome.title } : {}),
            ...(outcome.siteUrl ? { siteUrl: outcome.siteUrl } : {}),
            ...(outcome.language ? { language: outcome.language } : {}),
            ...(outcome.publishSpan ? { publishSpanSince: outcome.publishSpan.since, publishSpanItems: outcome.publishSpan.items } : {}),
          }
        : { lastError: outcome.error, lastErrorAt: now }),
      ...(outcome.newItems ? { itemCount: sql`${feeds.itemCount} + ${outcome.newItems}` } : {}),
    })
    .where(eq(feeds.id, id));
  if (outcome.newUrl) {
    // A permanent redirect moves the feed, unless another row already has that URL.
    await db
      .update(feeds)
      .set({ url: outcome.newUrl })
      .where(and(eq(feeds.id, id), sql`not exists (select 1 from feeds f2 where f2.url = ${outcome.newUrl})`));
  }
}
