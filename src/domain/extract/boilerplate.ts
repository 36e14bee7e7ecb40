// Removes boilerplate that survives inside the chosen content: share bars, related links, captions, promos.
import { type El, textLength, textOf } from './dom.ts';
import { MAX_REMOVED_SHARE, linkTextLength, removeFurniture } from './furniture.ts';

/** A block whose text is mostly link text is a list of links (related stories, tags, menus). */
const LINK_DENSITY_MAX = 0.5;

const BLOCK_SELECTOR = 'div, section, ul, ol, dl, table, td, p, span';

/**
 * Strips furniture from the whole page before the content is chosen, so it cannot win; never an element
 * holding `keep` (the page's own article container: a short post inside a "widget" wrapper stays).
 */
export function prunePage(root: El, keep: El | null = null): void {
  removeFurniture(root, 'page', keep);
}

/**
 * Strips furniture from the chosen content element in place. Returns the removed one-link paragraphs
 * ("Source link", "Continue reading"): their links are attribution and are kept.
 */
export function pruneBoilerplate(content: El): El[] {
  const total = Math.max(1, textLength(content));
  const attributions: El[] = [];
  removeFurniture(content, 'content');
  for (const el of Array.from(content.querySelectorAll(BLOCK_SELECTOR)).reverse()) {
    if (!el.parentNode || !isLinkList(el, total)) continue;
    if (el.localName === 'p' || el.localName === 'span') attributions.push(el);
    removeWithHeading(el);
  }
  dropTrailingHeadings(content);
  return attributions;
}

/**
 * An article never ends on a heading: one left last is the title of a removed list ("Related stories"). Only a
 * heading-sized one: broken markup can open an <h2> that the parser closes around the whole article.
 */
function dropTrailingHeadings(content: El): void {
  for (;;) {
    const headings = Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6'));
    const last = headings[headings.length - 1];
    if (!last || !endsContent(content, last) || textLength(last) > HEADING_MAX_CHARS) return;
    last.remove();
  }
}

/** Longest text of a real heading; a longer "heading" is markup gone wrong that wraps body text. */
const HEADING_MAX_CHARS = 200;

/** True when no text follows el inside root. */
function endsContent(root: El, el: El): boolean {
  for (let node: El | null = el; node && node !== root; node = node.parentNode) {
    for (let sib = node.nextSibling; sib; sib = sib.nextSibling) if ((sib.textContent ?? '').trim()) return false;
  }
  return true;
}

/** True for a block that is mostly links and not a large part of the content. */
function isLinkList(el: El, total: number): boolean {
  const len = textLength(el);
  if (len === 0) return false;
  const density = linkTextLength(el) / len;
  if (el.localName === 'p' || el.localName === 'span') return density > 0.9 && len < 80 && len / total <= MAX_REMOVED_SHARE;
  // A block made only of links ("Most read", "Related") is never article text, however short the article
  // beside it; unless it is all there is.
  if (density > PURE_LINK_LIST && len < total * 0.95) return true;
  return len / total <= MAX_REMOVED_SHARE && density > LINK_DENSITY_MAX;
}

/** Link density above which a list or block is only links. */
const PURE_LINK_LIST = 0.9;

/** Removes el and a short heading directly before it ("Related stories", "Read also:"). */
function removeWithHeading(el: El): void {
  let prev = previousElement(el);
  if (prev && /^h[1-6]$|^p$|^strong$|^div$/.test(prev.localName) && textLength(prev) < 60 && !prev.querySelector('p')) {
    if (/^h[1-6]$/.test(prev.localName) || /[:?]$/.test(textOf(prev))) prev.remove();
  }
  el.remove();
  prev = null;
}

function previousElement(el: El): El | null {
  const parent = el.parentNode;
  if (!parent) return null;
  const kids = Array.from(parent.children);
  const i = kids.indexOf(el);
  return i > 0 ? (kids[i - 1] ?? null) : null;
}
