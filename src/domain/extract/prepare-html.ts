// Cheap, regex-level preparation of an HTML string before it is parsed into a DOM.
import { ExtractError } from '../../errors.ts';

/** Pages longer than this many characters are cut before parsing; real article pages are far below it. */
export const MAX_HTML_CHARS = 5_000_000;

/** Share of control characters in the first bytes above which the input is treated as binary. */
const BINARY_CONTROL_SHARE = 0.05;

/**
 * Tags nested deeper than this are dropped (their text stays). Measured on the 990 pages of the trafilatura
 * set: median depth 16, 99th percentile 30, maximum 86; Readability's cost grows with depth squared.
 */
export const MAX_NESTING_DEPTH = 150;

/** Raw JSON-LD blocks and the HTML with scripts, styles, SVG and comments removed. */
export interface PreparedHtml {
  html: string;
  jsonLd: string[];
}

const JSON_LD_RE = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
// An end tag runs to the next '>' whatever comes between, as browsers read it: `</script` left open before a
// comment ends at that comment's '-->', not at the next `</script>` further down the article.
const STRIP_RE = /<(script|style|svg|noscript|template|iframe|object|math)\b[\s\S]*?<\/\1\b[^>]*>|<!--[\s\S]*?-->/gi;

/** Throws ExtractError when the input is empty or binary rather than a page of markup. */
export function assertHtmlLike(html: string): void {
  if (html.trim() === '') throw new ExtractError('empty document');
  const head = html.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
  }
  if (control / head.length > BINARY_CONTROL_SHARE) throw new ExtractError('document looks binary, not HTML');
  if (!/<[a-zA-Z!?\/]/.test(head)) throw new ExtractError('document has no markup');
}

/** Cut, then strip everything a reader never sees, keeping JSON-LD for metadata. */
export function prepareHtml(input: string): PreparedHtml {
  assertHtmlLike(input);
  const html = input.length > MAX_HTML_CHARS ? input.slice(0, MAX_HTML_CHARS) : input;
  const jsonLd: string[] = [];
  for (const m of html.matchAll(JSON_LD_RE)) if (m[1]) jsonLd.push(m[1]);
  const stripped = dropBlockWhitespace(html.replace(STRIP_RE, ' '));
  return { html: limitNesting(stripped), jsonLd };
}

// Tags that break the line wherever they stand: whitespace beside them never separates two words.
const BLOCK_TAG = '(?:div|p|li|ul|ol|dl|dt|dd|section|article|header|footer|nav|aside|main|table|tbody|thead|tfoot|tr|td|th|h[1-6]|form|figure|figcaption|blockquote|br|hr|head|body|html|meta|link|title|option)';
const AFTER_BLOCK_RE = new RegExp(`(<\\/?${BLOCK_TAG}\\b[^<>]*>)\\s+(?=<)`, 'gi');
const BEFORE_BLOCK_RE = new RegExp(`>\\s+(?=<\\/?${BLOCK_TAG}\\b)`, 'gi');

/**
 * Removes the whitespace between tags where one of them is a block: indentation makes a third of a page's
 * nodes (66,000 text nodes on 110 pages of the trafilatura set), each one allocated, scored and walked by the
 * parser, Readability and the pruning rules for nothing.
 */
export function dropBlockWhitespace(html: string): string {
  return html.replace(AFTER_BLOCK_RE, '$1').replace(BEFORE_BLOCK_RE, '>');
}

const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'option', 'dt', 'dd', 'tr', 'td', 'th',
]);

/**
 * Drops tags nested deeper than MAX_NESTING_DEPTH (their text stays), so that no later tree walk can
 * exhaust the stack. Tags whose end tag is optional count as void here: they never deepen the count.
 */
export function limitNesting(html: string): string {
  if (maxNestingDepth(html) <= MAX_NESTING_DEPTH) return html;
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;
  let depth = 0;
  return html.replace(tagRe, (tag, close: string, rawName: string, selfClose: string) => {
    const name = rawName.toLowerCase();
    if (VOID_TAGS.has(name) || selfClose) return tag;
    if (close) {
      depth = Math.max(0, depth - 1);
      return depth >= MAX_NESTING_DEPTH ? '' : tag;
    }
    depth++;
    return depth > MAX_NESTING_DEPTH ? '' : tag;
  });
}

/**
 * Deepest tag nesting of html, read the way limitNesting cuts it. A hand-written scan: a regular expression's
 * match objects for every tag of the page cost 0.3 MB of heap per page, and nearly every page needs no cut.
 */
export function maxNestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const close = html.charCodeAt(i + 1) === 47; // '/'
    const start = close ? i + 2 : i + 1;
    if (!isAsciiLetter(html.charCodeAt(start))) continue;
    let end = start + 1;
    while (end < html.length && isNameChar(html.charCodeAt(end))) end++;
    const gt = html.indexOf('>', end);
    if (gt === -1) break;
    while (html.charCodeAt(end - 1) === 45) end--; // "</li-->": the name ends at a word boundary, as \b reads it
    // The regular expression's \b: a name cut short by another character ("<a:b>") is not a tag.
    if (end < html.length && !isTagNameEnd(html.charCodeAt(end))) continue;
    const isVoid = html.charCodeAt(gt - 1) === 47 || (end - start <= 8 && VOID_TAGS.has(html.slice(start, end).toLowerCase()));
    if (!isVoid) depth = close ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
    i = gt;
  }
  return max;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45;
}

/** What may follow a tag name for `\b` to hold: anything but a word character. */
function isTagNameEnd(c: number): boolean {
  return !(isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95);
}
