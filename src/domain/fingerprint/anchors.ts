// Language-independent anchors: what survives translation — proper names (transliterated to Latin and
// reduced to a phonetic consonant skeleton, so Путин / Poutine / Putin and Песков / Peskow meet), numbers
// with their magnitude words applied (37bn = 370 亿 = 37 млрд) and acronyms.

import { splitSentences } from '../text-normalise.ts';
import { extractDateAnchors, isDatelineAnchor } from './anchor-dates.ts';
import { hanNameAnchors } from './anchor-han.ts';
import { extractNumberAnchors } from './anchor-numbers.ts';
import { nameAnchorsOf } from './anchor-names.ts';
import { hash32 } from './simhash.ts';
import { trimCharEnd } from '../trim-chars.ts';

/** A word: a run of CJK characters (no spaces between words there), or a word of any other script. A Latin name
 * written against Chinese characters ("在Facebook上", "本文首发于The Daily Ledger") is a word of its own. */
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}])(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{M}\p{N}'’-])*/gu;
const UPPER_START = /^\p{Lu}/u;
const HAS_DIGIT = /\d/;
const GROUPED_NUMBER = /(\d)[ \u00a0\u202f\u2009.,'\u2019](?=\d{3}(?!\d))/g;
/** A title's trailing part after a separator: "Headline | Site", "Headline — Site Name". */
const TITLE_SEPARATOR = / [|\u2013\u2014-] /u;
/** A trailing title part this short (words) is a site name or a section, not the story's. */
const MAX_TITLE_SUFFIX_WORDS = 4;
/** Share of capitalised words above which a title is in title case ("Maine Man Wins Powerball") and its capitals say nothing about names. */
const TITLE_CASE_SHARE = 0.7;

export { skeletonOf } from './anchor-names.ts';

/** The story part of a title: trailing short parts after a separator (site names, sections) dropped. */
export function stripTitleSuffix(title: string): string {
  // White space collapsed first: `\s+` on both sides of the separator backtracks quadratically over a long run.
  const parts = title.replace(/\s+/g, ' ').split(TITLE_SEPARATOR);
  while (parts.length > 1 && (parts.at(-1) as string).split(/\s+/).length <= MAX_TITLE_SUFFIX_WORDS) parts.pop();
  return parts.join(' - ');
}

/** Whether most of a title's words are capitalised (then capitals mark no names). */
export function isTitleCase(title: string): boolean {
  const words = (title.match(WORD) ?? []).filter((w) => !HAS_DIGIT.test(w));
  const upper = words.filter((w) => UPPER_START.test(w)).length;
  return words.length >= 4 && upper / words.length > TITLE_CASE_SHARE;
}

/** Anchors of one paragraph in text order (names only when `names`); numbers and dates read in `language`. */
function anchorsOfParagraph(para: string, names: boolean, language: string | null): string[] {
  const clean = para.normalize('NFKC').replace(GROUPED_NUMBER, '$1').replace(GROUPED_NUMBER, '$1');
  // Dates first, on the whole paragraph: "31. Dezember" and "Jan. 1" would split as sentences.
  const dates = extractDateAnchors(clean, language);
  const out = [...dates.anchors];
  for (const sentence of splitSentences(dates.rest)) {
    const own = extractNumberAnchors(sentence, language);
    if (names) {
      (sentence.match(WORD) ?? []).forEach((w, i) => own.push(...nameAnchorsOf(w, i === 0)));
      own.push(...hanNameAnchors(sentence));
    }
    // In one order whatever the language: a translation keeps the order of sentences and paragraphs, not the order of
    // words inside a sentence ("the zoo wrote on Facebook that Kidogo is alive" / 动物园在 Facebook 上写道 … Kidogo).
    out.push(...own.sort());
  }
  return out;
}

/** Anchors of a title and its story paragraphs, in order of appearance (repeats kept); `language` is the item's
 * (ISO 639-1, null when unknown), which says how to read number words, and dates near `publishedAt` are left out
 * as the item's dateline. */
export function anchorSequence(title: string, paragraphs: string[], language: string | null = null, publishedAt: Date | null = null): string[] {
  const head = stripTitleSuffix(title);
  return [...anchorsOfParagraph(head, !isTitleCase(head), language), ...paragraphs.flatMap((p) => anchorsOfParagraph(p, true, language))]
    .filter((a) => !isDatelineAnchor(a, publishedAt));
}

/** Evidence an anchor carries: a year, a two-digit or a round number (300, 1000000) or a two-letter acronym (AP,
 * EU, UN) recurs across unrelated stories of the same days, so it counts half a name or a specific number; so does
 * a Chinese-rendered name of three sound classes (many names reduce to the same three). */
export function anchorWeight(anchor: string): number {
  if (/^=..$/.test(anchor) || /^~...$/.test(anchor)) return 0.5;
  if (!anchor.startsWith('#')) return 1;
  const value = anchor.slice(1);
  if (/^(?:19|20)\d\d$/.test(value) || value.length <= 2 || trimCharEnd(value, '0').length <= 1) return 0.5;
  return 1;
}

/** Distinct anchors, most frequent first (ties by first appearance), at most `max`. */
export function rankAnchors(sequence: string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const a of sequence) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, max).map(([a]) => a);
}

/** The first `count` distinct anchors: the title's and the lede's, which a shortened translation keeps. */
export function leadAnchors(sequence: string[], count: number): string[] {
  return [...new Set(sequence)].slice(0, count);
}

/** Anchors of a title and text, most frequent first, at most `max`. */
export function extractAnchors(title: string, paragraphs: string[], max: number, language: string | null = null): string[] {
  return rankAnchors(anchorSequence(title, paragraphs, language), max);
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
