// Pairwise comparison of two signatures: the strongest reason, if any, that they are one story.

import type { Signature } from '../fingerprint.ts';
import { foldSettings } from '../fingerprint/settings.ts';
import { anchorWeight } from '../fingerprint/anchors.ts';
import { hammingDistance } from '../fingerprint/simhash.ts';
import { alignAnchors } from './anchor-alignment.ts';
import { countShared, nameSoundKeysOf, prepareSignature, titleWordsOf, weighAnchors, type PreparedSignature } from './prepared.ts';

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

/** Overlap coefficient of the two title word sets, 0 when the shorter has too few words to tell. */
function titleOverlap(a: PreparedSignature, b: Signature): number {
  const wb = titleWordsOf(b);
  const min = Math.min(a.titleWords.length, wb.length);
  if (min < foldSettings.minTitleWords) return 0;
  return countShared(a.titleWordSet, wb) / min;
}

/** Shared sampled shingles and their share of the smaller set. */
function shingleContainment(a: PreparedSignature, b: Signature): { shared: number; ratio: number } {
  const s = countShared(a.shingles, b.ss);
  const min = Math.min(a.sig.ss.length, b.ss.length);
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

function attributionMatch(pa: PreparedSignature, b: Signature): boolean {
  const a = pa.sig;
  const linked = (!!b.u && a.l.includes(b.u)) || (!!a.u && b.l.includes(a.u));
  if (!linked) return false;
  // A link alone may cite a related story (a "Related" list kept in the body); ask for any sign the
  // two tell the same story: shared names or numbers, shared text, or overlapping titles.
  if (a.n < foldSettings.minBodyTokens || b.n < foldSettings.minBodyTokens) {
    return countShared(pa.anchors, b.a) >= 1 || titleOverlap(pa, b) >= 0.3;
  }
  return countShared(pa.anchors, b.a) >= 2 || countShared(pa.shingles, b.ss) >= 1 || titleOverlap(pa, b) >= 0.5;
}

function textMatch(pa: PreparedSignature, b: Signature): PairMatch | null {
  const a = pa.sig;
  // A text this short is as likely a page's leftover chrome (a cookie notice, a newsletter box) as a
  // story: equal short texts prove nothing, so such items fold on their titles instead.
  if (Math.min(a.n, b.n) < foldSettings.minBodyTokens) return null;
  if (a.th && a.th === b.th) return { method: 'exact', score: 0 };
  if (a.sh && b.sh) {
    const d = hammingDistance(a.sh, b.sh);
    if (d <= foldSettings.nearDistance) return { method: 'near', score: d };
  }
  const c = shingleContainment(pa, b);
  if (c.shared >= foldSettings.minSharedShingles && c.ratio >= foldSettings.minContainment) {
    return { method: 'containment', score: c.ratio };
  }
  return null;
}

/**
 * Weighted anchors the two share: those other than Chinese-rendered names, each of b's once (times its repeats in a),
 * and the Chinese-rendered names ("~" sound keys) of either side that meet a name of the other reduced to the same
 * sound key (克雷菲尔德 and Krefeld).
 */
function sharedAnchorWeight(a: PreparedSignature, b: Signature): number {
  let s = 0;
  b.a.forEach((x, i) => {
    const plain = a.plainAnchorWeights.get(x);
    const meets = plain !== undefined || (x.startsWith('~') && a.nameSoundKeys.has(x));
    if (meets && b.a.indexOf(x) === i) s += plain ?? anchorWeight(x);
  });
  if (a.hanNames.length > 0) {
    const keys = nameSoundKeysOf(b.a);
    for (const x of a.hanNames) if (keys.has(x)) s += anchorWeight(x);
  }
  return s;
}

/** Shared anchor weight as a share of the smaller weighted anchor set. */
function anchorOverlap(a: PreparedSignature, b: Signature, shared: number): number {
  const min = Math.min(a.anchorWeight, weighAnchors(b.a));
  return min ? shared / min : 0;
}

/** Weighted anchors shared by two signatures, and their share of the smaller weighted set. */
export function anchorAgreement(a: Signature, b: Signature): { shared: number; overlap: number } {
  const pa = prepareSignature(a);
  const shared = sharedAnchorWeight(pa, b);
  return { shared, overlap: anchorOverlap(pa, b, shared) };
}

function translationMatch(pa: PreparedSignature, b: Signature, hours: number): PairMatch | null {
  const a = pa.sig;
  // Only items known to be in different languages can be translations of each other, and a title
  // alone (its language guessed from a few words) is too little to tell.
  if (!a.lang || !b.lang || a.lang === b.lang) return null;
  if (Math.min(a.n, b.n) < foldSettings.minTranslationTokens) return null;
  if (hours > foldSettings.translationWindowHours) return null;
  const { distinct, share } = alignAnchors(pa.sequence, b.q ?? b.a);
  if (share < foldSettings.minAlignedShare || distinct * share < foldSettings.minAlignedEvidence) return null;
  return { method: 'translation', score: share };
}

function titleMatch(pa: PreparedSignature, b: Signature, hours: number): PairMatch | null {
  const a = pa.sig;
  // Titles decide only where a text cannot: a title-only or very short item.
  if (a.n >= foldSettings.minBodyTokens && b.n >= foldSettings.minBodyTokens) return null;
  if (hours > foldSettings.titleWindowHours) return null;
  const o = titleOverlap(pa, b);
  return o >= foldSettings.minTitleOverlap ? { method: 'title', score: o } : null;
}

/** The strongest reason the two items are one story, or null. */
export function compareSignatures(
  a: Signature, aAt: Date | null, b: Signature, bAt: Date | null,
): PairMatch | null {
  return comparePrepared(prepareSignature(a), aAt, b, bAt);
}

/** compareSignatures with the first signature prepared: for one item compared with many. */
export function comparePrepared(
  a: PreparedSignature, aAt: Date | null, b: Signature, bAt: Date | null,
): PairMatch | null {
  if (urlMatch(a.sig, b)) return { method: 'url', score: 1 };
  if (attributionMatch(a, b)) return { method: 'attribution', score: 1 };
  const text = textMatch(a, b);
  if (text) return text;
  const hours = hoursApart(aAt, bAt);
  return translationMatch(a, b, hours) ?? titleMatch(a, b, hours);
}
