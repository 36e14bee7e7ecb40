// Atom 0.3 and 1.0 as rss-parser returns them (with feedfold's custom fields), mapped to ParsedFeed.
import type { ParsedFeed, ParsedItem } from '../../model.ts';
import { resolveUrl } from '../url.ts';
import { decodeBase64Text, isBinaryType } from './base64-text.ts';
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
    link: alternateLink(nodesOf(out.linkRaw), feedBase),
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
    guid: resolveRelativeId(firstText(entry.idRaw), entryBase),
    link: alternateLink(links, entryBase),
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

/** rel="alternate" (or no rel) preferring an HTML type, else the first link with an href; resolved against xml:base. */
function alternateLink(links: XmlNode[], base: string | null): string | null {
  const withHref = links.filter((l) => attrOf(l, 'href'));
  const alternates = withHref.filter((l) => (attrOf(l, 'rel') ?? 'alternate') === 'alternate');
  const html = alternates.find((l) => /html/i.test(attrOf(l, 'type') ?? 'text/html'));
  const chosen = html ?? alternates[0] ?? withHref.find((l) => attrOf(l, 'rel') !== 'self') ?? withHref[0];
  if (!chosen) return null;
  // xml:base on the link element itself refines the entry's.
  const own = attrOf(chosen, 'xml:base');
  return withBase(attrOf(chosen, 'href'), own ? (resolveUrl(own, base) ?? base) : base);
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
  if (attrOf(node, 'mode') === 'base64' || isBinaryType(attrOf(node, 'type'))) return decodeBase64Text(text) ?? text;
  return text;
}

/** An Atom id written as a relative reference is resolved against xml:base, as XML Base and feed readers do. */
export function resolveRelativeId(id: string | null, base: string | null): string | null {
  if (!id || !base || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(id.trim())) return id;
  return resolveUrl(id, base) ?? id;
}
