// Which existing stories a new item joins, from the candidates the look-up keys found.

import type { Signature } from '../fingerprint.ts';
import { comparePrepared, isBridgingMethod, METHOD_RANK, type FoldMethod, type PairMatch } from './compare.ts';
import { prepareSignature } from './prepared.ts';

/** An item already placed in a story: the one member type of folding (ids as the database numbers them). */
export interface Member {
  itemId: number;
  storyId: number;
  sig: Signature;
  publishedAt: Date | null;
}

/** The stories a new item joins and why. */
export interface FoldDecision {
  /** Stories the item belongs to, best first; [] = start a new story; >1 = the item bridges stories (merge into the first). */
  storyIds: number[];
  method: FoldMethod | 'new';
  /** Method-specific: Hamming distance, containment ratio, title or anchor overlap, 1 for URL/attribution. */
  score: number;
}

interface StoryMatch extends PairMatch {
  storyId: number;
  earliest: number;
}

function better(x: PairMatch, y: PairMatch): boolean {
  const r = METHOD_RANK[x.method] - METHOD_RANK[y.method];
  if (r !== 0) return r < 0;
  // Lower distance is better for 'near' and 'exact'; higher overlap/ratio for the others.
  return x.method === 'near' || x.method === 'exact' ? x.score < y.score : x.score > y.score;
}

/** Publication time in ms, unknown times last. */
export function timeOf(d: Date | null): number {
  return d ? d.getTime() : Number.POSITIVE_INFINITY;
}

/** Decide which existing stories the new item joins, from the candidates (items sharing a lookup key). */
export function decideFold(
  item: { itemId: number; sig: Signature; publishedAt: Date | null },
  candidates: Member[],
): FoldDecision {
  const byStory = new Map<number, StoryMatch>();
  const sig = prepareSignature(item.sig);
  for (const m of candidates) {
    if (m.itemId === item.itemId) continue;
    const match = comparePrepared(sig, item.publishedAt, m.sig, m.publishedAt);
    if (!match) continue;
    const prev = byStory.get(m.storyId);
    const earliest = Math.min(prev?.earliest ?? Number.POSITIVE_INFINITY, timeOf(m.publishedAt));
    if (!prev || better(match, prev)) byStory.set(m.storyId, { ...match, storyId: m.storyId, earliest });
    else prev.earliest = earliest;
  }
  const ranked = [...byStory.values()].sort((x, y) =>
    better(x, y) ? -1 : better(y, x) ? 1 : x.earliest - y.earliest || x.storyId - y.storyId);
  const best = ranked[0];
  if (!best) return { storyIds: [], method: 'new', score: 0 };
  // Only strong evidence may merge stories; a weak match (title, translation) joins the best story alone. But an item
  // that joins a story of its own language strongly also links that story to the best story it translates: else the
  // result would hang on arrival order (had the translation arrived before its same-language copies, they would all
  // have joined the original's story). One translated story at most, so one item never joins two others by
  // translation alone.
  const translated = ranked.find((r) => r.method === 'translation');
  const bridged = isBridgingMethod(best.method)
    ? [...ranked.filter((r) => isBridgingMethod(r.method)), ...(translated ? [translated] : [])]
    : [best];
  const oldestFirst = [best, ...bridged.filter((r) => r !== best).sort((x, y) => x.earliest - y.earliest)];
  return { storyIds: oldestFirst.map((r) => r.storyId), method: best.method, score: best.score };
}

