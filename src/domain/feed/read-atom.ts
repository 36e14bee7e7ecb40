// Atom 0.3 and 1.0 as rss-parser returns them (with feedfold's custom fields), mapped to ParsedFeed.
import type { ParsedFeed, ParsedItem } from '../../model.ts';
import { resolveUrl } from '../url.ts';
import type { RawConstructs } from './raw-constructs.ts';
import { attrOf, firstText, lengthOf, nodesOf, stringOf, textOf, type XmlNode } from './xml-node.ts';

type Raw = Record<string, unknown>;

/** Map rss-parser's Atom output to a ParsedFeed; `raw` holds markup-bearing constructs read from the source. */
export function readAtomFeed(out: Raw, raw: { feed: RawConstructs; entries: RawConstructs[] } = { feed: {}, entries: [] }): ParsedFeed {
  const attrs = (out.attrs ?? {}) as Record<string, unknown>;
  const feedBase = typeof attrs['xml:base'] === 'string' ? attrs['xml:base'] : null;
  const items = Array.isArray(out.items) ? (out.items as Raw[]) : [];
  return {
    format: 'atom',
    title: raw.feed.title ?? constructText(out.titleRaw),
    link: withBase(alternateLink(nodesOf(out.linkRaw)), feedBase),
    language: typeof attrs['xml:lang'] === 'string' && attrs['xml:lang'].trim() ? attrs['xml:lang'].trim() : null,
    ttlMinutes: null,
    items: items.map((item, i) => readAtomEntry(item, feedBase, raw.entries.length === items.length ? (raw.entries[i] ?? {}) : {})),
  };
}

function readAtomEntry(entry: Raw, feedBase: string | null, raw: RawConstructs): ParsedItem {
  const attrs = (entry.attrs ?? {}) as Record<string, unknown>;
  const entryBase = typeof attrs['xml:base'] === 'string' ? (resolveUrl(attrs['xml:base'], feedBase) ?? feedBase) : feedBase;
  const links = nodesOf(entry.linkRaw);
  return {
    guid: firstText(entry.idRaw),
    link: withBase(alternateLink(links), entryBase),
    title: raw.title ?? constructText(entry.titleRaw),
    // Atom 0.3 names the dates issued / modified / created.
    published:
      firstText(entry.published) ?? firstText(entry.issued) ?? firstText(entry.updated) ?? firstText(entry.modified) ?? firstText(entry.created),
    author: readAuthor(entry),
    summary: raw.summary ?? constructText(entry.summaryRaw) ?? stringOf(entry.summary),
    content: raw.content ?? (hasOutOfLineContent(entry) ? null : (constructText(entry.contentRaw) ?? stringOf(entry.content))),
    categories: readCategories(entry),
    enclosures: links
      .filter((l) => attrOf(l, 'rel') === 'enclosure' && attrOf(l, 'href'))
      .map((l) => ({ url: withBase(attrOf(l, 'href'), entryBase) ?? '', type: attrOf(l, 'type'), length: lengthOf(attrOf(l, 'length')) })),
  };
}

/** rel="alternate" (or no rel) preferring an HTML type, else the first link with an href. */
function alternateLink(links: XmlNode[]): string | null {
  const withHref = links.filter((l) => attrOf(l, 'href'));
  const alternates = withHref.filter((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate');
  const html = alternates.find((l) => /html/i.test(attrOf(l, 'type') ?? 'text/html'));
  const chosen = html ?? alternates[0] ?? withHref.find((l) => attrOf(l, 'rel') !== 'self') ?? withHref[0];
  return chosen ? attrOf(chosen, 'href') : null;
}

function withBase(link: string | null, base: string | null): string | null {
  if (!link || !base) return link;
  return resolveUrl(link, base) ?? link;
}

function readAuthor(entry: Raw): string | null {
  const names = nodesOf(entry.authorRaw)
    .map((a) => (typeof a === 'string' ? a.trim() : (firstText(a.name) ?? firstText(a.email))))
    .filter((n): n is string => !!n);
  return names.length ? names.join(', ') : null;
}

function readCategories(entry: Raw): string[] {
  // The label is the human-readable name; the term is often a slug or URI.
  const names = nodesOf(entry.categoryRaw).map((c) => attrOf(c, 'label') ?? attrOf(c, 'term') ?? textOf(c));
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** Out-of-line content (`<content src="…"/>`) has no body; rss-parser would serialise the empty element. */
function hasOutOfLineContent(entry: Raw): boolean {
  const node = nodesOf(entry.contentRaw)[0];
  return node !== undefined && attrOf(node, 'src') !== null && textOf(node) === null;
}

/** Text of a plain text construct; Atom 0.3 `mode="base64"` is decoded. Markup-bearing ones come from `raw`. */
function constructText(value: unknown): string | null {
  const node = nodesOf(value)[0];
  if (node === undefined) return null;
  const text = typeof node === 'string' ? node : typeof node._ === 'string' ? node._ : null;
  if (text === null || text.trim() === '') return null;
  if (attrOf(node, 'mode') === 'base64' || isBinaryType(attrOf(node, 'type'))) return decodeBase64(text) ?? text;
  return text;
}

/** Atom 1.0 §3.1.1 / §4.1.3.3: a MIME type that is neither text nor XML means the element holds base64. */
function isBinaryType(type: string | null): boolean {
  if (type === null || !type.includes('/')) return false;
  return !/^text\/|[/+]xml$/i.test(type.trim());
}

function decodeBase64(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  // Text under an unknown media type that merely looks like base64 ("test") does not decode to UTF-8 text.
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000E-\u001F]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}
