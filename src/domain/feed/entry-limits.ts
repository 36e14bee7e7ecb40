// Limits on what one feed entry may store. A hostile or broken feed can carry a NUL, a lone surrogate, a
// 20,000-character guid or link: PostgreSQL refuses such a row (NUL in text or jsonb, an index entry over its
// 2.7 KB page limit), and one refused row used to fail the insert of all the feed's entries (issue #13).
import { createHash } from 'node:crypto';
import type { NormalisedItem, ParsedFeed } from '../../model.ts';

/** Longest item key (guid) kept as written; a longer one is stored as `g:` + its SHA-256 (stable across polls). */
export const MAX_ITEM_KEY_CHARS = 512;
/** Longest link kept; a longer one is dropped (a cut link leads nowhere). Browsers and CDNs stop near 2–8 K. */
export const MAX_URL_CHARS = 4096;
/** Longest title kept; longer is cut with "…". Headlines in the dev news web stay under 300. */
export const MAX_TITLE_CHARS = 1000;
/** Longest author line kept; longer is cut with "…". */
export const MAX_AUTHOR_CHARS = 500;
/** Longest summary or content kept, in characters; longer is cut. The largest real entry in the test suites is 0.2 M. */
export const MAX_ENTRY_TEXT_CHARS = 1_000_000;

/** The entry within the limits: NULs and lone surrogates removed from every field, long fields cut or replaced. */
export function limitEntry(entry: NormalisedItem): NormalisedItem {
  const key = clean(entry.itemKey);
  return {
    itemKey: key.length > MAX_ITEM_KEY_CHARS ? `g:${createHash('sha256').update(key).digest('hex')}` : key,
    url: limitUrl(entry.url),
    canonicalUrl: limitUrl(entry.canonicalUrl),
    title: cut(clean(entry.title), MAX_TITLE_CHARS),
    summary: entry.summary === null ? null : cut(clean(entry.summary), MAX_ENTRY_TEXT_CHARS),
    content: entry.content === null ? null : cut(clean(entry.content), MAX_ENTRY_TEXT_CHARS),
    author: entry.author === null ? null : cut(clean(entry.author), MAX_AUTHOR_CHARS),
    publishedAt: entry.publishedAt,
  };
}

/** The feed's own fields within the same limits (its title, site link and language are stored on the feed). */
export function limitFeedFields<T extends Pick<ParsedFeed, 'title' | 'link' | 'language'>>(feed: T): T {
  return {
    ...feed,
    title: feed.title === null ? null : cut(clean(feed.title), MAX_TITLE_CHARS),
    link: limitUrl(feed.link),
    language: feed.language === null ? null : cut(clean(feed.language), MAX_LANGUAGE_CHARS),
  };
}

/** Longest language tag kept (BCP 47 tags are far shorter; a longer one is not a language). */
const MAX_LANGUAGE_CHARS = 64;

/** Text PostgreSQL stores: no NUL, no lone surrogate (JSON would carry it as an escape jsonb refuses). */
export function clean(text: string): string {
  const wellFormed = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE_G, '\uFFFD') : text;
  return wellFormed.includes('\u0000') ? wellFormed.replaceAll('\u0000', '') : wellFormed;
}

const LONE_SURROGATE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE_SOURCE, 'g');

function limitUrl(url: string | null): string | null {
  return url === null || url.length > MAX_URL_CHARS ? null : clean(url);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : clean(`${text.slice(0, max - 1)}…`);
}
