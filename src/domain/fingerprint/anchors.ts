// Language-independent anchors: what survives translation — proper names (transliterated to Latin and
// reduced to a consonant skeleton, so Путин / Poutine / Putin meet), numbers and acronyms.

import anyAscii from 'any-ascii';
import { splitSentences } from '../text-normalise.ts';
import { hash32 } from './simhash.ts';

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
const UPPER_START = /^\p{Lu}/u;
const HAS_DIGIT = /\d/;
const GROUPED_NUMBER = /(\d)[ \u00a0\u202f\u2009.,'\u2019](?=\d{3}(?!\d))/g;

/** Consonant skeleton of a transliterated word: first letter kept, later vowels, h, w and doubles dropped. */
export function skeletonOf(word: string): string {
  const ascii = anyAscii(word).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!ascii) return '';
  if (/^\d+$/.test(ascii)) return ascii;
  const rest = ascii.slice(1).replace(/[aeiouyhw]/g, '').replace(/(.)\1+/g, '$1');
  return (ascii[0] + rest).slice(0, 6);
}

function anchorOf(word: string, sentenceStart: boolean): string | null {
  if (HAS_DIGIT.test(word)) {
    const digits = word.replace(/\D/g, '');
    return digits.length >= 2 ? `#${digits.replace(/^0+(?=\d)/, '')}` : null;
  }
  if (sentenceStart || !UPPER_START.test(word)) return null;
  const sk = skeletonOf(word);
  return sk.length >= 3 ? sk : null;
}

/** Anchors of a title and text, most frequent first, at most `max`. */
export function extractAnchors(title: string, paragraphs: string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const para of [title, ...paragraphs]) {
    const clean = para.normalize('NFKC').replace(GROUPED_NUMBER, '$1');
    for (const sentence of splitSentences(clean)) {
      const words = sentence.match(WORD) ?? [];
      words.forEach((w, i) => {
        const a = anchorOf(w, i === 0);
        if (a) counts.set(a, (counts.get(a) ?? 0) + 1);
      });
    }
  }
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, max)
    .map(([a]) => a);
}

/** The `count` members with the smallest hash: a consistent sample, so similar sets pick the same members. */
export function sampleByHash(values: Iterable<string>, count: number): string[] {
  return [...new Set(values)]
    .map((v) => [hash32(v, 0x2545f491), v] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, count)
    .map(([, v]) => v);
}

/** Every unordered pair of the values, each as "a|b" in sorted order. */
export function pairsOf(values: string[]): string[] {
  const sorted = [...values].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) out.push(`${sorted[i]}|${sorted[j]}`);
  }
  return out;
}

