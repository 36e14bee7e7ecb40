// The dev web's two halves: its stories split by a stable hash of the story id, so cross-language settings are
// chosen on one half (A, "tuning") and checked on the other (B, "held back"), and both are reported.
import crypto from 'node:crypto';

/** Which half a story belongs to: the first byte of SHA-256 of its id, even → A, odd → B. */
export function storyHalf(storyId: string): 'A' | 'B' {
  return (crypto.createHash('sha256').update(storyId).digest()[0] as number) % 2 === 0 ? 'A' : 'B';
}

interface HalfLabels {
  items: { id: string; story: string }[];
  stories: { id: string }[];
  negatives: { stories: string[] }[];
  events?: { stories: string[] }[];
}

/** The labels restricted to one half: its stories, their items, and the negatives and events inside it. */
export function labelsOfHalf<L extends HalfLabels>(labels: L, half: 'A' | 'B'): L {
  const inHalf = (s: string): boolean => storyHalf(s) === half;
  return {
    ...labels,
    items: labels.items.filter((it) => inHalf(it.story)),
    stories: labels.stories.filter((s) => inHalf(s.id)),
    negatives: labels.negatives.filter((n) => n.stories.every(inHalf)),
    events: (labels.events ?? []).map((e) => ({ ...e, stories: e.stories.filter(inHalf) })).filter((e) => e.stories.length > 1),
  };
}

/** Pair counts as the score tool reports them. */
export interface PairCounts { p: number; r: number; tp: number; predPairs: number; goldPairs: number }

/** Same-language pair scores: all pairs minus the cross-language ones. */
export function sameLanguageScores(s: { pairwise: PairCounts; crossLanguage: PairCounts }): { p: number; r: number; f1: number } {
  const tp = s.pairwise.tp - s.crossLanguage.tp;
  const pred = s.pairwise.predPairs - s.crossLanguage.predPairs;
  const gold = s.pairwise.goldPairs - s.crossLanguage.goldPairs;
  const p = pred ? tp / pred : 1;
  const r = gold ? tp / gold : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}
