// The candidate index (candidate_keys): each folded item's look-up keys (lookupKeyIds: 32-bit integers) as one
// array, found through a GIN index. Stored with the fold, read by the next folds, forgotten once the item is older
// than the window in which copies still arrive, and rebuilt from the stored signatures after an upgrade.
//
// Two copies of one story share at least one lookup key. A fold locks its keys (ascending, so two folds never
// deadlock) for the rest of its transaction, so copies ingested at the same instant serialise and the second
// one's candidate read sees the first one's keys and membership.
import { sql, type SQL } from 'drizzle-orm';
import { intArray, queryRows, toDate, type Db, type Statement } from './client.ts';
import { parseSignature } from './signatures.ts';
import { lookupKeyIds } from '../domain/fingerprint.ts';
import type { Member } from '../domain/fold.ts';

/** Largest number of candidate items read for one fold. */
const MAX_CANDIDATES = 400;
/** Holders read per lookup key, the most recent first: copies of a story appear within hours of each other. */
const MAX_PER_KEY = 100;

/** Take the transaction-scoped advisory locks of the keys, in ascending order. */
export function lockKeys(keys: readonly number[]): Statement<void> {
  return {
    query: sql`select count(pg_advisory_xact_lock(k)) from (select distinct unnest(${intArray(keys)})::bigint as k order by 1) s`,
    read: () => undefined,
  };
}

/** A candidate before its signature is read. */
export type CandidateRef = Omit<Member, 'sig'>;

/**
 * The items sharing a lookup key with the item (other than itself), with their stories; ids ascending.
 * `olderOnly`: only items stored before it, the ones a fold in arrival order met (a membership refold).
 */
export function findCandidates(keys: readonly number[], itemId: number, olderOnly = false): Statement<CandidateRef[]> {
  const other = olderOnly ? sql`ck.item_id < ${itemId}` : sql`ck.item_id <> ${itemId}`;
  return {
    // Per key, only its MAX_PER_KEY newest holders (a GIN look-up of the key, then the newest of them), so a
    // common key cannot crowd out a rare one; then the distinct items, newest first, and only then their rows,
    // each by its key (LATERAL … LIMIT 1 keeps the planner from hash-joining a whole scan of story_items). One
    // look-up per key, not one `&&` for all: with a common key among them the planner would estimate `&&` as
    // unselective and scan the whole table. `item_id + 0`: ordered by the bare id, the planner walks the primary
    // key backwards filtering every row, which for a rare key (most keys) reads the whole table. A key's holders
    // are all read and the newest kept: the key window bounds how many a key can hold, so no read of a fold
    // grows with the store, but a key common inside the window costs more than under the old btree.
    query: sql`select c.item_id, si.story_id, i.published_at
        from (select distinct h.item_id from unnest(${intArray(keys)}) as q(key)
              cross join lateral (select ck.item_id from candidate_keys ck where ck.keys @> array[q.key] and ${other}
                                  order by ck.item_id + 0 desc limit ${MAX_PER_KEY}) h
              order by h.item_id desc limit ${MAX_CANDIDATES}) c
        cross join lateral (select s.story_id from story_items s where s.item_id = c.item_id limit 1) si
        cross join lateral (select it.published_at from items it where it.id = c.item_id limit 1) i
        order by c.item_id`,
    read: (rows) => rows.map((r) => ({ itemId: Number(r.item_id), storyId: Number(r.story_id), publishedAt: toDate(r.published_at) })),
  };
}

/** Index the item under its keys (a second fold of the same item keeps the first row). */
export function insertKeys(keys: readonly number[], itemId: number): Statement<void> {
  return {
    query: keys.length
      ? sql`insert into candidate_keys (item_id, keys) values (${itemId}, ${intArray(keys)}) on conflict (item_id) do nothing`
      : sql`select 1`,
    read: () => undefined,
  };
}

/**
 * Forget the keys of items stored before `before`, at most `limit` (oldest first); returns how many. The items,
 * their stories and memberships stay: only their finding as a fold candidate ends.
 */
export async function forgetKeysBefore(db: Db, before: Date, limit = 5_000): Promise<number> {
  const rows = await queryRows<{ item_id: string }>(
    db,
    sql`delete from candidate_keys where item_id in (
          select ck.item_id from candidate_keys ck join items i on i.id = ck.item_id
          where i.created_at < ${before.toISOString()}::timestamptz order by ck.item_id limit ${limit})
        returning item_id`,
  );
  return rows.length;
}

/**
 * Rebuild the keys of folded items stored since `since` from their stored signatures, `batch` items per
 * statement, in id order (after an upgrade that changed the keys; idempotent: existing rows are replaced).
 * `progress` hears the count so far. Returns how many items got keys.
 */
export async function rebuildCandidateKeys(db: Db, since: Date | null, batch = 1_000, progress?: (done: number) => void): Promise<number> {
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; signature: unknown }>(
      db,
      sql`select i.id, i.signature from items i join story_items si on si.item_id = i.id
          where i.id > ${after} and i.signature is not null
            ${since ? sql`and i.created_at >= ${since.toISOString()}::timestamptz` : sql``}
          order by i.id limit ${batch}`,
    );
    if (rows.length === 0) return done;
    after = Number(rows[rows.length - 1]!.id);
    const entries = rows.flatMap((r) => {
      const sig = parseSignature(r.signature);
      return sig ? [{ id: Number(r.id), keys: lookupKeyIds(sig) }] : [];
    });
    if (entries.length) {
      await db.execute(sql`insert into candidate_keys (item_id, keys)
        select (e->>'id')::bigint, array(select jsonb_array_elements_text(e->'keys')::int)
        from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) e
        on conflict (item_id) do update set keys = excluded.keys`);
    }
    done += entries.length;
    progress?.(done);
  }
}

/** True when items have been folded but none has candidate keys: an install upgraded past the key change. */
export async function candidateKeysMissing(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ missing: boolean }>(
    db,
    sql`select exists (select 1 from story_items) and not exists (select 1 from candidate_keys) as missing`,
  );
  return row?.missing === true;
}
