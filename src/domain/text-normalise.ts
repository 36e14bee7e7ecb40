// Text normalisation and tokenisation for fingerprints: the same story written with other quotes, dashes,
// number formats, case or republisher lines must give the same tokens.

/** Han, kana and Hangul: scripts written without spaces, tokenised as single characters then bigrams. */
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const TOKEN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u300c\u300d\u300e\u300f]/g;
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
/** A thousands separator (space, no-break space, dot, comma, apostrophe) between a digit and exactly three digits. */
const DIGIT_GROUP = /(\d)[ \u00a0\u202f\u2009.,'\u2019](?=\d{3}(?!\d))/g;
/** A sentence ends at . ! ? … before a space or a capital (not inside 3.5), at CJK/Arabic full stops, or at a line break. */
const SENTENCE_END = /(?<=[.!?\u2026])(?:\s+|(?=\p{Lu}))|(?<=[\u3002\uff01\uff1f\u061f])\s*|\n+/u;

/** Unicode NFKC, case folding, one form of quotes and dashes, digits without group separators. */
export function normaliseText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-');
  // Group separators are removed repeatedly: "1 000 000" needs two passes of the look-ahead pattern.
  for (let i = 0; i < 3 && DIGIT_GROUP.test(s); i++) s = s.replace(DIGIT_GROUP, '$1');
  return s;
}

/** Word tokens of normalised text; each Han/kana/Hangul character is one token (see {@link shingleUnits}). */
export function tokenise(text: string): string[] {
  return normaliseText(text).match(TOKEN) ?? [];
}

/** Whether a token is a single CJK character (scripts without word spaces). */
export function isCjkToken(token: string): boolean {
  return token.length === 1 && CJK_CHAR.test(token);
}

/** Units for shingling: words, and overlapping character bigrams inside CJK runs (a lone CJK char stays itself). */
export function shingleUnits(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!isCjkToken(t)) { out.push(t); continue; }
    const next = tokens[i + 1];
    const prevCjk = i > 0 && isCjkToken(tokens[i - 1] as string);
    if (next !== undefined && isCjkToken(next)) out.push(t + next);
    else if (!prevCjk) out.push(t);
  }
  return out;
}

/** Length of a text in word-equivalents: a CJK character counts half a word. */
export function measureTokens(tokens: string[]): number {
  let n = 0;
  for (const t of tokens) n += isCjkToken(t) ? 0.5 : 1;
  return n;
}

/** Paragraphs of an extracted text (blank-line separated), trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p.length > 0);
}

/** Sentences of a paragraph, trimmed, empty ones dropped. */
export function splitSentences(paragraph: string): string[] {
  return paragraph.split(SENTENCE_END).map((s) => s.trim()).filter((s) => s.length > 0);
}
