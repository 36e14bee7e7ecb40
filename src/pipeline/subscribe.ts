// Subscribing: a feed URL is added as is; a web page is searched for its feed (autodiscovery).
import { FetchError, ParseError, PostponedError } from '../errors.ts';
import { addFeed, type FeedRow } from '../db/feeds.ts';
import { decodeText } from '../domain/encoding.ts';
import { feedCandidates } from '../domain/discover.ts';
import { parseFeed } from '../domain/feed/parse-feed.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import type { ParsedFeed } from '../model.ts';
import type { FetchResult } from '../http/fetch.ts';
import { fetchOptionsFrom, type Deps } from './deps.ts';
import { takeHostSlot, type HeldSlot } from './host-slot.ts';

/** The feed found for a URL, or why none was. */
export type SubscribeResult = { ok: true; feed: FeedRow; created: boolean } | { ok: false; url: string; error: string };

async function tryFeed(deps: Deps, url: string): Promise<{ url: string; parsed: ParsedFeed } | { html: string; url: string } | null> {
  const res = await fetchWithinBudget(deps, url);
  const type = res.contentType ?? '';
  const text = decodeText(res.body, type, /json/i.test(type) ? 'json' : /html/i.test(type) ? 'html' : 'xml').text;
  try {
    return { url: res.url, parsed: await parseFeed(text) };
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return /<html|<!doctype html/i.test(text.slice(0, 2048)) ? { html: text, url: res.url } : null;
  }
}

/**
 * Fetch inside a slot of the URL's host budget, waiting for one (a subscriber is waiting for the answer) at most as
 * long as one fetch may take. Without queues (the CLI adds feeds one by one) there is no shared budget to take from.
 */
async function fetchWithinBudget(deps: Deps, url: string): Promise<FetchResult> {
  let slot: HeldSlot | null = null;
  if (deps.queues) {
    const until = Date.now() + deps.config.fetchTimeoutMs;
    for (;;) {
      try {
        slot = await takeHostSlot(deps, url);
        break;
      } catch (err) {
        if (!(err instanceof PostponedError)) throw err;
        if (Date.now() + err.retryAfterMs > until) throw err;
        await new Promise((resolve) => setTimeout(resolve, err.retryAfterMs));
      }
    }
  }
  try {
    return await deps.fetch(url, fetchOptionsFrom(deps.config));
  } finally {
    await slot?.release();
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
      for (const candidate of feedCandidates(first.html, first.url, deps.config.discoverMaxCandidates)) {
        // A candidate that fails is passed over; a host out of budget ends the search (the rest would wait as well).
        const r = await tryFeed(deps, candidate).catch((err: unknown) => {
          if (err instanceof PostponedError) throw err;
          return null;
        });
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
    if (err instanceof PostponedError) return { ok: false, url, error: `${err.message}; try again in ${Math.ceil(err.retryAfterMs / 1000)} s` };
    throw err;
  }
}
