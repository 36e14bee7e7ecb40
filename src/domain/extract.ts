// Article extraction: main text, title, canonical link, language, date, author, image and source links.
import { DOMParser } from 'linkedom';
import type { Article } from '../model.ts';
import { ExtractError } from '../errors.ts';
import { type Doc, type El, resolveHttpUrl } from './extract/dom.ts';
import { prepareHtml } from './extract/prepare-html.ts';
import { readMetadata } from './extract/metadata.ts';
import { detectLanguage } from './extract/language.ts';
import { type SemanticContainer, findMainContent, findSemanticContainer } from './extract/main-content.ts';
import { renderText } from './extract/to-text.ts';
import { findLead, withLead } from './extract/lead.ts';
import { dropBylineLines } from './extract/byline.ts';
import { pruneBoilerplate, prunePage } from './extract/boilerplate.ts';
import { dropBoilerplateLines, dropTrailingLabels } from './extract/lines.ts';

/** What extraction may collect from one page; `maxLinks` unset: every link (trusted inputs: tools, evaluation). */
export interface ExtractLimits {
  maxLinks?: number;
}

/** Extracts the article from a decoded HTML page; throws ExtractError only when the input is not HTML at all. */
export function extractArticle(html: string, url: string, limits: ExtractLimits = {}): Article {
  const prepared = prepareHtml(html);
  const doc = parseHtml(prepared.html);
  const meta = readMetadata(doc, prepared.jsonLd, url);
  const lead = findLead(doc, meta.description); // before pruning: standfirsts are classed "teaser" as often as "lead"
  const semantic = findPrunedSemantic(doc);
  // Kept as markup: when the untouched container wins, a parse of this fragment costs far less than of the page again.
  const saved = semantic?.el.outerHTML ?? null;
  const { content, byline } = findMainContent(doc, semantic, () => (saved ? parseFragment(saved) : null));
  const attributions = content ? pruneBoilerplate(content) : [];
  const links = content ? collectLinks([content, ...attributions], baseUrl(doc, url), limits.maxLinks ?? Infinity) : [];
  const rendered = content ? dropTrailingLabels(dropBoilerplateLines(renderText(content), meta.siteName)) : '';
  const led = withLead(rendered, content ? lead : null, meta.description);
  const text = dropBylineLines(dropLeadingTitle(led, meta.title), meta.author ?? byline);
  return {
    title: meta.title,
    text,
    canonicalUrl: meta.canonicalUrl,
    language: meta.language ?? detectLanguage(text),
    publishedAt: meta.publishedAt,
    author: meta.author ?? byline,
    image: meta.image,
    links,
  };
}

/** The page's own article container, after furniture is stripped from the page around it. */
function findPrunedSemantic(doc: Doc): SemanticContainer | null {
  const semantic = findSemanticContainer(doc);
  if (doc.body) prunePage(doc.body, semantic?.el ?? null);
  return semantic;
}

/** Parses HTML into a linkedom document. */
function parseHtml(html: string): Doc {
  try {
    return new DOMParser().parseFromString(html, 'text/html') as unknown as Doc;
  } catch (cause) {
    throw new ExtractError('HTML could not be parsed', { cause });
  }
}

/** The element that markup of one element parses back to. */
function parseFragment(markup: string): El | null {
  return parseHtml(`<!DOCTYPE html><html><head></head><body>${markup}</body></html>`).body?.firstChild ?? null;
}

/** Absolute http(s) links inside the content and the removed attribution lines, without duplicates; the first `max`. */
function collectLinks(roots: El[], base: string, max: number): string[] {
  const seen = new Set<string>();
  for (const root of roots) {
    for (const a of Array.from(root.querySelectorAll('a[href]'))) {
      if (seen.size >= max) return [...seen];
      const href = resolveHttpUrl(a.getAttribute('href'), base);
      if (href) seen.add(href);
    }
  }
  return [...seen];
}

/** The URL relative links resolve against: <base href> when present, else the page URL. */
function baseUrl(doc: Doc, url: string): string {
  return resolveHttpUrl(doc.querySelector('base[href]')?.getAttribute('href'), url) ?? url;
}

/** The headline repeated as the first paragraph, or run into its first line, is not body text. */
function dropLeadingTitle(text: string, title: string | null): string {
  const head = title?.trim();
  if (!head) return text;
  const cut = text.indexOf('\n\n');
  const first = (cut === -1 ? text : text.slice(0, cut)).trim();
  if (first === head) return text.slice(text.indexOf(head) + head.length).trimStart();
  // Table layouts without block markup come out of Readability with headline and lead run together, at
  // times without even a space ("…the spring tidesWorkers finished…"). Only a new sentence after the
  // headline is cut: a lead that merely begins with the headline's words ("Police urge drivers … on Monday") stays.
  const rest = first.slice(head.length).trimStart();
  const startsSentence = /^\p{Lu}/u.test(rest) && !/[.!?:]$/.test(head);
  if (first.startsWith(head) && rest.length > head.length && startsSentence) return text.trimStart().slice(head.length).trimStart();
  return text;
}
