// From a parsed feed to items ready to store: absolute links, canonical URL, a plain-text title,
// a parsed date and a key that stays the same each time the feed is polled.
import { createHash } from 'node:crypto';
import type { NormalisedItem, ParsedFeed, ParsedItem } from '../../model.ts';
import { canonicalizeUrl, resolveUrl } from '../url.ts';
import { parseFeedDate } from './dates.ts';
import { htmlToLine } from '../html-text.ts';
import { limitEntry, type EntryLimits } from './entry-limits.ts';

/** Words of the summary used as a title when an item has none. */
const UNTITLED_WORDS = 12;

/** Normalise every item of a parsed feed, within the entry limits; the first of several items with the same key wins. */
export function normaliseFeedItems(feed: ParsedFeed, feedUrl: string, limits: EntryLimits): NormalisedItem[] {
  // Relative item links are resolved against the site link when it is usable, else the feed's own URL.
  const base = resolveUrl(feed.link, feedUrl) ?? feedUrl;
  const seen = new Set<string>();
  const out: NormalisedItem[] = [];
  for (const item of feed.items) {
    const normalised = limitEntry(normaliseItem(item, base), limits);
    if (seen.has(normalised.itemKey)) continue;
    seen.add(normalised.itemKey);
    out.push(normalised);
  }
  return out;
}

function normaliseItem(item: ParsedItem, base: string): NormalisedItem {
  const url = resolveUrl(item.link, base);
  const canonicalUrl = url ? canonicalizeUrl(url) : null;
  const title = makeTitle(item);
  const publishedAt = parseFeedDate(item.published);
  return {
    // An rdf:about keys the item only when it has no link (ParsedItem.guidFromAbout).
    itemKey: makeItemKey(item.guidFromAbout && canonicalUrl ? null : item.guid, canonicalUrl, title, item.published),
    url,
    canonicalUrl,
    title,
    summary: nonEmpty(item.summary),
    content: nonEmpty(item.content),
    author: item.author ? htmlToLine(item.author) || null : null,
    publishedAt,
  };
}

function makeTitle(item: ParsedItem): string {
  const title = item.title ? htmlToLine(item.title) : '';
  if (title) return title;
  const text = htmlToLine(item.summary ?? item.content ?? '');
  if (!text) return '(untitled)';
  const words = text.split(' ');
  return words.length > UNTITLED_WORDS ? `${words.slice(0, UNTITLED_WORDS).join(' ')}…` : text;
}

/** guid, else canonical link, else `h:` + a hash of title and date string. */
export function makeItemKey(guid: string | null, canonicalUrl: string | null, title: string, published: string | null): string {
  const g = guid?.trim();
  if (g) return g;
  if (canonicalUrl) return canonicalUrl;
  const digest = createHash('sha256').update(`${title}\u0000${published ?? ''}`).digest('hex');
  return `h:${digest.slice(0, 32)}`;
}

function nonEmpty(s: string | null): string | null {
  return s && s.trim() !== '' ? s : null;
}
