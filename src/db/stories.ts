// Stories: folding an item into its story inside one transaction, safe under concurrent workers.
//
// Two copies of one story share at least one lookup key. Each fold takes transaction-scoped advisory
// locks on the hashes of its keys (sorted, so two folds never deadlock), so two copies ingested at
// the same instant are serialised and the second sees the first's membership. Story rows are then
// locked in id order before they are joined or merged.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { fingerprintKeys, items, stories, storyItems } from './schema.ts';
import { isSignature, lookupKeys, type Signature } from '../domain/fingerprint.ts';
import { chooseCanonical, decideFold, type Member } from '../domain/fold.ts';

/** Largest number of candidate items read for one fold; keys shared by more are too common to help. */
const MAX_CANDIDATES = 400;

/** What folding one item did. */
export interface FoldResult {
  storyId: number;
  created: boolean;
  /** Stories absorbed into storyId by this item (it bridged them). */
  merged: number[];
  method: string;
  alreadyFolded: boolean;
}

/** The item as folding needs it. */
export interface FoldItemInput {
  itemId: number;
  sig: Signature;
  title: string;
  publishedAt: Date | null;
}

/** 64-bit FNV-1a of a string as a signed bigint literal, for pg_advisory_xact_lock. */
export function lockIdOf(key: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(key, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, h).toString();
}

/** Fold one item into its story (joining, starting or merging stories), all in one transaction. */
export async function foldItem(db: Db, input: FoldItemInput, now: Date): Promise<FoldResult> {
  const keys = [...new Set(lookupKeys(input.sig))];
  return db.transaction(async (tx) => {
    const existing = await tx.select().from(storyItems).where(eq(storyItems.itemId, input.itemId));
    if (existing[0]) {
      return { storyId: existing[0].storyId, created: false, merged: [], method: existing[0].method, alreadyFolded: true };
    }
    await lockKeys(tx as unknown as Db, keys);
    const candidates = await loadCandidates(tx as unknown as Db, keys, input.itemId);
    const decision = decideFold({ itemId: String(input.itemId), sig: input.sig, publishedAt: input.publishedAt }, candidates);
    let storyId: number;
    let merged: number[] = [];
    const created = decision.storyIds.length === 0;
    if (created) {
      const row = await tx
        .insert(stories)
        .values({ title: input.title, firstPublishedAt: input.publishedAt, createdAt: now, updatedAt: now })
        .returning({ id: stories.id });
      storyId = (row[0] as { id: number }).id;
    } else {
      const ids = await lockLiveStories(tx as unknown as Db, decision.storyIds.map(Number));
      storyId = ids[0] as number;
      merged = ids.slice(1);
      if (merged.length) await mergeStories(tx as unknown as Db, storyId, merged, now);
    }
    await tx.insert(storyItems).values({ itemId: input.itemId, storyId, method: decision.method, score: decision.score, joinedAt: now });
    if (keys.length) {
      await tx
        .insert(fingerprintKeys)
        .values(keys.map((key) => ({ key, itemId: input.itemId })))
        .onConflictDoNothing();
    }
    await refreshStory(tx as unknown as Db, storyId, now);
    await notifyStories(tx as unknown as Db, [storyId, ...merged]);
    return { storyId, created, merged, method: decision.method, alreadyFolded: false };
  });
}

async function lockKeys(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const ids = [...new Set(keys.map(lockIdOf))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const list = sql.raw(ids.join(','));
  await db.execute(sql`select count(pg_advisory_xact_lock(k)) from (select unnest(array[${list}]::bigint[]) as k order by 1) s`);
}

async function loadCandidates(db: Db, keys: string[], itemId: number): Promise<Member[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectDistinct({ itemId: items.id, storyId: storyItems.storyId, sig: items.signature, publishedAt: items.publishedAt })
    .from(fingerprintKeys)
    .innerJoin(storyItems, eq(storyItems.itemId, fingerprintKeys.itemId))
    .innerJoin(items, eq(items.id, fingerprintKeys.itemId))
    .where(and(inArray(fingerprintKeys.key, keys), ne(fingerprintKeys.itemId, itemId)))
    .orderBy(asc(items.id))
    .limit(MAX_CANDIDATES);
  // A stored signature of another shape (bad data, an old format) is skipped, never allowed to break the fold.
  return rows
    .filter((r) => isSignature(r.sig))
    .map((r) => ({ itemId: String(r.itemId), storyId: String(r.storyId), sig: r.sig as Signature, publishedAt: r.publishedAt }));
}

/** Lock the named stories (id order), follow merges to the live story, and return live ids, oldest first. */
async function lockLiveStories(db: Db, ids: number[]): Promise<number[]> {
  const live = new Set<number>();
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < 16; hop++) {
    const rows = await db
      .select({ id: stories.id, mergedInto: stories.mergedInto })
      .from(stories)
      .where(inArray(stories.id, pending))
      .orderBy(asc(stories.id))
      .for('update');
    pending = [];
    for (const r of rows) {
      if (r.mergedInto == null) live.add(r.id);
      else pending.push(r.mergedInto);
    }
  }
  return [...live].sort((a, b) => a - b);
}

async function mergeStories(db: Db, into: number, from: number[], now: Date): Promise<void> {
  await db.update(storyItems).set({ storyId: into }).where(inArray(storyItems.storyId, from));
  await db.update(stories).set({ mergedInto: into, updatedAt: now, itemCount: 0 }).where(inArray(stories.id, from));
  // Keep redirects one hop long: stories merged earlier into `from` now point at `into`.
  await db.update(stories).set({ mergedInto: into }).where(inArray(stories.mergedInto, from));
}

/** Recompute a story's canonical item, title, counts and languages from its members. */
export async function refreshStory(db: Db, storyId: number, now: Date): Promise<void> {
  const members = await db
    .select({ id: items.id, sig: items.signature, publishedAt: items.publishedAt, title: items.title, language: items.language })
    .from(storyItems)
    .innerJoin(items, eq(items.id, storyItems.itemId))
    .where(eq(storyItems.storyId, storyId));
  if (members.length === 0) {
    // Its items were deleted: the story stays (ids are never reused) but lists nothing.
    await db.update(stories).set({ canonicalItemId: null, itemCount: 0, languages: [], updatedAt: now }).where(eq(stories.id, storyId));
    return;
  }
  const withSig = members.filter((m) => isSignature(m.sig));
  const canonical = withSig.length
    ? chooseCanonical(
        withSig.map((m) => ({ itemId: String(m.id), storyId: String(storyId), sig: m.sig as Signature, publishedAt: m.publishedAt })),
      )
    : { itemId: String(members[0]?.id), reason: 'first member' };
  const canonicalRow = members.find((m) => String(m.id) === canonical.itemId) ?? members[0];
  const times = members.map((m) => m.publishedAt?.getTime()).filter((t): t is number => t !== undefined);
  const languages = [...new Set(members.map((m) => m.language).filter((l): l is string => !!l))].sort();
  await db
    .update(stories)
    .set({
      canonicalItemId: canonicalRow?.id ?? null,
      canonicalReason: canonical.reason,
      title: canonicalRow?.title ?? '(untitled)',
      itemCount: members.length,
      languages,
      firstPublishedAt: times.length ? new Date(Math.min(...times)) : null,
      updatedAt: now,
    })
    .where(eq(stories.id, storyId));
}

async function notifyStories(db: Db, ids: number[]): Promise<void> {
  for (const id of ids) await db.execute(sql`select pg_notify('feedfold_stories', ${String(id)})`);
}
