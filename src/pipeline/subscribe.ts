// Subscribing: a feed URL is added as is; a web page is searched for its feed (autodiscovery).
import { FetchError, ParseError } from '../errors.ts';
import { addFeed, type FeedRow } from '../db/feeds.ts';
import { decodeText } from '../domain/encoding.ts';
import { commonFeedPaths, discoverFeedLinks } from '../domain/discover.ts';
import { parseFeed } from '../domain/feed/parse-feed.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import type { ParsedFeed } from '../model.ts';
import { fetchOptionsFrom, type Deps } from './deps.ts';

/** The feed found for a URL, or why none was. */
export type SubscribeResult = { ok: true; feed: FeedRow; created: boolean } | { ok: false; url: string; error: string };

async function tryFeed(deps: Deps, url: string): Promise<{ url: string; parsed: ParsedFeed } | { html: string; url: string } | null> {
  const res = await deps.fetch(url, fetchOptionsFrom(deps.config));
  const type = res.contentType ?? '';
  const text = decodeText(res.body, type, /json/i.test(type) ? 'json' : /html/i.test(type) ? 'html' : 'xml').text;
  try {
    return { url: res.url, parsed: await parseFeed(text) };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return /<html|<!doctype html/i.test(text.slice(0, 2048)) ? { html: text, url: res.url } : null;
  }
}

/** Find the feed behind `input` (a feed or a site URL) and subscribe to it. */
export async function subscribe(deps: Deps, input: string, opts: { folder?: string | null; title?: string | null } = {}): Promise<SubscribeResult> {
  const url = canonicalizeUrl(input);
  if (!url) return { ok: false, url: input, error: 'not an http(s) URL' };
  try {
    const first = await tryFeed(deps, url);
    let found: { url: string; parsed: ParsedFeed } | null = first && 'parsed' in first ? first : null;
    if (!found && first && 'html' in first) {
      const candidates = [...discoverFeedLinks(first.html, first.url), ...commonFeedPaths.map((p) => new URL(p, first.url).toString())];
      for (const candidate of candidates) {
        const r = await tryFeed(deps, candidate).catch(() => null);
        if (r && 'parsed' in r) {
          found = r;
          break;
        }
      }
    }
    if (!found) return { ok: false, url, error: 'no feed found at this address' };
    const feedUrl = canonicalizeUrl(found.url) ?? found.url;
    const { feed, created } = await addFeed(
      deps.db,
      { url: feedUrl, title: opts.title ?? found.parsed.title, folder: opts.folder ?? null, siteUrl: found.parsed.link },
      deps.now(),
    );
    return { ok: true, feed, created };
  } catch (err) {
    if (err instanceof FetchError) return { ok: false, url, error: `${err.kind}: ${err.message}` };
    throw err;
  }
}
