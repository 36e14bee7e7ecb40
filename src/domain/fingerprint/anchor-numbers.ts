// Number anchors that survive translation: "37bn", "37 milliards", "370 亿" and "37 000 000 000" are one
// value, so each number is written as its plain integer value, with magnitude words and characters applied.
// Some magnitude words mean a different power in each language (de "Billion", fr "billion" and es "billón"
// are 10^12, en "billion" is 10^9; tr "bin" and es "mil" are thousands), so they are read in the item's language.

type Magnitudes = [RegExp, number][];

/** Magnitude words and characters every language reads alike (lower case; CJK ones need no word boundary). */
const SHARED_MAGNITUDES: Magnitudes = [
  [/^(?:万亿|兆)/u, 12],
  [/^(?:bn|bln|mrd|milliard[a-z]*|miliard[a-z]*|млрд|миллиард[а-я]*|milyar[a-zı]*|مليار)(?![\p{L}])/u, 9],
  [/^(?:亿|億|억)/u, 8],
  [/^(?:百万)/u, 6],
  [/^(?:million[a-z]*|mio|mln|mn|millon(?:es)?|milion[a-z]*|milhões|milhão|miljoen(?:en)?|milyon[a-z]*|млн|миллион[а-я]*|مليون)(?![\p{L}])/u, 6],
  [/^(?:万|萬|만)/u, 4],
  [/^(?:thousands?|tausend|tsd|mille|mila|duizend|тыс[а-я]*|tys|k)(?![\p{L}])/u, 3],
];

const EN_SCALE: Magnitudes = [[/^(?:trillions?|трилли[а-я]*|trilyon)(?![\p{L}])/u, 12], [/^billions?(?![\p{L}])/u, 9]];
/** Long scale: billion = 10^12 (German, French, Spanish, Italian, Dutch, Polish, European Portuguese). */
const LONG_SCALE: Magnitudes = [
  [/^(?:trillion[a-z]*|trill[oó]n(?:es)?|trilion[a-z]*|triljoen(?:en)?)(?![\p{L}])/u, 18],
  [/^(?:billiarde[n]?)(?![\p{L}])/u, 15],
  [/^(?:billion[a-z]*|bill[oó]n(?:es)?|bilion[a-zó]*|biljoen(?:en)?|bili[aã]o|biliões)(?![\p{L}])/u, 12],
];

/** Magnitude words of each language, tried before the shared ones; a language not listed reads English's. */
const LANGUAGE_MAGNITUDES: Record<string, Magnitudes> = {
  en: EN_SCALE,
  de: LONG_SCALE,
  fr: LONG_SCALE,
  it: LONG_SCALE,
  nl: LONG_SCALE,
  pl: LONG_SCALE,
  es: [[/^mil millones(?![\p{L}])/u, 9], ...LONG_SCALE, [/^mil(?![\p{L}])/u, 3]],
  pt: [[/^(?:bilh(?:ão|ões))(?![\p{L}])/u, 9], ...LONG_SCALE, [/^mil(?![\p{L}])/u, 3]],
  tr: [...EN_SCALE, [/^bin(?![\p{L}])/u, 3]],
  ru: EN_SCALE,
};

/** A number (not the tail of another one): digits, an optional decimal part (group separators already removed),
 * and the one or two words after it, where a magnitude may be. */
const NUMBER = /(?<!\d|\d[.,])(\d+)(?:[.,](\d+))?(?:\s?([\p{L}]+(?: [\p{L}]+)?))?/gu;

/** Numbers under this many digits (after magnitudes) are too common to anchor on: 1–9, list items. */
const MIN_NUMBER_DIGITS = 2;

/** The magnitude words an item in `language` (ISO 639-1, or null when unknown) reads. */
export function magnitudesOf(language: string | null): Magnitudes {
  const own = LANGUAGE_MAGNITUDES[(language ?? 'en').slice(0, 2).toLowerCase()] ?? EN_SCALE;
  return [...own, ...SHARED_MAGNITUDES];
}

function magnitudeOf(tail: string | undefined, magnitudes: Magnitudes): { power: number; length: number } | null {
  if (!tail) return null;
  const lower = tail.toLowerCase();
  for (const [re, power] of magnitudes) {
    const m = re.exec(lower);
    if (m) return { power, length: m[0].length };
  }
  return null;
}

/** The integer value of digits, decimals and a power of ten, as a digit string without leading zeros. */
export function scaleNumber(whole: string, decimals: string, power: number): string {
  const kept = decimals.slice(0, power);
  const digits = (whole + kept + '0'.repeat(power - kept.length)).replace(/^0+(?=\d)/, '');
  return power === 0 && decimals ? (whole + decimals).replace(/^0+(?=\d)/, '') : digits;
}

/** Number anchors ("#" + value) of a sentence whose digit groups are already joined, read in the item's language. */
export function extractNumberAnchors(sentence: string, language: string | null = null): string[] {
  const magnitudes = magnitudesOf(language);
  const out: string[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const whole = m[1] as string;
    const decimals = m[2] ?? '';
    const mag = magnitudeOf(m[3], magnitudes);
    const value = scaleNumber(whole, decimals, mag?.power ?? 0);
    if (value.length >= MIN_NUMBER_DIGITS) out.push(`#${value}`);
  }
  return out;
}
