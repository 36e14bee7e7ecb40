// Atom 0.3 and 1.0 as rss-parser returns them (with feedfold's custom fields), mapped to ParsedFeed.
import type { ParsedFeed, ParsedItem } from '../../model.ts';
import { resolveUrl } from '../url.ts';
import { attrOf, firstText, lengthOf, nodesOf, stringOf, textOf, type XmlNode } from './xml-node.ts';

type Raw = Record<string, unknown>;

/** Map rss-parser's Atom output to a ParsedFeed. */
export function readAtomFeed(out: Raw): ParsedFeed {
  const attrs = (out.attrs ?? {}) as Record<string, unknown>;
  const feedBase = typeof attrs['xml:base'] === 'string' ? attrs['xml:base'] : null;
  const items = Array.isArray(out.items) ? (out.items as Raw[]) : [];
  return {
    format: 'atom',
    title: stringOf(out.title) ?? firstText(out.titleRaw),
    link: withBase(alternateLink(nodesOf(out.linkRaw)), feedBase),
    language: typeof attrs['xml:lang'] === 'string' && attrs['xml:lang'].trim() ? attrs['xml:lang'].trim() : null,
    ttlMinutes: null,
    items: items.map((item) => readAtomEntry(item, feedBase)),
  };
}

function readAtomEntry(entry: Raw, feedBase: string | null): ParsedItem {
  const attrs = (entry.attrs ?? {}) as Record<string, unknown>;
  const entryBase = typeof attrs['xml:base'] === 'string' ? (resolveUrl(attrs['xml:base'], feedBase) ?? feedBase) : feedBase;
  const links = nodesOf(entry.linkRaw);
  return {
    guid: firstText(entry.idRaw),
    link: withBase(alternateLink(links), entryBase),
    title: firstText(entry.titleRaw),
    // Atom 0.3 names the dates issued / modified / created.
    published:
      firstText(entry.published) ?? firstText(entry.issued) ?? firstText(entry.updated) ?? firstText(entry.modified) ?? firstText(entry.created),
    author: readAuthor(entry),
    summary: stringOf(entry.summary),
    content: hasOutOfLineContent(entry) ? null : stringOf(entry.content),
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
  const names = nodesOf(entry.categoryRaw).map((c) => attrOf(c, 'term') ?? attrOf(c, 'label') ?? textOf(c));
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** Out-of-line content (`<content src="…"/>`) has no body; rss-parser would serialise the empty element. */
function hasOutOfLineContent(entry: Raw): boolean {
  const node = nodesOf(entry.contentRaw)[0];
  return node !== undefined && attrOf(node, 'src') !== null && textOf(node) === null;
}
