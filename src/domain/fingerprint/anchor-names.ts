// Name anchors of one word: a capitalised word inside a sentence, transliterated and cut to a phonetic
// consonant skeleton (Путин / Poutine / Putin meet), with the spelling habits of languages undone first:
// possessives (Peter's), elided articles (l'India, d'Emmanuel), hyphenated names (Телеграф-роуд), acronyms.

import anyAscii from 'any-ascii';
import { isCalendarWord } from './anchor-dates.ts';

const UPPER_START = /^\p{Lu}/u;
const HAS_UPPER = /\p{Lu}/u;
const HAS_DIGIT = /\d/;
/** An English possessive: "Peter's", "Moïse’s". */
const POSSESSIVE = /['’]s$/u;
/** An elided article or preposition before a name of 4 letters or more: l'India, d'Emmanuel, dell'Europa, all'ONU;
 * a shorter word after it is mostly an abbreviated title (l'Ing., l'On.), not a name. */
const ELISION = /^\p{L}{1,4}['’](?=\p{Lu}(?:[\p{L}\p{M}]{3}|\p{Lu}+$))/u;
/** A Latin-letter acronym (EU, NATO, AP, TFMR): kept as written, as no transliteration changes it. */
const ACRONYM = /^[A-Z]{2,5}$/; // 6 letters and more are all-caps datelines and headings (MONROE, BREAKING), names at most
/** Letters of a skeleton below which it says too little (two consonants match too many names). */
const MIN_SKELETON = 3;

/** Transliteration spellings of one sound, to one letter: Peskov / Peskow / Peskof, Pezeshkian / Pezeschkian. */
const SOUND_CLASSES: [RegExp, string][] = [[/ph/g, 'f'], [/[vw]/g, 'f'], [/[cqk]/g, 'k'], [/z/g, 's'], [/x/g, 'ks']];

function soundsOf(word: string): string {
  let ascii = anyAscii(word).toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [re, to] of SOUND_CLASSES) ascii = ascii.replace(re, to);
  return ascii;
}

/** Phonetic consonant skeleton of a word: transliterated, spelling variants merged, later vowels and h dropped. */
export function skeletonOf(word: string): string {
  const ascii = soundsOf(word);
  if (!ascii) return '';
  if (/^\d+$/.test(ascii)) return ascii;
  const rest = ascii.slice(1).replace(/[aeiouyh]/g, '').replace(/(.)\1+/g, '$1');
  return (ascii[0] + rest).replace(/(.)\1+/g, '$1').slice(0, 6);
}

/** Key of a Latin acronym: its letters in alphabetical order, as Romance languages reverse the words an acronym
 * stands for (EU / UE, NATO / OTAN, AfD stays AfD). */
export function acronymKey(acronym: string): string {
  return `=${[...acronym.toLowerCase()].sort().join('')}`;
}

/** Name anchors of one word of a sentence (none for a lower-case word or one that opens the sentence). */
export function nameAnchorsOf(word: string, sentenceStart: boolean): string[] {
  // Most words are lower case, and every rule below needs a capital (a name, an acronym, an elided name).
  if (!HAS_UPPER.test(word) || HAS_DIGIT.test(word)) return [];
  let w = word.replace(POSSESSIVE, '');
  const elided = ELISION.exec(w);
  if (elided) w = w.slice(elided[0].length);
  if (ACRONYM.test(w)) return [acronymKey(w)];
  if ((sentenceStart && !elided) || !UPPER_START.test(w) || isCalendarWord(w)) return [];
  const parts = w.split(/[-‐]/u).filter((p) => UPPER_START.test(p));
  return parts.map(skeletonOf).filter((k) => k.length >= MIN_SKELETON);
}
