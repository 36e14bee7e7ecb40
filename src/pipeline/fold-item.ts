// Folding one item into its story: keys → locks → candidates → decide → write → canonical choice, in one
// transaction that is safe under concurrent workers.
//
// Each step sends an ordered list of statements as one batch (src/db/client.ts inTransaction): on PostgreSQL a
// fold that starts a story costs two round trips (BEGIN + save + locks + reads; start + keys + COMMIT), one
// that joins a story three (the stories' locks with their members; join + keys + summary + COMMIT), and one
// more when its candidates include signatures this process has not read (see signature-cache.ts). Statements of
// a batch run in the list's order, so the reads sent after the key locks see every fold that held those locks
// before this one committed.
import { inTransaction, type Db, type SendBatch, type Statement } from '../db/client.ts';
import { findCandidates, insertKeys, lockKeys, type CandidateRef } from '../db/candidate-keys.ts';
import { countLookups, signatureCacheFor, type SignatureCache } from '../db/signature-cache.ts';
import { readSignatures } from '../db/signatures.ts';
import {
  findItemStory,
  joinStory,
  lockStories,
  mergeStories,
  notifyStories,
  readJoiningMembers,
  startStory,
  writeStorySummary,
} from '../db/stories.ts';
import { lookupKeyIds, type Signature } from '../domain/fingerprint.ts';
import { decideFold, summariseStory, type Member, type StoryMember } from '../domain/fold.ts';

/** Most redirect hops followed from a candidate's story to the live story it was merged into. */
const MAX_MERGE_HOPS = 16;

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
  publishedAt: Date | null;
}

/** What folding reads and writes through. */
export interface FoldDeps {
  db: Db;
  now: () => Date;
}

/**
 * Fold one item into its story (joining, starting or merging stories), all in one transaction. `save`, when
 * given, runs first in that transaction (ingestion stores what it learned about the item there), so an item
 * is either stored and folded, or neither.
 */
export async function foldItem(deps: FoldDeps, input: FoldItemInput, save?: Statement<void>): Promise<FoldResult> {
  const now = deps.now();
  const keys = lookupKeyIds(input.sig);
  const cache = signatureCacheFor(deps.db);
  const result = await inTransaction(deps.db, async (send): Promise<FoldResult> => {
    const [, , folded, refs] = await send([save ?? null, lockKeys(keys), findItemStory(input.itemId), findCandidates(keys, input.itemId)]);
    if (folded) return { storyId: folded.storyId, created: false, merged: [], method: folded.method, alreadyFolded: true };
    const candidates = await withSignatures(send, refs, cache);
    const decision = decideFold(input, candidates);
    const member = { itemId: input.itemId, method: decision.method, score: decision.score };
    // The stories it joins, locked, with their members; none left when their last items were removed since the
    // candidates were read.
    const known = new Map(candidates.map((c) => [c.itemId, c.sig]));
    known.set(input.itemId, input.sig);
    const { live, members } = decision.storyIds.length ? await lockLiveStories(send, decision.storyIds, input.itemId, known) : { live: [], members: [] };
    const [storyId, ...merged] = live;
    if (storyId === undefined) {
      const first = { itemId: input.itemId, method: 'new', score: 0 };
      const [created] = await send([startStory(first, now), insertKeys(keys, input.itemId)], { commit: true });
      return { storyId: created, created: true, merged: [], method: first.method, alreadyFolded: false };
    }
    // Its summary from the members read under the locks and the item itself: no fold can join them before this commits.
    const summary = summariseStory(members);
    if (!summary || !members.some((m) => m.itemId === input.itemId)) throw new Error(`fold of item ${input.itemId}: the item was not read`);
    await send(
      [
        merged.length ? mergeStories(storyId, merged, now) : null,
        joinStory(member, storyId, now),
        insertKeys(keys, input.itemId),
        writeStorySummary(storyId, summary, now),
        notifyStories([storyId, ...merged]),
      ],
      { commit: true },
    );
    return { storyId, created: false, merged, method: decision.method, alreadyFolded: false };
  });
  // Committed: the item's stored signature is input.sig (written by `save`, or read from the row), and a
  // later fold of this process will meet it among its candidates.
  cache.set(input.itemId, input.sig);
  return result;
}

/** The candidates with their signatures: from the cache, the others read in one batch (in the transaction: the rows the key locks protect). */
export async function withSignatures(send: SendBatch, refs: CandidateRef[], cache: SignatureCache): Promise<Member[]> {
  const missing = refs.filter((r) => !cache.get(r.itemId)).map((r) => r.itemId);
  countLookups(cache, refs.length - missing.length, missing.length);
  if (missing.length) {
    const [read] = await send([readSignatures(missing)]);
    for (const [id, sig] of read) cache.set(id, sig);
  }
  // A candidate whose stored signature is unreadable is skipped, never allowed to break the fold.
  return refs.flatMap((r) => {
    const sig = cache.get(r.itemId);
    return sig ? [{ ...r, sig }] : [];
  });
}

/**
 * Lock the named stories (id order), follow merges to the live stories, and return their ids, oldest first, with
 * their members and the joining item (read in the locks' batch, so none can join or leave them before this commits).
 */
async function lockLiveStories(
  send: SendBatch,
  ids: number[],
  itemId: number,
  known: ReadonlyMap<number, Signature>,
): Promise<{ live: number[]; members: StoryMember[] }> {
  const live = new Map<number, StoryMember[]>();
  let item: StoryMember | null = null;
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < MAX_MERGE_HOPS; hop++) {
    const [rows, read] = await send([lockStories(pending), readJoiningMembers(pending, itemId, known)]);
    item = read.item;
    pending = [];
    for (const r of rows) {
      if (r.mergedInto === null) live.set(r.id, read.byStory.get(r.id) ?? []);
      else pending.push(r.mergedInto);
    }
  }
  const order = [...live.keys()].sort((a, b) => a - b);
  const into = order[0] ?? 0;
  const members = [...order.flatMap((id) => live.get(id) ?? []), ...(item ? [item] : [])].map((m) => ({ ...m, storyId: into }));
  return { live: order, members: members.sort((a, b) => a.itemId - b.itemId) };
}
