// Canonical article URLs: the same story reached through a newsletter, a share button or a feed
// must give the same string, so tracking parameters, fragments and default ports are removed.

/**
 * Query parameters that only say how a reader arrived, never which page it is.
 * Matched case-insensitively; `utm_*`, `pk_*` (Matomo) and `mtm_*` are matched as prefixes.
 */
export const TRACKING_PARAMS: readonly string[] = [
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'igsh', '_ga', '_gl', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking',
  'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'ocid', 'icid', 'ncid', 'sr_share', 'smid', 'smtyp',
  'rss_id', 'feature', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
  'wt.mc_id', 'wt_mc_id', 'cid_source', 'soc_src', 'soc_trk', 'spm', 'vero_id', 'vero_conv', 'oly_enc_id',
  'oly_anon_id', 'rb_clickid', 's_cid', 'mkt_tok', 'trk', 'trkcampaign', 'sc_cid', 'ito', 'xtor', 'guccounter',
];
const TRACKING_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_'];
const TRACKING_SET = new Set(TRACKING_PARAMS);

/** Whether a query parameter name is a tracking parameter (see TRACKING_PARAMS). */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_SET.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Resolve a possibly relative URL against a base; null when unusable (invalid, javascript:, data:). */
export function resolveUrl(url: string | null | undefined, base?: string | null): string | null {
  if (url == null) return null;
  const trimmed = url.trim();
  if (trimmed === '') return null;
  let parsed: URL;
  try {
    parsed = base ? new URL(trimmed, new URL(base.trim())) : new URL(trimmed);
  } catch {
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
  }
  if (/^(javascript|data|vbscript|file|about|blob):$/.test(parsed.protocol)) return null;
  return parsed.href;
}

/** The canonical form of an http(s) URL (absolute, no tracking parameters, sorted query); null otherwise. */
export function canonicalizeUrl(url: string, base?: string): string | null {
  const resolved = resolveUrl(url, base);
  if (!resolved) return null;
  const u = new URL(resolved);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.search = canonicalQuery(u.search);
  // The URL class already lower-cases the scheme and host and drops default ports.
  return u.href;
}

/** Drop tracking parameters and sort the rest by name, keeping their raw encoding and relative order. */
function canonicalQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair, index) => ({ pair, index, name: decodeName(pair.split('=')[0] ?? '') }))
    .filter((p) => !isTrackingParam(p.name));
  kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
  return kept.length ? `?${kept.map((p) => p.pair).join('&')}` : '';
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
