// Cheap, regex-level preparation of an HTML string before it is parsed into a DOM.
import { ExtractError } from '../../errors.ts';
import { limitNesting } from './nesting.ts';
import { normalisePageShape } from './page-shape.ts';

/** Pages longer than this many characters are cut before parsing; real article pages are far below it. */
export const MAX_HTML_CHARS = 5_000_000;

/** Share of control characters in the first bytes above which the input is treated as binary. */
const BINARY_CONTROL_SHARE = 0.05;

/** Raw JSON-LD blocks and the HTML with scripts, styles, SVG and comments removed. */
export interface PreparedHtml {
  html: string;
  jsonLd: string[];
}


/** Throws ExtractError when the input is empty or binary rather than a page of markup. */
export function assertHtmlLike(html: string): void {
  if (!/\S/.test(html)) throw new ExtractError('empty document');
  const head = html.slice(0, 65_536);
  // Counted by the regular expression engine: a loop over the characters was 2 % of the extraction's time.
  const control = head.length - head.replace(CONTROL_RE, '').length;
  if (control / head.length > BINARY_CONTROL_SHARE) throw new ExtractError('document looks binary, not HTML');
  if (!/<[a-zA-Z!?\/]/.test(head)) throw new ExtractError('document has no markup');
}

/** Control characters (but whitespace and ESC) and U+FFFD, the replacement of undecodable bytes. */
// eslint-disable-next-line no-control-regex -- these characters are what it removes
const CONTROL_RE = /[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]/g;

/** Cut, then strip everything a reader never sees, keeping JSON-LD for metadata. */
export function prepareHtml(input: string): PreparedHtml {
  assertHtmlLike(input);
  const html = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const jsonLd: string[] = [];
  const stripped = normalisePageShape(dropBlockWhitespace(stripHidden(html, jsonLd)));
  return { html: limitNesting(stripped), jsonLd };
}

/** Start of an element whose content a reader never sees, or of a comment. */
const HIDDEN_OPEN_RE = /<(script|style|svg|noscript|template|iframe|object|math)\b|<!--/gi;
const JSON_LD_TYPE = /^[^>]*\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * html without scripts, styles, SVG and comments (each replaced by a space), pushing JSON-LD blocks to jsonLd.
 * One forward scan: each search starts where the last ended, so unclosed `<script>` or `<!--` (the rest of the
 * page is then inside, as browsers read it) cost one pass, not one per opening. An end tag runs to the next
 * '>' whatever comes between: `</script` left open before a comment ends at that comment's '-->'.
 */
export function stripHidden(html: string, jsonLd: string[]): string {
  const out: string[] = [];
  let from = 0;
  HIDDEN_OPEN_RE.lastIndex = 0;
  for (let m = HIDDEN_OPEN_RE.exec(html); m; m = HIDDEN_OPEN_RE.exec(html)) {
    out.push(html.slice(from, m.index), ' ');
    const tag = m[1]?.toLowerCase();
    const end = tag ? findEndTag(html, tag, m.index + m[0].length) : html.indexOf('-->', m.index + 4);
    if (end === -1) return out.join('');
    if (tag === 'script') readJsonLd(html.slice(m.index + m[0].length, end), jsonLd);
    from = tag ? html.indexOf('>', end) + 1 : end + 3;
    if (from === 0) return out.join('');
    HIDDEN_OPEN_RE.lastIndex = from;
  }
  out.push(html.slice(from));
  return out.join('');
}

/** Index of the `</tag` that closes an element opened before `from`, or -1. */
function findEndTag(html: string, tag: string, from: number): number {
  const re = END_TAG_RE[tag] ?? (END_TAG_RE[tag] = new RegExp(`</${tag}\\b`, 'gi'));
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}
const END_TAG_RE: Record<string, RegExp> = {};

/** Pushes the body of a `<script …>…` element to jsonLd when its type is JSON-LD. */
function readJsonLd(script: string, jsonLd: string[]): void {
  if (!JSON_LD_TYPE.test(script)) return;
  const body = script.slice(script.indexOf('>') + 1);
  if (body.trim()) jsonLd.push(body);
}

// Tags that break the line wherever they stand: whitespace beside them never separates two words.
const BLOCK_TAG = '(?:div|p|li|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|main|table|tbody|thead|tfoot|tr|td|th|h[1-6]|form|figure|figcaption|blockquote|br|hr|head|body|html|meta|link|title|option)';
// One pass: whitespace after a block tag and before another tag, or after a tag and before a block tag.
const BLOCK_SPACE_RE = new RegExp(`(<\\/?${BLOCK_TAG}\\b[^<>]*>)\\s+(?=<)|(>)\\s+(?=<\\/?${BLOCK_TAG}\\b)`, 'gi');

/**
 * Removes the whitespace between tags where one of them is a block: indentation makes a third of a page's
 * nodes (66,000 text nodes on 110 pages of the trafilatura set), each one allocated, scored and walked by the
 * parser, Readability and the pruning rules for nothing.
 */
export function dropBlockWhitespace(html: string): string {
  return html.replace(BLOCK_SPACE_RE, '$1$2');
}

