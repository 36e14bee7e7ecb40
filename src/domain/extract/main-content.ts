// The article's main content element: Mozilla Readability on a linkedom document, checked against the
// page's own semantic markup (articleBody, <article>, <main>) when Readability keeps too little.
import { Readability } from '@mozilla/readability';
import { type Doc, type El, textOf } from './dom.ts';

/** Readability's default: fewer characters than this make it retry with looser rules. */
const READABILITY_CHAR_THRESHOLD = 500;

/**
 * When Readability's text is shorter than this share of the paragraph text in the page's semantic article
 * container, the container is used instead (on the trafilatura set this recovered whole missed articles).
 */
const SEMANTIC_FALLBACK_SHARE = 0.6;

const SEMANTIC_SELECTOR =
  '[itemprop="articleBody"], article, .entry-content, .post-content, .article-body, .article-content, .story-body';

/** The content element and its byline. */
export interface MainContent {
  content: El | null;
  byline: string | null;
}

/** Finds the main content of doc (which it modifies). */
export function findMainContent(doc: Doc): MainContent {
  const semantic = findSemanticContainer(doc);
  const fallback = semantic ? { el: semantic.el.cloneNode(true), prose: semantic.prose } : null;
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
  return { content, byline };
}

/** Length of paragraph-like text directly readable in el. */
function proseLength(el: El): number {
  let n = 0;
  for (const p of Array.from(el.querySelectorAll('p, li, blockquote, h2, h3, pre, td'))) {
    if (p.localName === 'p' || !p.querySelector('p')) n += textOf(p).length;
  }
  return n;
}

function findSemanticContainer(doc: Doc): { el: El; prose: number } | null {
  let best: { el: El; prose: number } | null = null;
  for (const el of Array.from(doc.querySelectorAll(SEMANTIC_SELECTOR))) {
    const prose = proseLength(el);
    if (!best || prose > best.prose) best = { el, prose };
  }
  return best && best.prose > 0 ? best : null;
}
