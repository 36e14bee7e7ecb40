// Stories: folding an item into its story inside one transaction, safe under concurrent workers.
//
// Two copies of one story share at least one lookup key. Each fold takes transaction-scoped advisory
// locks on the hashes of its keys (sorted, so two folds never deadlock), so two copies ingested at
// the same instant are serialised and the second sees the first's membership. Story rows are then
// locked in id order before they are joined or merged.
import { eq, inArray, sql } from 'drizzle-orm';
import { jsonList, pipelinedTransaction, queryRows, timestampParam, toDate, type Db } from './client.ts';
import { stories, storyItems } from './schema.ts';
import { isSignature, lookupKeys, type Signature } from '../domain/fingerprint.ts';
import { chooseCanonical, decideFold, type Member } from '../domain/fold.ts';
import { SignatureCache, signatureCacheFor } from './signature-cache.ts';

/** Largest number of candidate items read for one fold. */
const MAX_CANDIDATES = 400;
/** Holders read per lookup key, the most recent first: copies of a story appear within hours of each other. */
const MAX_PER_KEY = 100;

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
  // In two 32-bit halves (the 64-bit prime is 2^40 + 0x1b3), not BigInt per byte: a fold locks ~40 keys.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of Buffer.from(key, 'utf8')) {
    lo = (lo ^ byte) >>> 0;
    const low = lo * 0x1b3;
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** Work to do in the fold's transaction before it reads anything (ingestion stores what it learned here). */
export type BeforeFold = (tx: Db) => Promise<unknown>;

/**
 * Fold one item into its story (joining, starting or merging stories), all in one transaction.
 * Statements are sent together (postgres.js pipelines them in one write, BEGIN and COMMIT included), so a
 * fold that starts a story costs two round trips (begin + write + lock + read, start + keys + commit) and
 * one that joins a story four, plus one when its candidates include signatures this process has not read yet
 * (see signature-cache.ts). Pipelined statements still run one after another on the server, and
 * each reads its own snapshot: the reads sent after the key locks see every fold that held them before.
 * Statements go out in the order their functions are called: each helper below is an async function that
 * issues its query before its first await (a bare query builder placed in Promise.all would go out later).
 */
export async function foldItem(db: Db, input: FoldItemInput, now: Date, before?: BeforeFold): Promise<FoldResult> {
  const keys = [...new Set(lookupKeys(input.sig))];
  const cache = signatureCacheFor(db);
  const result = await pipelinedTransaction(db, async (tx, commit) => {
    const [, , existing, refs] = await Promise.all([
      before?.(tx),
      lockKeys(tx, keys),
      queryRows<{ story_id: string; method: string }>(tx, sql`select story_id, method from story_items where item_id = ${input.itemId}`),
      findCandidates(tx, keys, input.itemId),
    ]);
    if (existing[0]) {
      return { storyId: Number(existing[0].story_id), created: false, merged: [], method: existing[0].method, alreadyFolded: true };
    }
    // Signatures this process has not seen yet cost one more round trip (in the transaction: the rows are
    // the ones the key locks protect).
    const candidates = await withSignatures(tx, refs, cache);
    const decision = decideFold({ itemId: String(input.itemId), sig: input.sig, publishedAt: input.publishedAt }, candidates);
    const member = { itemId: input.itemId, method: decision.method, score: decision.score };
    if (decision.storyIds.length === 0) {
      const [storyId] = await Promise.all([startStory(tx, member, now), insertKeys(tx, keys, input.itemId), commit()]);
      return { storyId, created: true, merged: [], method: decision.method, alreadyFolded: false };
    }
    const ids = await lockLiveStories(tx, decision.storyIds.map(Number));
    const storyId = ids[0] as number;
    const merged = ids.slice(1);
    // A merge (rare) moves members with query builders, whose send order against raw SQL is not ours to set.
    if (merged.length) await mergeStories(tx, storyId, merged, now);
    const [, , members] = await Promise.all([
      joinStory(tx, member, storyId, now),
      insertKeys(tx, keys, input.itemId),
      loadMembers(tx, storyId),
    ]);
    // The membership read must follow the insert; a pipeline sent out of order would lose the item here.
    if (!members.some((m) => m.id === input.itemId)) throw new Error(`fold of item ${input.itemId}: its membership was not read back`);
    await Promise.all([writeStory(tx, storyId, members, now), notifyStories(tx, [storyId, ...merged]), commit()]);
    return { storyId, created: false, merged, method: decision.method, alreadyFolded: false };
  });
  // Committed: the item's stored signature is input.sig (written by `before`, or read from the row), and a
  // later fold of this process will meet it among its candidates.
  cache.set(input.itemId, input.sig);
  return result;
}

async function joinStory(db: Db, member: { itemId: number; method: string; score: number }, storyId: number, now: Date): Promise<void> {
  await db.execute(sql`insert into story_items (item_id, story_id, method, score, joined_at)
                       values (${member.itemId}, ${storyId}, ${member.method}, ${member.score}, ${timestampParam(now)})`);
}

/**
 * Insert a new story whose only member is the item, summarised from the item's stored row (as writeStory
 * would: its title, language and time; 'only member' once it has a signature), and announce it. Returns its id.
 */
async function startStory(db: Db, member: { itemId: number; method: string; score: number }, now: Date): Promise<number> {
  const rows = await queryRows<{ story_id: string }>(
    db,
    sql`with s as (
          insert into stories (canonical_item_id, canonical_reason, title, item_count, languages, first_published_at, created_at, updated_at)
          select i.id, case when i.signature is null then 'first member' else 'only member' end, i.title, 1,
                 case when i.language is null then '{}'::text[] else array[i.language] end, i.published_at,
                 ${timestampParam(now)}, ${timestampParam(now)}
          from items i where i.id = ${member.itemId}
          returning id),
        m as (
          insert into story_items (item_id, story_id, method, score, joined_at)
          select ${member.itemId}, s.id, ${member.method}, ${member.score}, ${timestampParam(now)} from s
          returning story_id)
        select story_id, pg_notify('feedfold_stories', story_id::text) from m`,
  );
  if (!rows[0]) throw new Error(`item ${member.itemId} does not exist`);
  return Number(rows[0].story_id);
}

async function insertKeys(db: Db, keys: string[], itemId: number): Promise<void> {
  if (keys.length === 0) return;
  await db.execute(sql`insert into fingerprint_keys (key, item_id) select k, ${itemId} from ${jsonList(keys)} as t(k) on conflict do nothing`);
}

async function lockKeys(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const ids = [...new Set(keys.map(lockIdOf))]
    .map((id) => [BigInt(id), id] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, id]) => id);
  await db.execute(sql`select count(pg_advisory_xact_lock(k)) from (select k::bigint as k from ${jsonList(ids)} as t(k) order by 1) s`);
}

/** A candidate before its signature is known. */
interface CandidateRef {
  itemId: number;
  storyId: string;
  publishedAt: Date | null;
}

/** The items sharing a lookup key with the item (other than itself), with their stories (no signatures). */
async function findCandidates(db: Db, keys: string[], itemId: number): Promise<CandidateRef[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<{ item_id: string; story_id: string; published_at: Date | string | null }>(
    db,
    // Per key, only its most recent holders (a backward scan of the key's index range): a key shared by
    // thousands of items costs no more than a rare one, so a fold's cost does not grow with the store.
    // Then the distinct item ids, newest first, and only then their rows. Each row is fetched by its key
    // (LATERAL … LIMIT 1 keeps the planner from it): the key list's size is unknown to the planner, which
    // would otherwise hash-join against a whole scan of story_items, a cost that grows with the store.
    sql`select c.item_id, si.story_id, i.published_at
        from (select distinct h.item_id from ${jsonList(keys)} as q(key)
              cross join lateral (select fk.item_id from fingerprint_keys fk where fk.key = q.key and fk.item_id <> ${itemId}
                                  order by fk.item_id desc limit ${MAX_PER_KEY}) h
              order by h.item_id desc limit ${MAX_CANDIDATES}) c
        cross join lateral (select s.story_id from story_items s where s.item_id = c.item_id limit 1) si
        cross join lateral (select it.published_at from items it where it.id = c.item_id limit 1) i
        order by c.item_id`,
  );
  return rows.map((r) => ({ itemId: Number(r.item_id), storyId: String(r.story_id), publishedAt: toDate(r.published_at) }));
}

/** The candidates with their signatures: from the cache, the others read in one statement and kept. */
async function withSignatures(db: Db, refs: CandidateRef[], cache: SignatureCache): Promise<Member[]> {
  const known = new Map<number, Signature>();
  const missing: number[] = [];
  for (const r of refs) {
    const sig = cache.get(r.itemId);
    if (sig) known.set(r.itemId, sig);
    else missing.push(r.itemId);
  }
  if (missing.length) {
    const rows = await queryRows<{ id: string; signature: unknown }>(
      db,
      sql`select id, signature from items where id = any(array(select k::bigint from ${jsonList(missing)} as t(k)))`,
    );
    // A stored signature of another shape (bad data, an old format) is skipped, never allowed to break the fold.
    for (const r of rows) {
      if (!isSignature(r.signature)) continue;
      known.set(Number(r.id), r.signature);
      cache.set(Number(r.id), r.signature);
    }
  }
  const out: Member[] = [];
  for (const r of refs) {
    const sig = known.get(r.itemId);
    if (sig) out.push({ itemId: String(r.itemId), storyId: r.storyId, sig, publishedAt: r.publishedAt });
  }
  return out;
}

/** The items sharing a lookup key with the item (other than itself), with their stories and signatures. */
export async function loadCandidates(db: Db, keys: string[], itemId: number, cache = new SignatureCache()): Promise<Member[]> {
  return withSignatures(db, await findCandidates(db, keys, itemId), cache);
}

/** Lock the named stories (id order), follow merges to the live story, and return live ids, oldest first. */
async function lockLiveStories(db: Db, ids: number[]): Promise<number[]> {
  const live = new Set<number>();
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < 16; hop++) {
    const rows = await queryRows<{ id: string; merged_into: string | null }>(
      db,
      // = any(array(…)): an index look-up, where `in (subquery)` may scan every story (see loadCandidates).
      sql`select id, merged_into from stories where id = any(array(select k::bigint from ${jsonList(pending)} as t(k))) order by id for update`,
    );
    pending = [];
    for (const r of rows) {
      if (r.merged_into == null) live.add(Number(r.id));
      else pending.push(Number(r.merged_into));
    }
  }
  return [...live].sort((a, b) => a - b);
}

async function mergeStories(db: Db, into: number, from: number[], now: Date): Promise<void> {
  // Sent together, run in this order: members move, the absorbed stories redirect, and stories merged
  // earlier into `from` now point at `into` (redirects stay one hop long).
  await Promise.all([
    db.update(storyItems).set({ storyId: into }).where(inArray(storyItems.storyId, from)),
    db.update(stories).set({ mergedInto: into, updatedAt: now, itemCount: 0 }).where(inArray(stories.id, from)),
    db.update(stories).set({ mergedInto: into }).where(inArray(stories.mergedInto, from)),
  ]);
}

/** One member of a story as the story's summary needs it. */
interface StoryMember {
  id: number;
  sig: unknown;
  publishedAt: Date | null;
  title: string;
  language: string | null;
}

async function loadMembers(db: Db, storyId: number): Promise<StoryMember[]> {
  const rows = await queryRows<{ id: string; signature: unknown; published_at: Date | string | null; title: string; language: string | null }>(
    db,
    sql`select i.id, i.signature, i.published_at, i.title, i.language from story_items si join items i on i.id = si.item_id
        where si.story_id = ${storyId}`,
  );
  return rows.map((r) => ({ id: Number(r.id), sig: r.signature, publishedAt: toDate(r.published_at), title: r.title, language: r.language }));
}

/** Recompute a story's canonical item, title, counts and languages from its members. */
export async function refreshStory(db: Db, storyId: number, now: Date): Promise<void> {
  await writeStory(db, storyId, await loadMembers(db, storyId), now);
}

async function writeStory(db: Db, storyId: number, members: StoryMember[], now: Date): Promise<void> {
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
  await db.execute(sql`
    update stories set canonical_item_id = ${canonicalRow?.id ?? null}, canonical_reason = ${canonical.reason},
      title = ${canonicalRow?.title ?? '(untitled)'}, item_count = ${members.length}, languages = array${jsonList(languages)},
      first_published_at = ${timestampParam(times.length ? new Date(Math.min(...times)) : null)}, updated_at = ${timestampParam(now)}
    where id = ${storyId}`);
}

async function notifyStories(db: Db, ids: number[]): Promise<void> {
  await db.execute(sql`select pg_notify('feedfold_stories', id) from ${jsonList(ids)} as t(id)`);
}
