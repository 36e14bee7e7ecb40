// The article's main content element: Mozilla Readability on a linkedom document, checked against the
// page's own semantic markup (articleBody, <article>, entry content): that container wins when Readability
// keeps too little of it, or when Readability took its wrapper and the body holds nearly all the prose.
import { Readability } from '@mozilla/readability';
import { type Doc, type El, textOf } from './dom.ts';

/** Readability's default: fewer characters than this make it retry with looser rules. */
const READABILITY_CHAR_THRESHOLD = 500;

/**
 * When Readability's text is shorter than this share of the paragraph text in the page's semantic article
 * container, the container is used instead (on the trafilatura set this recovered whole missed articles).
 */
const SEMANTIC_FALLBACK_SHARE = 0.6;

/**
 * A semantic body inside Readability's choice with at least this share of its prose replaces it. Measured
 * (token F1 against the page text of the 1,169 dev news web items; F on the trafilatura set): without the
 * rule 0.9843 / 0.915, at 0.8 0.9858 / 0.915, at 0.9 fewer wrappers are caught.
 */
const SEMANTIC_PREFER_SHARE = 0.8;

const BODY_SELECTOR = '[itemprop="articleBody"], #articleBody, .entry-content, .post-content, .article-body, .article-content, .story-body';
const SEMANTIC_SELECTOR = `${BODY_SELECTOR}, article`;

/** The page's own article container: the element, its prose length, and whether it is the body proper (not a wrapper). */
export interface SemanticContainer {
  el: El;
  prose: number;
  body: boolean;
}

/** The content element and its byline. */
export interface MainContent {
  content: El | null;
  byline: string | null;
}

/** Finds the main content of doc (which it modifies), given the page's own article container if any. */
export function findMainContent(doc: Doc, semantic: SemanticContainer | null): MainContent {
  // Cloned and read now: Readability moves and rewrites these nodes.
  const fallback = semantic ? { el: semantic.el.cloneNode(true), prose: semantic.prose, text: squeeze(semantic.el) } : null;
  const reader = new Readability<El>(doc as never, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    serializer: (node: unknown) => node as El,
    keepClasses: true,
  });
  const result = reader.parse();
  const content = result?.content ?? null;
  const byline = result?.byline ?? null;
  if (fallback && (!content || textOf(content).length < fallback.prose * SEMANTIC_FALLBACK_SHARE)) {
    return { content: fallback.el, byline };
  }
  // Readability took the article's wrapper: the semantic body inside it holds nearly all its prose, and the
  // rest is furniture (meta line, "Related" heading, share bar) that the body leaves out.
  if (fallback && content && semantic?.body && fallback.prose >= proseLength(content) * SEMANTIC_PREFER_SHARE) {
    if (squeeze(content).includes(fallback.text)) return { content: fallback.el, byline };
  }
  return { content, byline };
}

/** Text without any whitespace: Readability re-spaces the nodes it rewrites (<br> runs into paragraphs). */
function squeeze(el: El): string {
  return (el.textContent ?? '').replace(/\s+/g, '');
}

/** Length of paragraph-like text directly readable in el; for a post written with <br> only, its unlinked text. */
function proseLength(el: El): number {
  let n = 0;
  for (const p of Array.from(el.querySelectorAll('p, li, blockquote, h2, h3, pre, td'))) {
    if (!p.querySelector('p')) n += textOf(p).length; // Readability nests <p> in <p>: count the innermost only
  }
  if (n > 0) return n;
  let linked = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) linked += textOf(a).length;
  return Math.max(0, textOf(el).length - linked);
}

/** The page's own article container (articleBody, <article>, entry content) with the most prose, if any. */
export function findSemanticContainer(doc: Doc): SemanticContainer | null {
  let best: { el: El; prose: number } | null = null;
  for (const el of Array.from(doc.querySelectorAll(SEMANTIC_SELECTOR))) {
    if (isFurnitureContainer(el)) continue;
    const prose = proseLength(el);
    if (!best || prose > best.prose) best = { el, prose };
  }
  if (!best || best.prose === 0) return null;
  return { ...best, body: best.el.matches(BODY_SELECTOR) };
}

/**
 * Class and id words of overlays: a log-in or sign-up box marked up as an <article> is not the article. Whole
 * words of the element itself only: on the trafilatura set, also testing ancestors' classes and the general
 * furniture hints lost three whole articles (a "use-lightbox" wrapper, Drupal's page-wide
 * "dialog-off-canvas-main-canvas", an article classed "steady-paywall-container") and fixed none.
 */
const OVERLAY_HINT = /(^|[-_\s])(modal|dialog|popup|logindialog|login|signin|signup|registration)([-_\s]|$)/i;

/** Class and id words of an article-like element that is not the article: its comments or a teaser. */
const NOT_ARTICLE_HINT = /(^|[-_\s])(comments?|commentlist|comment-list|teasers?|related)([-_\s]|$)/i;

/** True for an article-like element that is furniture: comments, a teaser, an overlay or inside one. */
function isFurnitureContainer(el: El): boolean {
  const hint = `${el.className || ''} ${el.id || ''}`;
  if (NOT_ARTICLE_HINT.test(hint) || OVERLAY_HINT.test(hint)) return true;
  // Ancestors by role only: their class words are not to be trusted (Drupal wraps every page in "dialog-off-canvas-main-canvas").
  return el.closest('[role="dialog"], [aria-modal="true"], dialog') !== null;
}
