// RSS 0.9x, 1.0 (RDF) and 2.0 as rss-parser returns them, mapped to ParsedFeed.
import type { ParsedFeed, ParsedItem } from '../../model.ts';
import { resolveUrl } from '../url.ts';
import type { RawConstructs } from './raw-constructs.ts';
import { resolveRelativeId } from './read-atom.ts';
import { attrOf, firstText, nodesOf, readEnclosures, stringOf, textOf } from './xml-node.ts';

type Raw = Record<string, unknown>;

const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

/** Map rss-parser's RSS output (with feedfold's custom fields) to a ParsedFeed; `raw` holds markup-bearing elements. */
export function readRssFeed(
  out: Raw,
  format: 'rss' | 'rdf',
  raw: { feed: RawConstructs; entries: RawConstructs[] } = { feed: {}, entries: [] },
  rootBase: string | null = null,
): ParsedFeed {
  const items = Array.isArray(out.items) ? (out.items as Raw[]) : [];
  // The raw elements line up with rss-parser's items only when both saw the same number of items.
  const rawItems = raw.entries.length === items.length ? raw.entries : [];
  return {
    format,
    title: raw.feed.title ?? stringOf(out.title) ?? firstText(out.dcTitle),
    link: withBase(readChannelLink(out), xmlBase(out, rootBase)),
    language: stringOf(out.language) ?? firstText(out.dcLanguage),
    ttlMinutes: readTtl(out),
    items: items.map((item, i) => readRssItem(item, rawItems[i] ?? {}, xmlBase(out, rootBase), format === 'rdf')),
  };
}

/** The channel's home page: a text `<link>`, else an Atom alternate link. */
function readChannelLink(out: Raw): string | null {
  for (const n of nodesOf(out.linkRaw)) {
    const t = typeof n === 'string' ? n.trim() : (attrOf(n, 'href') ?? textOf(n));
    if (t && (typeof n === 'string' || attrOf(n, 'rel') === null || attrOf(n, 'rel') === 'alternate')) return t;
  }
  const atomAlternate = nodesOf(out.atomLinks).find((l) => attrOf(l, 'rel') === 'alternate');
  return atomAlternate ? attrOf(atomAlternate, 'href') : null;
}

/** `<ttl>` minutes, else sy:updatePeriod / sy:updateFrequency. */
function readTtl(out: Raw): number | null {
  return ttlMinutesOf(stringOf(out.ttl), stringOf(out.syPeriod), stringOf(out.syFrequency));
}

/** Minutes between updates from `<ttl>`, else from sy:updatePeriod divided by sy:updateFrequency; null when neither says. */
export function ttlMinutesOf(ttlText: string | null, periodText: string | null, frequencyText: string | null): number | null {
  const ttl = Number(ttlText);
  if (ttlText !== null && Number.isFinite(ttl) && ttl > 0) return Math.round(ttl);
  const period = periodText?.trim().toLowerCase();
  const minutes = period ? PERIOD_MINUTES[period] : undefined;
  if (minutes === undefined) return null;
  const freq = Number(frequencyText ?? 1);
  return Math.max(1, Math.round(minutes / (Number.isFinite(freq) && freq > 0 ? freq : 1)));
}

/** xml:base of the channel, or of <rss>; items may refine it. */
function xmlBase(node: Raw, parent: string | null): string | null {
  const own = (node.attrs as Record<string, unknown> | undefined)?.['xml:base'];
  return typeof own === 'string' && own.trim() ? (resolveUrl(own, parent) ?? parent) : parent;
}

function readRssItem(item: Raw, raw: RawConstructs, channelBase: string | null, isRdf: boolean): ParsedItem {
  const base = xmlBase(item, channelBase);
  const guidNode = nodesOf(item.guidRaw)[0];
  const guidText = guidNode !== undefined ? textOf(guidNode) : null;
  // RSS 1.0 names an item by its rdf:about (the spec: identical to its <link>); a <guid> still wins.
  const about = isRdf && !guidText ? (stringOf((item.attrs as Raw | undefined)?.['rdf:about'])?.trim() ?? null) : null;
  // A relative guid under xml:base is resolved, as Atom ids are.
  const guid = resolveRelativeId(guidText ?? about, base);
  const permaLink = about === null && guidNode !== undefined ? attrOf(guidNode, 'isPermaLink') : null;
  // A guid that is a permalink, or an rdf:about URL, stands in for a missing <link>, as in every reader.
  const guidAsLink = guid && permaLink?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guid) ? guid : null;
  return {
    guid,
    ...(about !== null && guid !== null ? { guidFromAbout: true } : {}),
    link: withBase(readItemLink(item), base) ?? guidAsLink,
    title: raw.title ?? firstText(item.titleRaw) ?? firstText(item.dcTitle),
    published: stringOf(item.pubDate) ?? firstText(item.dcDate) ?? firstText(item.atomUpdated) ?? firstText(item.atomPublished),
    author: firstText(item.dcCreator) ?? firstText(item.authorRaw) ?? firstText(item.dcAuthor) ?? firstText(item.itunesAuthor) ?? atomAuthor(item),
    // rss-parser re-serialises unescaped XHTML children of these, so its strings are used as they are.
    summary: raw.description ?? stringOf(item.content) ?? firstText(item.dcDescription) ?? firstText(item.itunesSummary),
    content: stringOf(item['content:encoded']) ?? firstText(item.atomContent),
    categories: readCategories(item),
    enclosures: readEnclosures(item),
  };
}

function readItemLink(item: Raw): string | null {
  for (const n of nodesOf(item.linkRaw)) {
    const isAlternate = (attrOf(n, 'rel') ?? 'alternate') === 'alternate';
    const t = typeof n === 'string' ? n.trim() : (textOf(n) ?? (isAlternate ? attrOf(n, 'href') : null));
    if (t) return t;
  }
  return null;
}

function atomAuthor(item: Raw): string | null {
  const node = nodesOf(item.atomAuthor)[0];
  if (node === undefined || typeof node === 'string') return node ?? null;
  return firstText(node['atom:name']) ?? firstText(node['atom:email']);
}

function readCategories(item: Raw): string[] {
  const atom = nodesOf(item.atomCategory).map((n) => attrOf(n, 'label') ?? attrOf(n, 'term'));
  const names = [...nodesOf(item.categoryRaw).map((n) => textOf(n)?.trim() ?? null), ...nodesOf(item.dcSubject).map(textOf), ...atom];
  return [...new Set(names.filter((n): n is string => n !== null && n !== ''))];
}

function withBase(link: string | null, base: string | null): string | null {
  if (!link || !base) return link;
  return resolveUrl(link, base) ?? link;
}
