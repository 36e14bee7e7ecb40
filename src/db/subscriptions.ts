// An account's subscriptions to shared feeds, each with its own title and folder; and the account's folders.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { feeds, folders, subscriptions } from './schema.ts';

/** One subscription as apps see it. */
export interface Subscription {
  feedId: number;
  url: string;
  /** The account's own title, else the feed's, else its URL. */
  title: string;
  siteUrl: string | null;
  folderId: number | null;
  folder: string | null;
  createdAt: Date;
}

/** An account's folder. */
export interface Folder {
  id: number;
  name: string;
}

/** The folder's id, created when missing. */
export async function ensureFolder(db: Db, accountId: number, name: string): Promise<number> {
  const inserted = await db.insert(folders).values({ accountId, name }).onConflictDoNothing().returning({ id: folders.id });
  if (inserted[0]) return inserted[0].id;
  const rows = await db.select({ id: folders.id }).from(folders).where(and(eq(folders.accountId, accountId), eq(folders.name, name)));
  return rows[0]!.id;
}

/** The account's folders by name. */
export async function listFolders(db: Db, accountId: number): Promise<Folder[]> {
  return db.select({ id: folders.id, name: folders.name }).from(folders).where(eq(folders.accountId, accountId)).orderBy(asc(folders.name));
}

/** Subscribe the account to a feed (idempotent); a given title or folder replaces the old one. Returns whether it was new. */
export async function subscribeAccount(
  db: Db,
  accountId: number,
  feedId: number,
  opts: { title?: string | null; folder?: string | null },
  now: Date,
): Promise<boolean> {
  const folderId = opts.folder ? await ensureFolder(db, accountId, opts.folder) : null;
  const rows = await db
    .insert(subscriptions)
    .values({ accountId, feedId, title: opts.title ?? null, folderId, createdAt: now })
    .onConflictDoUpdate({
      target: [subscriptions.accountId, subscriptions.feedId],
      set: {
        title: opts.title ? opts.title : sql`${subscriptions.title}`,
        folderId: opts.folder ? folderId : sql`${subscriptions.folderId}`,
      },
    })
    .returning({ created: sql<boolean>`xmax = 0` });
  return rows[0]?.created === true;
}

/** Drop the account's subscription to a feed; the feed stays for everyone else. */
export async function unsubscribeAccount(db: Db, accountId: number, feedId: number): Promise<boolean> {
  const rows = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.feedId, feedId)))
    .returning({ feedId: subscriptions.feedId });
  return rows.length > 0;
}

/** Rename a subscription or move it to a folder (null: out of any folder); false when not subscribed. */
export async function editSubscription(
  db: Db,
  accountId: number,
  feedId: number,
  change: { title?: string | null; folder?: string | null },
): Promise<boolean> {
  const set: Partial<typeof subscriptions.$inferInsert> = {};
  if (change.title !== undefined) set.title = change.title || null;
  if (change.folder !== undefined) set.folderId = change.folder ? await ensureFolder(db, accountId, change.folder) : null;
  if (Object.keys(set).length === 0) return (await findSubscription(db, accountId, feedId)) !== null;
  const rows = await db
    .update(subscriptions)
    .set(set)
    .where(and(eq(subscriptions.accountId, accountId), eq(subscriptions.feedId, feedId)))
    .returning({ feedId: subscriptions.feedId });
  return rows.length > 0;
}

/** The account's subscriptions, by title. */
export async function listSubscriptions(db: Db, accountId: number): Promise<Subscription[]> {
  const rows = await db
    .select({
      feedId: feeds.id,
      url: feeds.url,
      ownTitle: subscriptions.title,
      feedTitle: feeds.title,
      siteUrl: feeds.siteUrl,
      folderId: subscriptions.folderId,
      folder: folders.name,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(feeds, eq(feeds.id, subscriptions.feedId))
    .leftJoin(folders, eq(folders.id, subscriptions.folderId))
    .where(eq(subscriptions.accountId, accountId));
  const subs = rows.map((r) => ({
    feedId: r.feedId,
    url: r.url,
    title: r.ownTitle || r.feedTitle || r.url,
    siteUrl: r.siteUrl,
    folderId: r.folderId,
    folder: r.folder,
    createdAt: r.createdAt,
  }));
  return subs.sort((a, b) => a.title.localeCompare(b.title) || a.feedId - b.feedId);
}

/** The account's subscription to one feed, or null. */
export async function findSubscription(db: Db, accountId: number, feedId: number): Promise<Subscription | null> {
  return (await listSubscriptions(db, accountId)).find((s) => s.feedId === feedId) ?? null;
}

/** The feed id of the account's subscription with this feed URL (or feed id), or null. */
export async function findSubscribedFeed(db: Db, accountId: number, ref: { url: string } | { id: number }): Promise<number | null> {
  const rows = await db
    .select({ id: feeds.id })
    .from(subscriptions)
    .innerJoin(feeds, eq(feeds.id, subscriptions.feedId))
    .where(and(eq(subscriptions.accountId, accountId), 'url' in ref ? eq(feeds.url, ref.url) : eq(feeds.id, ref.id)));
  return rows[0]?.id ?? null;
}

/** Rename a folder; into an existing name its subscriptions join that folder. False when there is no such folder. */
export async function renameFolder(db: Db, accountId: number, from: string, to: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const source = await tx.select({ id: folders.id }).from(folders).where(and(eq(folders.accountId, accountId), eq(folders.name, from)));
    if (!source[0]) return false;
    if (from === to) return true;
    const target = await ensureFolder(tx as unknown as Db, accountId, to);
    await tx.update(subscriptions).set({ folderId: target }).where(eq(subscriptions.folderId, source[0].id));
    await tx.delete(folders).where(eq(folders.id, source[0].id));
    return true;
  });
}

/** Delete a folder; its subscriptions stay, outside any folder. */
export async function deleteFolder(db: Db, accountId: number, name: string): Promise<boolean> {
  const rows = await db.delete(folders).where(and(eq(folders.accountId, accountId), eq(folders.name, name))).returning({ id: folders.id });
  return rows.length > 0;
}
