// Items: idempotent inserts from polls, and what ingestion learned about each.
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from './client.ts';
import { feeds, items } from './schema.ts';
import type { NormalisedItem } from '../model.ts';

export type ItemRow = typeof items.$inferSelect;

/** Insert the entries a poll found; existing (feed, key) pairs are left alone. Returns the ids of new rows. */
export async function insertItems(db: Db, feedId: number, entries: NormalisedItem[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await db
    .insert(items)
    .values(
      entries.map((e) => ({
        feedId,
        itemKey: e.itemKey,
        url: e.url,
        canonicalUrl: e.canonicalUrl,
        title: e.title,
        summary: e.summary,
        content: e.content,
        author: e.author,
        publishedAt: e.publishedAt,
      })),
    )
    .onConflictDoNothing({ target: [items.feedId, items.itemKey] })
    .returning({ id: items.id });
  return rows.map((r) => r.id);
}

/** Ids of a feed's items that are still waiting for ingestion (a crash between insert and enqueue leaves some). */
export async function findPendingItemIds(db: Db, opts: { createdBefore: Date; limit: number; feedId?: number }): Promise<number[]> {
  const rows = await db
    .select({ id: items.id })
    .from(items)
    .where(
      and(
        eq(items.status, 'new'),
        lt(items.createdAt, opts.createdBefore),
        opts.feedId !== undefined ? eq(items.feedId, opts.feedId) : undefined,
      ),
    )
    .orderBy(asc(items.id))
    .limit(opts.limit);
  return rows.map((r) => r.id);
}

/** An item with its feed's URL and language, as ingestion needs it. */
export async function getItemForIngest(
  db: Db,
  id: number,
): Promise<(ItemRow & { feedUrl: string; feedLanguage: string | null }) | null> {
  const rows = await db
    .select({ item: items, feedUrl: feeds.url, feedLanguage: feeds.language })
    .from(items)
    .innerJoin(feeds, eq(feeds.id, items.feedId))
    .where(eq(items.id, id));
  const r = rows[0];
  return r ? { ...r.item, feedUrl: r.feedUrl, feedLanguage: r.feedLanguage } : null;
}

/** What ingestion learned about one item. */
export interface IngestedFields {
  pageUrl: string | null;
  canonicalUrl: string | null;
  language: string | null;
  text: string;
  title: string;
  publishedAt: Date | null;
  signature: unknown;
  status: 'ingested' | 'failed';
  ingestError: string | null;
}

/** Store ingestion results on the item. */
export async function saveIngested(db: Db, id: number, fields: IngestedFields, now: Date): Promise<void> {
  await db
    .update(items)
    .set({ ...fields, ingestedAt: now })
    .where(eq(items.id, id));
}

/** Items by id, for rendering and folding. */
export async function getItems(db: Db, ids: number[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(items).where(inArray(items.id, ids));
}
