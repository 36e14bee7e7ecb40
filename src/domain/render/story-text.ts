// The shape of a story's text for subscribers: paragraphs kept, and a lede that is prose, not site chrome
// (a section label such as "العالم", a byline such as "by … Report:"), told apart by the text's shape alone.

/** A line shorter than this many words reads as a label or byline unless it ends like a sentence. */
export const LEDE_MIN_WORDS = 12;
/** A line ending like a sentence needs at least this many words to be a lede ("Read more." is not). */
export const LEDE_MIN_SENTENCE_WORDS = 5;
/** For scripts written without spaces (Chinese, Japanese), characters stand in for words, at this ratio. */
export const CHARS_PER_WORD_UNSPACED = 2;
/** The excerpt in a feed entry: whole paragraphs from the lede on, up to about this many characters. */
export const EXCERPT_CHARS = 1_200;

const UNSPACED = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const SENTENCE_END = /[.!?。！？…»"”’')）]$/;

/** Paragraphs of a text (blank-line separated), each as its non-empty lines. */
export function textParagraphs(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    .filter((lines) => lines.length > 0);
}

/** Word count of a line, counting unspaced-script characters at CHARS_PER_WORD_UNSPACED a word. */
function wordCount(line: string): number {
  const unspaced = line.match(UNSPACED)?.length ?? 0;
  const spaced = line.replace(UNSPACED, ' ').split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return spaced + unspaced / CHARS_PER_WORD_UNSPACED;
}

/** Whether a line reads as prose: long enough, or a sentence; a line ending in ":" introduces, it is not a lede. */
export function isProseLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.endsWith(':')) return false;
  const words = wordCount(trimmed);
  return words >= LEDE_MIN_WORDS || (words >= LEDE_MIN_SENTENCE_WORDS && SENTENCE_END.test(trimmed));
}

/** The text from its lede on: chrome lines before the first prose line are dropped; '' when no line is prose. */
export function textFromLede(text: string): string {
  const paragraphs = textParagraphs(text);
  for (let p = 0; p < paragraphs.length; p++) {
    const lines = paragraphs[p] as string[];
    const first = lines.findIndex(isProseLine);
    if (first < 0) continue;
    return [lines.slice(first), ...paragraphs.slice(p + 1)].map((l) => l.join('\n')).join('\n\n');
  }
  return '';
}

/** The story's lede: the first prose paragraph, its lines joined by spaces. */
export function chooseLede(text: string): string {
  const [first] = textParagraphs(textFromLede(text));
  return first ? first.join(' ') : '';
}

/** Whole paragraphs from the lede on, up to EXCERPT_CHARS (at least one paragraph), and whether text was left out. */
export function excerptParagraphs(text: string, maxChars = EXCERPT_CHARS): { paragraphs: string[][]; truncated: boolean } {
  const all = textParagraphs(textFromLede(text));
  const paragraphs: string[][] = [];
  let used = 0;
  for (const p of all) {
    const size = p.join('\n').length;
    if (paragraphs.length > 0 && used + size > maxChars) break;
    paragraphs.push(p);
    used += size;
  }
  return { paragraphs, truncated: paragraphs.length < all.length };
}
