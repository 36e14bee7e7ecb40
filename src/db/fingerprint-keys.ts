// The candidate index: advisory locks on an item's lookup keys, the items holding them, and the item's own keys.
//
// Two copies of one story share at least one lookup key. A fold locks the hashes of its keys (sorted, so two
// folds never deadlock) for the rest of its transaction, so copies ingested at the same instant serialise and
// the second one's candidate read sees the first one's keys and membership.
import { sql } from 'drizzle-orm';
import { jsonList, toDate, type Statement } from './client.ts';
import type { Member } from '../domain/fold.ts';

/** Largest number of candidate items read for one fold. */
const MAX_CANDIDATES = 400;
/** Holders read per lookup key, the most recent first: copies of a story appear within hours of each other. */
const MAX_PER_KEY = 100;

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

/** Take the transaction-scoped advisory locks of the keys, in ascending lock-id order. */
export function lockKeys(keys: readonly string[]): Statement<void> {
  const ids = [...new Set(keys.map(lockIdOf))]
    .map((id) => [BigInt(id), id] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([, id]) => id);
  return {
    query: sql`select count(pg_advisory_xact_lock(k)) from (select k::bigint as k from ${jsonList(ids)} as t(k) order by 1) s`,
    read: () => undefined,
  };
}

/** A candidate before its signature is read. */
export type CandidateRef = Omit<Member, 'sig'>;

/** The items sharing a lookup key with the item (other than itself), with their stories; ids ascending. */
export function findCandidates(keys: readonly string[], itemId: number): Statement<CandidateRef[]> {
  return {
    // Per key, only its most recent holders (a backward scan of the key's index range): a key shared by
    // thousands of items costs no more than a rare one, so a fold's cost does not grow with the store.
    // Then the distinct item ids, newest first, and only then their rows. Each row is fetched by its key
    // (LATERAL … LIMIT 1 keeps the planner from it): the key list's size is unknown to the planner, which
    // would otherwise hash-join against a whole scan of story_items, a cost that grows with the store.
    query: sql`select c.item_id, si.story_id, i.published_at
        from (select distinct h.item_id from ${jsonList(keys)} as q(key)
              cross join lateral (select fk.item_id from fingerprint_keys fk where fk.key = q.key and fk.item_id <> ${itemId}
                                  order by fk.item_id desc limit ${MAX_PER_KEY}) h
              order by h.item_id desc limit ${MAX_CANDIDATES}) c
        cross join lateral (select s.story_id from story_items s where s.item_id = c.item_id limit 1) si
        cross join lateral (select it.published_at from items it where it.id = c.item_id limit 1) i
        order by c.item_id`,
    read: (rows) => rows.map((r) => ({ itemId: Number(r.item_id), storyId: Number(r.story_id), publishedAt: toDate(r.published_at) })),
  };
}

/** Index the item under its keys (a key it already holds is kept). */
export function insertKeys(keys: readonly string[], itemId: number): Statement<void> {
  return {
    query: sql`insert into fingerprint_keys (key, item_id) select k, ${itemId} from ${jsonList(keys)} as t(k) on conflict do nothing`,
    read: () => undefined,
  };
}
