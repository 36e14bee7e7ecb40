// Pairwise comparison of two signatures: the strongest reason, if any, that they are one story.

import type { Signature } from '../fingerprint.ts';
import { foldSettings } from '../fingerprint/settings.ts';
import { anchorWeight } from '../fingerprint/anchors.ts';
import { skeletonSoundKey } from '../fingerprint/anchor-han.ts';
import { hammingDistance } from '../fingerprint/simhash.ts';

/** How two items were found to be one story. */
export type FoldMethod = 'exact' | 'near' | 'containment' | 'attribution' | 'url' | 'title' | 'translation';

/** A reason two items are one story, with its method-specific score. */
export interface PairMatch {
  method: FoldMethod;
  score: number;
}

/** Strength of each method, strongest first: used to rank matches and to let strong ones bridge stories. */
export const METHOD_RANK: Record<FoldMethod, number> = {
  url: 0, attribution: 1, exact: 2, near: 3, containment: 4, translation: 5, title: 6,
};

/** Methods strong enough that one item matching two stories merges them. */
export function isBridgingMethod(m: FoldMethod): boolean {
  return METHOD_RANK[m] <= METHOD_RANK.containment;
}

function shared(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  let n = 0;
  for (const x of new Set(a)) if (set.has(x)) n++;
  return n;
}

/** Overlap coefficient of the two title word sets, 0 when the shorter has too few words to tell. */
export function titleOverlap(a: Signature, b: Signature): number {
  const wa = a.tw ? a.tw.split(' ') : [];
  const wb = b.tw ? b.tw.split(' ') : [];
  const min = Math.min(wa.length, wb.length);
  if (min < foldSettings.minTitleWords) return 0;
  return shared(wa, wb) / min;
}

/** Shared sentences and their share of the smaller sentence set. */
export function sentenceContainment(a: Signature, b: Signature): { shared: number; ratio: number } {
  const s = shared(a.ss, b.ss);
  const min = Math.min(a.ss.length, b.ss.length);
  return { shared: s, ratio: min ? s / min : 0 };
}

function hoursApart(a: Date | null, b: Date | null): number {
  if (!a || !b) return 0;
  return Math.abs(a.getTime() - b.getTime()) / 3600e3;
}

function urlMatch(a: Signature, b: Signature): boolean {
  if (a.u && (a.u === b.u || a.u === b.c)) return true;
  return !!a.c && (a.c === b.u || a.c === b.c);
}

function attributionMatch(a: Signature, b: Signature): boolean {
  const linked = (!!b.u && a.l.includes(b.u)) || (!!a.u && b.l.includes(a.u));
  if (!linked) return false;
  // A link alone may cite a related story (a "Related" list kept in the body); ask for any sign the
  // two tell the same story: shared names or numbers, shared text, or overlapping titles.
  if (a.n < foldSettings.minBodyTokens || b.n < foldSettings.minBodyTokens) {
    return shared(a.a, b.a) >= 1 || titleOverlap(a, b) >= 0.3;
  }
  return shared(a.a, b.a) >= 2 || shared(a.ss, b.ss) >= 1 || titleOverlap(a, b) >= 0.5;
}

function textMatch(a: Signature, b: Signature): PairMatch | null {
  // A text this short is as likely a page's leftover chrome (a cookie notice, a newsletter box) as a
  // story: equal short texts prove nothing, so such items fold on their titles instead.
  if (Math.min(a.n, b.n) < foldSettings.minBodyTokens) return null;
  if (a.th && a.th === b.th) return { method: 'exact', score: 0 };
  if (a.sh && b.sh) {
    const d = hammingDistance(a.sh, b.sh);
    if (d <= foldSettings.nearDistance) return { method: 'near', score: d };
  }
  const c = sentenceContainment(a, b);
  if (c.shared >= foldSettings.minSharedShingles && c.ratio >= foldSettings.minContainment) {
    return { method: 'containment', score: c.ratio };
  }
  return null;
}

const isName = (anchor: string): boolean => /^[a-z]/.test(anchor);

/** Chinese-rendered names ("~" sound keys) of `han` that meet a name of `other` reduced to the same sound key
 * (克雷菲尔德 and Krefeld); each of other's names meets one at most. */
export function hanNameMatches(han: readonly string[], other: readonly string[]): string[] {
  const keys = new Map<string, number>();
  for (const x of other) if (isName(x)) { const k = `~${skeletonSoundKey(x)}`; keys.set(k, (keys.get(k) ?? 0) + 1); }
  const out: string[] = [];
  for (const x of new Set(han)) {
    const left = keys.get(x) ?? 0;
    if (x.startsWith('~') && left > 0) { keys.set(x, left - 1); out.push(x); }
  }
  return out;
}

/** Weighted anchors shared by two signatures, and their share of the smaller weighted set. */
export function anchorAgreement(a: Signature, b: Signature): { shared: number; overlap: number } {
  const inB = new Set(b.a);
  const weigh = (xs: string[]): number => xs.reduce((t, x) => t + anchorWeight(x), 0);
  const s = weigh(a.a.filter((x) => inB.has(x) && !x.startsWith('~'))) + weigh(hanNameMatches(a.a, b.a)) + weigh(hanNameMatches(b.a, a.a));
  const min = Math.min(weigh(a.a), weigh(b.a));
  return { shared: s, overlap: min ? s / min : 0 };
}

function translationMatch(a: Signature, b: Signature, hours: number): PairMatch | null {
  // Only items known to be in different languages can be translations of each other, and a title
  // alone (its language guessed from a few words) is too little to tell.
  if (!a.lang || !b.lang || a.lang === b.lang) return null;
  if (Math.min(a.n, b.n) < foldSettings.minTranslationTokens) return null;
  const { shared: s, overlap } = anchorAgreement(a, b);
  if (s < foldSettings.minSharedAnchors || overlap < foldSettings.minAnchorOverlap) return null;
  // Evidence grows with both the shared names and numbers and their share of the smaller set: many shared
  // anchors tolerate the exonyms a translation renames (États-Unis, Великобритания), a few need nearly all.
  const evidence = s * overlap;
  const window = evidence >= foldSettings.strongAnchorEvidence
    ? foldSettings.strongTranslationWindowHours : foldSettings.translationWindowHours;
  return evidence >= foldSettings.minAnchorEvidence && hours <= window ? { method: 'translation', score: overlap } : null;
}

function titleMatch(a: Signature, b: Signature, hours: number): PairMatch | null {
  // Titles decide only where a text cannot: a title-only or very short item.
  if (a.n >= foldSettings.minBodyTokens && b.n >= foldSettings.minBodyTokens) return null;
  if (hours > foldSettings.titleWindowHours) return null;
  const o = titleOverlap(a, b);
  return o >= foldSettings.minTitleOverlap ? { method: 'title', score: o } : null;
}

/** The strongest reason the two items are one story, or null. */
export function compareSignatures(
  a: Signature, aAt: Date | null, b: Signature, bAt: Date | null,
): PairMatch | null {
  if (urlMatch(a, b)) return { method: 'url', score: 1 };
  if (attributionMatch(a, b)) return { method: 'attribution', score: 1 };
  const text = textMatch(a, b);
  if (text) return text;
  const hours = hoursApart(aAt, bAt);
  return translationMatch(a, b, hours) ?? titleMatch(a, b, hours);
}
