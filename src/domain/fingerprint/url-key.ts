// URL keys: one key for the spellings of one page address.

import { hashHex64 } from './simhash.ts';
import { trimCharEnd } from '../trim-chars.ts';

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|icid|ito)$/i;

/** The comparable form of a page URL: no scheme, www., default port, fragment, tracking parameters or trailing slash; null if invalid. */
export function normalisePageUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const k of [...url.searchParams.keys()]) if (TRACKING.test(k)) url.searchParams.delete(k);
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const path = trimCharEnd(url.pathname, '/');
  return `${host}${port}${path}${url.search}`;
}

/** A short key for a page URL, null if the URL is invalid. */
export function urlKeyOf(raw: string | null): string | null {
  if (!raw) return null;
  const norm = normalisePageUrl(raw);
  return norm ? hashHex64(norm).slice(0, 12) : null;
}

/** Keys of links that may name the original: other hosts, article-like paths (not a home page), last ones first. */
export function linkKeysOf(links: string[], ownUrl: string, max: number): string[] {
  let ownHost = '';
  try {
    ownHost = new URL(ownUrl).host.toLowerCase();
  } catch {
    ownHost = '';
  }
  const keys: string[] = [];
  for (const link of [...links].reverse()) {
    let u: URL;
    try {
      u = new URL(link);
    } catch {
      continue;
    }
    if (u.host.toLowerCase() === ownHost || trimCharEnd(u.pathname, '/') === '') continue;
    const k = urlKeyOf(link);
    if (k && !keys.includes(k)) keys.push(k);
    if (keys.length >= max) break;
  }
  return keys;
}
