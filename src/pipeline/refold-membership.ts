// `feedfold stories refold --membership`: re-decide every stored item's story with the current code, as a
// fresh fold in arrival order would: item by item in id order, each meeting only the items stored before it
// (whose stories this run has already re-decided). Story ids stay where a story survives: an item keeps its
// story unless the decision moves it; a story whose last item leaves redirects to where that item went
// (merge); an item that must start a story while older members stay behind splits off into a new story,
// recorded in story_splits. One transaction per item, under the fold's key locks, so workers may run beside it.
import { inTransaction, runStatement, type SendBatch } from '../db/client.ts';
import { findCandidates, insertKeys, lockKeys } from '../db/candidate-keys.ts';
import { itemIdRange, listFoldedItemIds, readFoldInput } from '../db/items.ts';
import { clearProgress, readProgress, saveProgress, type Progress } from '../db/maintenance-progress.ts';
import { signatureCacheFor } from '../db/signature-cache.ts';
import {
  findItemStory,
  hasOlderMember,
  lockStories,
  mergeStories,
  moveMember,
  notifyStories,
  readStoryMembers,
  splitOffMember,
  writeStorySummary,
} from '../db/stories.ts';
import { lookupKeyIds } from '../domain/fingerprint.ts';
import { decideFold, summariseStory } from '../domain/fold.ts';
import { withSignatures, type FoldDeps } from './fold-item.ts';
import { refreshStoryWith } from './refresh-story.ts';

/** The progress marker's task name. */
export const REFOLD_TASK = 'refold-membership';
/** Items read per batch; the run stops between batches when asked to. */
export const REFOLD_BATCH = 200;
/** Most redirect hops followed to a live story. */
const MAX_HOPS = 16;

/** What re-deciding one item did. */
export type ItemRefold = 'kept' | 'moved' | 'split' | 'skipped';

/** Counts of one run. */
export interface RefoldCounts {
  kept: number;
  moved: number;
  split: number;
  skipped: number;
}

/** Re-decide one item's story (one transaction). */
export async function refoldItemMembership(deps: FoldDeps, itemId: number): Promise<ItemRefold> {
  const now = deps.now();
  const cache = signatureCacheFor(deps.db);
  const stored = await runStatement(deps.db, readFoldInput(itemId));
  const sig = stored?.sig;
  if (!stored || !sig) return 'skipped';
  const keys = lookupKeyIds(sig);
  return inTransaction(deps.db, async (send) => {
    const [, current, refs] = await send([lockKeys(keys), findItemStory(itemId), findCandidates(keys, itemId, true)]);
    if (!current) return 'skipped';
    const decision = decideFold({ itemId, sig, publishedAt: stored.publishedAt }, await withSignatures(send, refs, cache));
    const live = await lockLive(send, [current.storyId, ...decision.storyIds]);
    const own = live.get(current.storyId) as number;
    const member = { itemId, method: decision.method, score: decision.score };
    const [target, ...absorbed] = uniqueLive(decision.storyIds, live);
    // Its keys are re-inserted as the current code makes them (a key it already holds is kept).
    if (target === undefined) {
      const [, older] = await send([insertKeys(keys, itemId), hasOlderMember(own, itemId)]);
      if (!older) return finish(send, [own], 'kept', now);
      const [created] = await send([splitOffMember({ ...member, method: 'new', score: 0 }, own, now)]);
      return finish(send, [own, created], 'split', now);
    }
    const [, , , left] = await send([
      insertKeys(keys, itemId),
      absorbed.length ? mergeStories(target, absorbed, now) : null,
      moveMember(member, target),
      readStoryMembers(own),
    ]);
    // Its story lost its last item: it redirects to where the item went.
    if (own !== target && !absorbed.includes(own) && left.length === 0) await send([mergeStories(target, [own], now)]);
    const touched = [target, ...absorbed, ...(own === target || absorbed.includes(own) ? [] : [own])];
    return finish(send, touched, own === target ? 'kept' : 'moved', now);
  });
}

/** Re-summarise the touched stories that are live (each also announced) and commit. */
async function finish(send: SendBatch, storyIds: number[], outcome: ItemRefold, now: Date): Promise<ItemRefold> {
  const ids = [...new Set(storyIds)];
  const [rows] = await send([lockStories(ids)]);
  const redirected = rows.filter((r) => r.mergedInto !== null).map((r) => r.id);
  for (const r of rows) if (r.mergedInto === null) await refreshStoryWith(send, r.id, now);
  if (redirected.length) await send([notifyStories(redirected)]);
  return outcome;
}

/** The decided stories' live ids, oldest first, without repeats. */
function uniqueLive(ids: number[], live: Map<number, number>): number[] {
  return [...new Set(ids.map((id) => live.get(id)).filter((id): id is number => id !== undefined))].sort((a, b) => a - b);
}

/** Lock the stories (id order) and the live stories they were merged into; maps each id to its live story. */
async function lockLive(send: SendBatch, ids: number[]): Promise<Map<number, number>> {
  const parent = new Map<number, number | null>();
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < MAX_HOPS; hop++) {
    const [rows] = await send([lockStories(pending)]);
    for (const r of rows) parent.set(r.id, r.mergedInto);
    pending = rows.map((r) => r.mergedInto).filter((id): id is number => id !== null && !parent.has(id));
  }
  const out = new Map<number, number>();
  for (const id of ids) {
    let at: number | null | undefined = id;
    for (let hop = 0; at != null && parent.get(at) != null && hop < MAX_HOPS; hop++) at = parent.get(at);
    if (at != null && parent.has(at)) out.set(id, at);
  }
  return out;
}

/**
 * Re-decide the membership of every folded item stored since `since` (all when null), in batches, resuming
 * an unfinished run. Stops after the batch in hand when shouldStop() says so; the marker keeps its place.
 */
export async function refoldMembership(
  deps: FoldDeps,
  opts: { since: Date | null; batch?: number; shouldStop: () => boolean; progress: (p: { done: number; position: number; until: number; counts: RefoldCounts }) => void },
): Promise<{ counts: RefoldCounts; interrupted: boolean; resumed: boolean }> {
  const counts: RefoldCounts = { kept: 0, moved: 0, split: 0, skipped: 0 };
  let marker: Progress | null = await runStatement(deps.db, readProgress(REFOLD_TASK));
  const resumed = marker !== null;
  if (!marker) {
    const range = await runStatement(deps.db, itemIdRange(opts.since));
    if (range.first === null || range.last === null) return { counts, interrupted: false, resumed };
    marker = { position: range.first - 1, until: range.last, since: opts.since, startedAt: deps.now() };
    await runStatement(deps.db, saveProgress(REFOLD_TASK, marker, deps.now()));
  }
  let done = 0;
  for (;;) {
    const ids: number[] = await runStatement(deps.db, listFoldedItemIds(marker.position, marker.until, opts.batch ?? REFOLD_BATCH));
    if (ids.length === 0) break;
    for (const id of ids) {
      counts[await refoldItemMembership(deps, id)]++;
      done++;
    }
    marker = { ...marker, position: ids[ids.length - 1] as number };
    await runStatement(deps.db, saveProgress(REFOLD_TASK, marker, deps.now()));
    opts.progress({ done, position: marker.position, until: marker.until, counts });
    if (opts.shouldStop()) return { counts, interrupted: true, resumed };
  }
  await runStatement(deps.db, clearProgress(REFOLD_TASK));
  return { counts, interrupted: false, resumed };
}
