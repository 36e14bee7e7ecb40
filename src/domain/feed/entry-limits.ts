// Limits on what one feed entry may store. A hostile or broken feed can carry a NUL, a lone surrogate, a
// 20,000-character guid or link: PostgreSQL refuses such a row (NUL in text or jsonb, an index entry over its
// 2.7 KB page limit), and one refused row used to fail the insert of all the feed's entries.
import { createHash } from 'node:crypto';
import type { NormalisedItem, ParsedFeed } from '../../model.ts';

/** What one entry may store (the FEEDFOLD_MAX_…_CHARS settings; their defaults and reasons are in src/config.ts). */
export interface EntryLimits {
  /** Longest item key (guid) kept as written; a longer one is stored as `g:` + its SHA-256 (stable across polls). */
  maxGuidChars: number;
  /** Longest link kept; a longer one is dropped (a cut link leads nowhere). */
  maxLinkChars: number;
  /** Longest title kept; longer is cut with "…". */
  maxTitleChars: number;
  /** Longest author line kept; longer is cut with "…". */
  maxAuthorChars: number;
  /** Longest summary or content kept, in characters; longer is cut. */
  maxTextChars: number;
}

/** The entry within the limits: NULs and lone surrogates removed from every field, long fields cut or replaced. */
export function limitEntry(entry: NormalisedItem, limits: EntryLimits): NormalisedItem {
  const key = clean(entry.itemKey);
  return {
    itemKey: key.length > limits.maxGuidChars ? `g:${createHash('sha256').update(key).digest('hex')}` : key,
    url: limitUrl(entry.url, limits.maxLinkChars),
    canonicalUrl: limitUrl(entry.canonicalUrl, limits.maxLinkChars),
    title: cut(clean(entry.title), limits.maxTitleChars),
    summary: entry.summary === null ? null : cut(clean(entry.summary), limits.maxTextChars),
    content: entry.content === null ? null : cut(clean(entry.content), limits.maxTextChars),
    author: entry.author === null ? null : cut(clean(entry.author), limits.maxAuthorChars),
    publishedAt: entry.publishedAt,
  };
}

/** The feed's own fields within the same limits (its title, site link and language are stored on the feed). */
export function limitFeedFields<T extends Pick<ParsedFeed, 'title' | 'link' | 'language'>>(feed: T, limits: EntryLimits): T {
  return {
    ...feed,
    title: feed.title === null ? null : cut(clean(feed.title), limits.maxTitleChars),
    link: limitUrl(feed.link, limits.maxLinkChars),
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

function limitUrl(url: string | null, max: number): string | null {
  return url === null || url.length > max ? null : clean(url);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : clean(`${text.slice(0, max - 1)}…`);
}
