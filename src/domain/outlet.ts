// Outlets: the publishers behind a story's copies. One site carrying an article in several of its feeds
// (world, front page, a topic) is one outlet, so it counts as one source.
import { parse } from 'tldts';
import { trimCharEnd } from './trim-chars.ts';

/** A member's publisher, as far as the outlet rule needs it. */
export interface OutletInput {
  sourceTitle: string | null;
  sourceUrl: string | null;
  feedUrl?: string | null;
  url: string | null;
  language: string | null;
  isCanonical: boolean;
  publishedAt: Date | null;
}

/** One outlet of a story: its key (registrable domain or host), display name, home page, its copy and language. */
export interface Outlet {
  key: string;
  name: string;
  url: string | null;
  /** The outlet's (first) copy of the story. */
  articleUrl: string | null;
  language: string | null;
}

/**
 * The outlet a copy belongs to: the registrable domain (public-suffix list, via tldts) of the site's home
 * page, else of the feed URL, else of the article URL. A host with no registrable domain (an IP address,
 * "localhost") hosts sites side by side, so there the site's home page URL itself (origin and path) is the
 * outlet. Null when none of them is a URL.
 */
export function outletKey(m: Pick<OutletInput, 'sourceUrl' | 'feedUrl' | 'url'>): string | null {
  for (const candidate of [m.sourceUrl, m.feedUrl, m.url]) {
    if (!candidate) continue;
    const parsed = parse(candidate);
    if (!parsed.hostname) continue;
    if (parsed.domain) return parsed.domain.toLowerCase();
    return candidate === m.sourceUrl ? siteOf(candidate) : parsed.hostname.toLowerCase();
  }
  return null;
}

function siteOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${trimCharEnd(u.pathname, '/')}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/** The story's outlets, canonical item's first, then in order of publication; one entry per outlet. */
export function storyOutlets(members: readonly OutletInput[]): Outlet[] {
  const ordered = [...members].sort(
    (a, b) => Number(b.isCanonical) - Number(a.isCanonical) || (a.publishedAt?.getTime() ?? Infinity) - (b.publishedAt?.getTime() ?? Infinity),
  );
  const seen = new Map<string, Outlet>();
  for (const m of ordered) {
    const key = outletKey(m) ?? `untitled:${m.sourceTitle ?? ''}`;
    if (seen.has(key)) continue;
    seen.set(key, { key, name: m.sourceTitle?.trim() || key, url: m.sourceUrl, articleUrl: m.url, language: m.language });
  }
  return [...seen.values()];
}
