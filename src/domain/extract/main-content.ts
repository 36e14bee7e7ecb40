// The article's main content element: Mozilla Readability on a linkedom document, checked against the
// page's own semantic markup (articleBody, <article>, entry content): that container wins when Readability
// keeps too little of it, or when Readability took its wrapper and the body holds nearly all the prose.
import { Readability } from '@mozilla/readability';
import { type Doc, type El, textLength } from './dom.ts';
import { linkTextLength } from './furniture.ts';

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

/**
 * When Readability's choice holds none of the semantic container's longest paragraph (it took another block of
 * the page: a table of addresses, the next story), the container wins if its prose is at least this share of
 * the choice's. On the trafilatura set: at 0.5 two whole articles recovered and one lost (F 0.918 → 0.919), at
 * 1.0 and 2.0 fewer; dev news web token F1 unchanged (0.9858).
 */
const SEMANTIC_ELSEWHERE_SHARE = 0.5;

/** Class words of a CMS's article body proper (WordPress, Blogger, common news templates). */
const BODY_CLASS = /(^|\s)(entry-content|post-content|article-body|article-content|story-body)(\s|$)/;

/** True for the article body proper: schema.org's articleBody or a CMS's body class. */
export function isArticleBody(el: El): boolean {
  if (el.getAttribute('itemprop') === 'articleBody' || el.id === 'articleBody') return true;
  const cls = el.className;
  return !!cls && BODY_CLASS.test(cls);
}

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

/**
 * Finds the main content of doc (which it modifies), given the page's own article container if any.
 * Readability moves and rewrites the container's nodes, so when the untouched container wins, `reloadSemantic`
 * builds it again: cloning it for every page cost more heap than building it again from its markup on the one
 * page in eleven of the trafilatura set where it wins.
 */
export function findMainContent(doc: Doc, semantic: SemanticContainer | null, reloadSemantic: () => El | null): MainContent {
  const marks = semantic ? readSemanticMarks(semantic) : null; // read now: Readability rewrites these nodes
  const reader = new Readability<El>(doc as never, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    serializer: (node: unknown) => node as El,
    keepClasses: true,
  });
  const result = reader.parse();
  const content = result?.content ?? null;
  const byline = result?.byline ?? null;
  if (semantic && marks && prefersSemantic(content, semantic, marks)) return { content: reloadSemantic() ?? content, byline };
  return { content, byline };
}

/** What is read from the semantic container before Readability runs: its squeezed text (a body proper only), a sample. */
export interface SemanticMarks {
  text: string | null;
  sample: string | null;
}

/** Reads the semantic container's marks before Readability moves its nodes. */
export function readSemanticMarks(semantic: SemanticContainer): SemanticMarks {
  return { text: semantic.body ? squeeze(semantic.el) : null, sample: proseSample(semantic.el) };
}

/** True when the page's own container beats Readability's choice. */
export function prefersSemantic(content: El | null, semantic: SemanticContainer, marks: SemanticMarks): boolean {
  if (!content || textLength(content) < semantic.prose * SEMANTIC_FALLBACK_SHARE) return true;
  const chosen = squeeze(content);
  // Readability took another block of the page and none of the article's text.
  if (marks.sample && !chosen.includes(marks.sample) && semantic.prose >= proseLength(content) * SEMANTIC_ELSEWHERE_SHARE) return true;
  // Readability took the article's wrapper: the semantic body inside it holds nearly all its prose, and the
  // rest is furniture (meta line, "Related" heading, share bar) that the body leaves out.
  return marks.text !== null && semantic.prose >= proseLength(content) * SEMANTIC_PREFER_SHARE && chosen.includes(marks.text);
}

/** The start of the longest paragraph of el, without whitespace: found in Readability's choice when it took that text. */
function proseSample(el: El): string | null {
  let best: El | null = null;
  let bestLength = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) {
    const n = textLength(p);
    if (n > bestLength) (best = p, bestLength = n);
  }
  return best && bestLength >= SAMPLE_MIN_CHARS ? squeeze(best).slice(0, SAMPLE_CHARS) : null;
}

const SAMPLE_MIN_CHARS = 80;
const SAMPLE_CHARS = 60;

/** Text without any whitespace: Readability re-spaces the nodes it rewrites (<br> runs into paragraphs). */
function squeeze(el: El): string {
  return (el.textContent ?? '').replace(/\s+/g, '');
}

/**
 * Length of unlinked paragraph-like text directly readable in el; for a post written with <br> only, its
 * unlinked text. Link text does not count: a slider of teaser cards marked up as an <article> is all links.
 */
function proseLength(el: El): number {
  let n = 0;
  let paragraphs = 0;
  // Tests in code, not a selector per call: compiling selectors for every paragraph was a third of this step's heap.
  for (const p of Array.from(el.querySelectorAll('*'))) {
    if (!PROSE_TAGS.has(p.localName)) continue;
    if (p.getElementsByTagName('p').length > 0) continue; // Readability nests <p> in <p>: count the innermost only
    if (hasAncestor(p, 'a')) continue; // a teaser card's summary, linked whole
    paragraphs++;
    n += Math.max(0, textLength(p) - linkTextLength(p));
  }
  if (paragraphs > 0) return n;
  return Math.max(0, textLength(el) - linkTextLength(el));
}

const PROSE_TAGS = new Set(['p', 'li', 'blockquote', 'h2', 'h3', 'pre', 'td']);

/** True when el or an ancestor up to the document is a `tag` element. */
function hasAncestor(el: El, tag: string): boolean {
  for (let node: El | null = el; node && node.nodeType === 1; node = node.parentNode) if (node.localName === tag) return true;
  return false;
}

/** The page's own article container (articleBody, <article>, entry content) with the most prose, if any. */
export function findSemanticContainer(doc: Doc): SemanticContainer | null {
  let best: { el: El; prose: number } | null = null;
  // Tests in code on one walk: the selector list was compiled and matched anew for every page.
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    if ((el.localName !== 'article' && !isArticleBody(el)) || isFurnitureContainer(el)) continue;
    const prose = proseLength(el);
    if (!best || prose > best.prose) best = { el, prose };
  }
  if (!best || best.prose === 0) return null;
  return { ...best, body: isArticleBody(best.el) };
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
  for (let node: El | null = el; node && node.nodeType === 1; node = node.parentNode) {
    if (node.localName === 'dialog' || node.getAttribute('role') === 'dialog' || node.getAttribute('aria-modal') === 'true') return true;
  }
  return false;
}
