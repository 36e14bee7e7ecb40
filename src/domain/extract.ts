// Article extraction: main text, title, canonical link, language, date, author, image and source links.
import { DOMParser } from 'linkedom';
import type { Article } from '../model.ts';
import { ExtractError } from '../errors.ts';
import { type Doc, type El, resolveHttpUrl } from './extract/dom.ts';
import { prepareHtml } from './extract/prepare-html.ts';
import { readMetadata } from './extract/metadata.ts';
import { detectLanguage } from './extract/language.ts';
import { runReadability } from './extract/main-content.ts';
import { renderText } from './extract/to-text.ts';
import { dropBoilerplateLines, pruneBoilerplate } from './extract/boilerplate.ts';

/** Extracts the article from a decoded HTML page; throws ExtractError only when the input is not HTML at all. */
export function extractArticle(html: string, url: string): Article {
  const prepared = prepareHtml(html);
  const doc = parseHtml(prepared.html);
  const meta = readMetadata(doc, prepared.jsonLd, url);
  const { content, byline } = runReadability(doc);
  const links = content ? collectLinks(content, baseUrl(doc, url)) : [];
  if (content) pruneBoilerplate(content);
  const text = content ? dropBoilerplateLines(renderText(content)) : '';
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

/** Parses HTML into a linkedom document. */
function parseHtml(html: string): Doc {
  try {
    return new DOMParser().parseFromString(html, 'text/html') as unknown as Doc;
  } catch (cause) {
    throw new ExtractError('HTML could not be parsed', { cause });
  }
}

/** Absolute http(s) links inside the content, in document order, without duplicates. */
function collectLinks(content: El, base: string): string[] {
  const seen = new Set<string>();
  for (const a of Array.from(content.querySelectorAll('a[href]'))) {
    const href = resolveHttpUrl(a.getAttribute('href'), base);
    if (href) seen.add(href);
  }
  return [...seen];
}

/** The URL relative links resolve against: <base href> when present, else the page URL. */
function baseUrl(doc: Doc, url: string): string {
  return resolveHttpUrl(doc.querySelector('base[href]')?.getAttribute('href'), url) ?? url;
}
