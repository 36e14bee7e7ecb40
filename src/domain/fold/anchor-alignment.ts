// Order-aware agreement of two anchor sequences: a translation keeps its original's names, numbers and dates in the
// same order, paragraph after paragraph, while another article on the same event names the same people in its own
// order and mentions them as often as its own story needs. The measure is the weighted longest common subsequence.

import { anchorWeight } from '../fingerprint/anchors.ts';
import { skeletonSoundKey } from '../fingerprint/anchor-han.ts';
import { foldSettings } from '../fingerprint/settings.ts';

/** How two anchor sequences align: weight of their longest common subsequence and its share of the smaller one. */
export interface AnchorAlignment {
  /** Weight (anchorWeight) of the longest common subsequence of the two sequences. */
  aligned: number;
  /** Weight of the distinct anchors in that subsequence, each counted once. */
  distinct: number;
  /** aligned / the smaller of the two sequences' weights (repeats counted): 1 when one follows the other throughout. */
  share: number;
}

const isName = (anchor: string): boolean => /^[a-z]/.test(anchor);
const isHanName = (anchor: string): boolean => anchor.startsWith('~');

/** A name's skeleton cut to its first foldSettings.nameStemLetters letters; other anchors as they are. */
function stemOf(anchor: string): string {
  return isName(anchor) ? anchor.slice(0, foldSettings.nameStemLetters) : anchor;
}

/** Sound key ("~" + key) a Chinese rendering of the name would carry, or null for anchors that are not names. */
function soundKeyOf(anchor: string): string | null {
  return isName(anchor) ? `~${skeletonSoundKey(anchor)}` : null;
}

/** Weight two anchors carry when they meet: equal anchors, or a Chinese-rendered name and a name of the same sound key. */
function meetWeight(x: string, xKey: string | null, y: string, yKey: string | null): number {
  if (x === y) return isHanName(x) ? 0 : anchorWeight(x); // two Chinese renderings meet through a Latin name only
  if (isHanName(x) && yKey === x) return anchorWeight(x);
  if (isHanName(y) && xKey === y) return anchorWeight(y);
  return 0;
}

/** Whether an anchor of one side could meet one of the other side's, given the other's stems, sound keys and
 * Chinese-rendered names. */
interface OtherSide { stems: ReadonlySet<string>; soundKeys: ReadonlySet<string>; hanNames: ReadonlySet<string> }

function sideOf(other: readonly string[], seq: readonly string[]): OtherSide {
  return {
    stems: new Set(other.map(stemOf)),
    soundKeys: new Set(seq.some(isHanName) ? other.map(soundKeyOf).filter((k) => k !== null) : []),
    hanNames: new Set(other.filter(isHanName)),
  };
}

function meets(x: string, key: string | null, other: OtherSide): boolean {
  return isHanName(x) ? other.soundKeys.has(x) : other.stems.has(stemOf(x)) || (key !== null && other.hanNames.has(key));
}

/** The anchors of `seq` that could meet one of `other`'s, in order, with their sound keys, and the weight of `seq`
 * (a Chinese-rendered name weighs only where it meets a name: unmatched syllabary runs are often ordinary words). */
function comparable(seq: readonly string[], other: readonly string[]): { anchors: string[]; keys: (string | null)[]; weight: number } {
  const side = sideOf(other, seq);
  const anchors: string[] = [];
  const keys: (string | null)[] = [];
  let weight = 0;
  for (const x of seq) {
    const key = side.hanNames.size > 0 ? soundKeyOf(x) : null;
    const ok = meets(x, key, side);
    if (!isHanName(x) || ok) weight += anchorWeight(x);
    if (!ok) continue;
    anchors.push(stemOf(x));
    keys.push(key);
  }
  return { anchors, keys, weight };
}

/** Weighted longest common subsequence of two anchor sequences and its share of the smaller sequence's weight. */
export function alignAnchors(a: readonly string[], b: readonly string[]): AnchorAlignment {
  const x = comparable(a, b);
  const y = comparable(b, a);
  const n = x.anchors.length;
  const m = y.anchors.length;
  const width = m + 1;
  const table = new Float64Array((n + 1) * width);
  const weight = (i: number, j: number): number =>
    meetWeight(x.anchors[i - 1] as string, x.keys[i - 1] ?? null, y.anchors[j - 1] as string, y.keys[j - 1] ?? null);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const w = weight(i, j);
      const diagonal = w > 0 ? (table[(i - 1) * width + j - 1] as number) + w : 0;
      table[i * width + j] = Math.max(diagonal, table[(i - 1) * width + j] as number, table[i * width + j - 1] as number);
    }
  }
  // Walk the alignment back to weigh each aligned anchor once: a name repeated all through two articles on one topic
  // (the party, its leader) aligns many times without telling a translation from another article.
  const counted = new Map<string, number>();
  for (let i = n, j = m; i > 0 && j > 0;) {
    const here = table[i * width + j] as number;
    if (here === table[(i - 1) * width + j]) i--;
    else if (here === table[i * width + j - 1]) j--;
    else {
      counted.set(x.anchors[i - 1] as string, weight(i, j));
      i--;
      j--;
    }
  }
  const aligned = table[n * width + m] as number;
  const smaller = Math.min(x.weight, y.weight);
  const distinct = [...counted.values()].reduce((t, w) => t + w, 0);
  return { aligned, distinct, share: smaller > 0 ? Math.min(1, aligned / smaller) : 0 };
}
