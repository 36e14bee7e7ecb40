// One side of many comparisons: what compareSignatures reads from a signature as sets and sums, built once when
// a new item is compared with every candidate of its fold instead of once per pair.

import type { Signature } from '../fingerprint.ts';
import { anchorWeight } from '../fingerprint/anchors.ts';
import { skeletonSoundKey } from '../fingerprint/anchor-han.ts';

/** A signature with the sets and weights its comparisons read. */
export interface PreparedSignature {
  sig: Signature;
  /** Distinct sampled shingle hashes. */
  shingles: ReadonlySet<number>;
  /** Distinct anchors. */
  anchors: ReadonlySet<string>;
  /** Each anchor other than a Chinese-rendered name, with its weight times its repeats. */
  plainAnchorWeights: ReadonlyMap<string, number>;
  /** Weight of all anchors, repeats included. */
  anchorWeight: number;
  /** Distinct Chinese-rendered names ("~" sound keys). */
  hanNames: string[];
  /** Sound keys ("~" + key) of the names, which Chinese-rendered names of the other side may meet. */
  nameSoundKeys: ReadonlySet<string>;
  /** Anchors in order of appearance (the ranked anchors for signatures stored before the sequence existed). */
  sequence: readonly string[];
  /** Title words, repeats kept. */
  titleWords: string[];
  titleWordSet: ReadonlySet<string>;
}

const isName = (anchor: string): boolean => /^[a-z]/.test(anchor);

/** Title words of a signature, repeats kept. */
export function titleWordsOf(sig: Signature): string[] {
  return sig.tw ? sig.tw.split(' ') : [];
}

/** Total weight of anchors (see anchorWeight). */
export function weighAnchors(anchors: readonly string[]): number {
  return anchors.reduce((t, x) => t + anchorWeight(x), 0);
}

/** Sound keys ("~" + key) of the names among anchors, as a Chinese-rendered name would be written. */
export function nameSoundKeysOf(anchors: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const x of anchors) if (isName(x)) keys.add(`~${skeletonSoundKey(x)}`);
  return keys;
}

/** How many distinct values of `values` are in `set`. */
export function countShared<T extends string | number>(set: ReadonlySet<T>, values: readonly T[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as T;
    if (set.has(x) && values.indexOf(x) === i) n++; // a repeated value counts once
  }
  return n;
}

/** The signature with its sets and weights, for comparing it with many others. */
export function prepareSignature(sig: Signature): PreparedSignature {
  const plainAnchorWeights = new Map<string, number>();
  for (const x of sig.a) if (!x.startsWith('~')) plainAnchorWeights.set(x, (plainAnchorWeights.get(x) ?? 0) + anchorWeight(x));
  const titleWords = titleWordsOf(sig);
  return {
    sig,
    shingles: new Set(sig.ss),
    anchors: new Set(sig.a),
    plainAnchorWeights,
    anchorWeight: weighAnchors(sig.a),
    hanNames: [...new Set(sig.a.filter((x) => x.startsWith('~')))],
    nameSoundKeys: nameSoundKeysOf(sig.a),
    sequence: sig.q ?? sig.a,
    titleWords,
    titleWordSet: new Set(titleWords),
  };
}
