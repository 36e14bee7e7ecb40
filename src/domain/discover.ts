// Feed autodiscovery: the feeds a web page announces in its <head>, and the usual paths to try when it announces none.
import { parseHTML } from 'linkedom';
import { stripHidden } from './extract/prepare-html.ts';
import { resolveUrl } from './url.ts';

/** Paths where sites commonly serve a feed, in the order worth trying. */
export const commonFeedPaths: string[] = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feed.json', '/feeds/posts/default', '/?feed=rss2'];

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
  'application/rdf+xml',
  'application/x.atom+xml',
  'application/x-atom+xml',
  'text/xml',
]);

/** Absolute URLs of the feeds a page links with `<link rel="alternate" type="…feed type…">`, in document order, at most `max`. */
export function discoverFeedLinks(html: string, pageUrl: string, max: number): string[] {
  const { document } = parseHTML(linkAndBaseTags(html));
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = resolveUrl(baseHref, pageUrl) ?? pageUrl;
  const found: string[] = [];
  for (const link of Array.from(document.querySelectorAll('link[href]')) as { getAttribute(name: string): string | null }[]) {
    if (found.length >= max) break;
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolveUrl(link.getAttribute('href'), base);
    // WordPress announces its REST API as an application/json alternate on every page; that is not a feed.
    if (type === 'application/json' && url && /\/wp-json\/|oembed/i.test(url)) continue;
    if (url && /^https?:/.test(url) && !found.includes(url)) found.push(url);
  }
  return found;
}

/** `<link>` and `<base>` tags read from a page, at most; a page announces its feeds in its first few. */
const MAX_LINK_TAGS = 2000;

/**
 * The page's `<link>` and `<base>` tags (outside scripts, styles and comments), alone: what discovery reads,
 * found in one linear scan. Parsed whole, a 1 MB page of '<' needed more than 256 MB of heap, and discovery
 * runs in the process that serves the admin API.
 */
// One way to match each character (attribute text, or a quoted value whole): a failure costs one pass.
const WHOLE_TAG = /<(?:link|base)(?:[^"'>]|"[^"]*"|'[^']*')*>/iy;

function linkAndBaseTags(html: string): string {
  const visible = stripHidden(html, []);
  const tags: string[] = [];
  const re = /<(?:link|base)(?=[\s/>])/gi;
  for (let m = re.exec(visible); m && tags.length < MAX_LINK_TAGS; m = re.exec(visible)) {
    WHOLE_TAG.lastIndex = m.index;
    const tag = WHOLE_TAG.exec(visible)?.[0];
    // A tag left open runs to the end of the page, as a browser reads it: nothing after it is a tag.
    if (!tag) break;
    tags.push(tag);
    re.lastIndex = m.index + tag.length;
  }
  return `<html><head>${tags.join('')}</head></html>`;
}

/** What autodiscovery tries for a page, in order: the feeds it announces, then the usual paths; at most `max` URLs. */
export function feedCandidates(html: string, pageUrl: string, max: number): string[] {
  const candidates = discoverFeedLinks(html, pageUrl, max);
  for (const path of commonFeedPaths) {
    if (candidates.length >= max) break;
    const url = new URL(path, pageUrl).toString();
    if (!candidates.includes(url)) candidates.push(url);
  }
  return candidates;
}
