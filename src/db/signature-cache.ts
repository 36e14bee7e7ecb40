// Parsed signatures of stored items, kept per database handle in a worker process.
//
// A fold compares its item with up to 400 candidates. Reading each candidate's signature (about 1 kB of JSON)
// cost more than the rest of the fold: on a 31,000-item store, 221 candidates per fold on average took 8-10 ms
// of client CPU to receive and parse, against 1.3 ms for their ids alone (bench/RESULTS.md). Candidates are
// the newest holders of the item's keys, so the same recent items come back fold after fold: a fold reads
// ids first and fetches only the signatures this process has not seen.
//
// A signature never changes once stored: ingestion writes it only for an item that has none (in the fold's
// transaction), and retention clears bodies, not signatures. So an entry is never stale; an item deleted
// since is simply no longer among the candidates the database returns.
import { LRUCache } from 'lru-cache';
import type { Signature } from '../domain/fingerprint.ts';
import { settingDefaults } from '../config.ts';
import type { Db } from './client.ts';

/** Signatures kept per handle unless the process sets its own (FEEDFOLD_SIGNATURE_CACHE_ITEMS): about 1.8 kB each parsed (bench/packed-signatures.ts). */
export const SIGNATURE_CACHE_SIZE = settingDefaults.FEEDFOLD_SIGNATURE_CACHE_ITEMS;

/** A bounded map of item id → signature, least recently used dropped first (lru-cache). */
export type SignatureCache = LRUCache<number, Signature>;

/** An empty cache holding at most `capacity` signatures. */
export function createSignatureCache(capacity: number = SIGNATURE_CACHE_SIZE): SignatureCache {
  return new LRUCache<number, Signature>({ max: capacity });
}

const caches = new WeakMap<Db, SignatureCache>();

/** Give a database handle a cache of `capacity` signatures (a process does so once, from its settings, before it folds). */
export function useSignatureCache(db: Db, capacity: number): SignatureCache {
  const cache = createSignatureCache(capacity);
  caches.set(db, cache);
  return cache;
}

/** Candidate look-ups a cache answered (hits) and sent to the database (misses) since they were last taken. */
export interface SignatureCacheCounts {
  hits: number;
  misses: number;
}

const counts = new WeakMap<SignatureCache, SignatureCacheCounts>();

/** Count one fold's candidate look-ups: `hits` found in the cache, `misses` read from the database. */
export function countLookups(cache: SignatureCache, hits: number, misses: number): void {
  const c = counts.get(cache);
  if (c) {
    c.hits += hits;
    c.misses += misses;
  } else counts.set(cache, { hits, misses });
}

/** The look-ups counted since the last call, the counters then reset (an operator sizes the cache by its hit rate). */
export function takeLookupCounts(cache: SignatureCache): SignatureCacheCounts {
  const c = counts.get(cache) ?? { hits: 0, misses: 0 };
  counts.delete(cache);
  return c;
}

/** The cache of one database handle (each handle is one database: ids of two databases never mix). */
export function signatureCacheFor(db: Db): SignatureCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createSignatureCache()));
  return cache;
}
