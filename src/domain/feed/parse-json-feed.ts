// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with plain checks: fields of the wrong
// type are ignored rather than failing the whole feed.
import { ParseError } from '../../errors.ts';
import type { ParsedFeed, ParsedItem } from '../../model.ts';

type Json = Record<string, unknown>;

/** Parse a JSON Feed document; ParseError when it is not JSON or not a JSON Feed. */
export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError(`not a feed: invalid JSON (${(err as Error).message})`, { cause: err });
  }
  if (!isObject(doc)) throw new ParseError('not a feed: JSON document is not an object');
  const version = str(doc.version);
  if (!(version && /jsonfeed\.org\/version\//i.test(version)) && !Array.isArray(doc.items)) {
    throw new ParseError('not a feed: JSON without a JSON Feed version or items');
  }
  // Items without an author inherit the feed's (JSON Feed: "the feed author is the author of every item").
  const feedAuthor = readAuthor(doc);
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject).map((item) => toItem(item, feedAuthor)) : [];
  return {
    format: 'json',
    title: str(doc.title),
    link: str(doc.home_page_url),
    language: str(doc.language),
    ttlMinutes: null,
    items,
  };
}

function toItem(item: Json, feedAuthor: string | null): ParsedItem {
  const id = item.id;
  return {
    guid: typeof id === 'string' ? id : typeof id === 'number' ? String(id) : null,
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    published: str(item.date_published) ?? str(item.date_modified),
    author: readAuthor(item) ?? feedAuthor,
    // content_text is the body when there is no content_html, and stands in for a missing summary.
    summary: str(item.summary) ?? str(item.content_text),
    content: str(item.content_html) ?? textToHtml(str(item.content_text)),
    categories: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    enclosures: Array.isArray(item.attachments) ? item.attachments.filter(isObject).flatMap(toEnclosure) : [],
  };
}

/** 1.1 has `authors[]`; 1.0 has a single `author`. */
function readAuthor(item: Json): string | null {
  const authors = Array.isArray(item.authors) ? item.authors : isObject(item.author) ? [item.author] : [];
  const names = authors.filter(isObject).map((a) => str(a.name)).filter((n): n is string => n !== null);
  return names.length ? names.join(', ') : null;
}

function toEnclosure(a: Json): ParsedItem['enclosures'] {
  const url = str(a.url);
  if (!url) return [];
  const size = a.size_in_bytes;
  return [{ url, type: str(a.mime_type), length: typeof size === 'number' && Number.isFinite(size) ? size : null }];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

/** Plain text as HTML paragraphs, so that `content` is always HTML. */
function textToHtml(text: string | null): string | null {
  if (text === null) return null;
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
