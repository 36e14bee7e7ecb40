// Items: idempotent inserts from polls, and what ingestion learned about each.
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { prepared, queryRows, timestampParam, toDate, type Db, type Statement } from './client.ts';
import { feeds, items } from './schema.ts';
import type { NormalisedItem } from '../model.ts';
import type { Signature } from '../domain/fingerprint.ts';
import { packSignature, parseSignature } from './signatures.ts';

export type ItemRow = typeof items.$inferSelect;

/** Insert the entries a poll found; existing (feed, key) pairs are left alone. Returns the ids of new rows. */
export async function insertItems(db: Db, feedId: number, entries: NormalisedItem[]): Promise<number[]> {
  return (await storePolledItems(db, feedId, entries)).newIds;
}

/**
 * insertItems for a poll: when PostgreSQL refuses the batch for a value in it (a data exception or a program
 * limit), the entries are inserted one at a time: each refused one is skipped and counted in `refused`, its
 * feed's others are stored. (Items a crash left waiting are the stranded-item sweep's: pipeline/schedule-polls.ts.)
 */
export async function storePolledItems(db: Db, feedId: number, entries: NormalisedItem[]): Promise<{ newIds: number[]; refused: number }> {
  try {
    return { newIds: await insertPolledItems(db, feedId, entries), refused: 0 };
  } catch (err) {
    if (!isValueRefused(err) || entries.length === 0) throw err;
  }
  const newIds: number[] = [];
  let refused = 0;
  for (const entry of entries) {
    try {
      newIds.push(...(await insertPolledItems(db, feedId, [entry])));
    } catch (err) {
      if (!isValueRefused(err)) throw err;
      refused++;
    }
  }
  return { newIds, refused };
}

/** A statement refused for a value it carries (SQLSTATE class 22 data exception, 54 program limit), not for our infrastructure. */
export function isValueRefused(err: unknown): boolean {
  for (let cur: unknown = err; cur instanceof Error; cur = cur.cause) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^(22|54)/.test(code)) return true;
  }
  return false;
}

async function insertPolledItems(db: Db, feedId: number, entries: NormalisedItem[]): Promise<number[]> {
  if (entries.length === 0) return [];
  // The entries travel as one JSON parameter: one statement text whatever their number (a feed lists 1–100).
  const rows = entries.map((e) => ({
    item_key: e.itemKey,
    url: e.url,
    canonical_url: e.canonicalUrl,
    title: e.title,
    summary: e.summary,
    content: e.content,
    author: e.author,
    published_at: e.publishedAt?.toISOString() ?? null,
  }));
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`insert into items (feed_id, item_key, url, canonical_url, title, summary, content, author, published_at)
        select ${feedId}, e.item_key, e.url, e.canonical_url, e.title, e.summary, e.content, e.author, e.published_at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as e(item_key text, url text, canonical_url text, title text, summary text, content text, author text, published_at timestamptz)
        on conflict (feed_id, (md5(item_key)::uuid)) do nothing
        returning id`,
  );
  return inserted.map((r) => Number(r.id));
}

/** Ids of items (of one feed, or all) created before `createdBefore` that still wait for ingestion (a crash between insert and enqueue leaves some). */
export async function findPendingItemIds(db: Db, opts: { createdBefore: Date; limit: number; feedId?: number }): Promise<number[]> {
  // Placeholders skip the column's encoder: the time goes as ISO text, which both drivers send as is.
  const params = { createdBefore: opts.createdBefore.toISOString(), limit: opts.limit, feedId: opts.feedId ?? 0 };
  const name = `pending_items_${opts.feedId !== undefined ? 'of_feed' : 'all'}`;
  const query = prepared(db, name, (d) =>
    d
      .select({ id: items.id })
      .from(items)
      .where(
        and(
          eq(items.status, 'new'),
          lt(items.createdAt, sql.placeholder('createdBefore')),
          opts.feedId !== undefined ? eq(items.feedId, sql.placeholder('feedId')) : undefined,
        ),
      )
      .orderBy(asc(items.id))
      .limit(sql.placeholder('limit'))
      .prepare(name),
  );
  const rows = await query.execute(params);
  return rows.map((r) => r.id);
}

/** An item with its feed's URL and language and its signature parsed, as ingestion needs it. */
export type ItemForIngest = Omit<ItemRow, 'signature'> & { signature: Signature | null; feedUrl: string; feedLanguage: string | null };

/** An item with its feed's URL and language, as ingestion needs it. */
export async function getItemForIngest(db: Db, id: number): Promise<ItemForIngest | null> {
  const query = prepared(db, 'item_for_ingest', (d) =>
    d
      .select({ item: items, feedUrl: feeds.url, feedLanguage: feeds.language })
      .from(items)
      .innerJoin(feeds, eq(feeds.id, items.feedId))
      .where(eq(items.id, sql.placeholder('id')))
      .prepare('item_for_ingest'),
  );
  const r = (await query.execute({ id }))[0];
  return r ? { ...r.item, signature: parseSignature(r.item.signature), feedUrl: r.feedUrl, feedLanguage: r.feedLanguage } : null;
}

/** What ingestion learned about one item. */
export interface IngestedFields {
  pageUrl: string | null;
  canonicalUrl: string | null;
  language: string | null;
  text: string;
  title: string;
  publishedAt: Date | null;
  signature: Signature;
  status: 'ingested' | 'failed';
  ingestError: string | null;
}

/**
 * Store ingestion results on the item (run in the fold's transaction: see pipeline/fold-item.ts). An item with
 * text drops its feed's content and summary: every reader takes the text first (reader apps, story pages), and
 * the feed's HTML was only needed to choose it; they were a third of an item's bytes.
 */
export function saveIngested(id: number, fields: IngestedFields, now: Date): Statement<void> {
  const keepFeedBody = fields.text === '';
  return {
    query: sql`
    update items set page_url = ${fields.pageUrl}, canonical_url = ${fields.canonicalUrl}, language = ${fields.language},
      content = case when ${keepFeedBody}::boolean then content end, summary = case when ${keepFeedBody}::boolean then summary end,
      text = ${fields.text}, title = ${fields.title}, published_at = ${timestampParam(fields.publishedAt)},
      signature = ${packSignature(fields.signature)}::bytea, status = ${fields.status}, ingest_error = ${fields.ingestError},
      ingested_at = ${timestampParam(now)}
    where id = ${id}`,
    read: () => undefined,
  };
}

/** Give up an item still waiting for ingestion: failed with `reason`, never queued again (folding it is the caller's). */
export async function markIngestFailed(db: Db, id: number, reason: string, now: Date): Promise<void> {
  await db
    .update(items)
    .set({ status: 'failed', ingestError: reason, ingestedAt: now })
    .where(and(eq(items.id, id), eq(items.status, 'new')));
}

/** Items by id, for rendering and folding. */
export async function getItems(db: Db, ids: number[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(items).where(inArray(items.id, ids));
}

/** Ids of folded items after `after` up to `until` (inclusive), ascending. */
export function listFoldedItemIds(after: number, until: number, limit: number): Statement<number[]> {
  return {
    query: sql`select item_id from story_items where item_id > ${after} and item_id <= ${until} order by item_id limit ${limit}`,
    read: (rows) => rows.map((r) => Number(r.item_id)),
  };
}

/** The first and last item ids stored at or after `since` (all items when null); nulls when there are none. */
export function itemIdRange(since: Date | null): Statement<{ first: number | null; last: number | null }> {
  return {
    query: sql`select min(id) as first, max(id) as last from items where ${since === null} or created_at >= ${timestampParam(since)}`,
    read: (rows) => ({
      first: rows[0]?.first == null ? null : Number(rows[0].first),
      last: rows[0]?.last == null ? null : Number(rows[0].last),
    }),
  };
}

/** An item's signature (parsed; null when unreadable) and publication time. */
export function readFoldInput(itemId: number): Statement<{ sig: Signature | null; publishedAt: Date | null } | null> {
  return {
    query: sql`select signature, published_at from items where id = ${itemId}`,
    read: (rows) => (rows[0] ? { sig: parseSignature(rows[0].signature), publishedAt: toDate(rows[0].published_at) } : null),
  };
}
