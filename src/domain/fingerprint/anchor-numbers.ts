// Number anchors that survive translation: "37bn", "37 milliards", "370 亿" and "37 000 000 000" are one
// value, so each number is written as its plain integer value, with magnitude words and characters applied.

/** Magnitude words and characters after a number, by power of ten (lower case; CJK ones need no word boundary). */
const MAGNITUDES: [RegExp, number][] = [
  [/^(?:万亿|兆)/u, 12],
  [/^(?:billions?|bn|bln|mrd|milliard[a-z]*|miliard[a-z]*|mil millones|млрд|миллиард[а-я]*|bilh[õo]es|bilião)(?![\p{L}])/u, 9],
  [/^(?:亿|億|억)/u, 8],
  [/^(?:百万)/u, 6],
  [/^(?:million[a-z]*|mio|mln|mn|millon(?:es)?|milion[a-z]*|milhões|млн|миллион[а-я]*)(?![\p{L}])/u, 6],
  [/^(?:万|萬|만)/u, 4],
  [/^(?:thousands?|tausend|tsd|mille|mila|тыс[а-я]*|tys|k)(?![\p{L}])/u, 3],
];

/** A number (not the tail of another one): digits, an optional decimal part (group separators already removed),
 * and the one or two words after it, where a magnitude may be. */
const NUMBER = /(?<!\d|\d[.,])(\d+)(?:[.,](\d+))?(?:\s?([\p{L}]+(?: [\p{L}]+)?))?/gu;

/** Numbers under this many digits (after magnitudes) are too common to anchor on: 1–9, list items. */
const MIN_NUMBER_DIGITS = 2;

function magnitudeOf(tail: string | undefined): { power: number; length: number } | null {
  if (!tail) return null;
  const lower = tail.toLowerCase();
  for (const [re, power] of MAGNITUDES) {
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

/** Number anchors ("#" + value) of a sentence whose digit groups are already joined. */
export function extractNumberAnchors(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const whole = m[1] as string;
    const decimals = m[2] ?? '';
    const mag = magnitudeOf(m[3]);
    const value = scaleNumber(whole, decimals, mag?.power ?? 0);
    if (value.length >= MIN_NUMBER_DIGITS) out.push(`#${value}`);
  }
  return out;
}
