// Item signatures for folding: a cleaned-text simhash, exact and sampled shingle hashes, URL and link keys,
// title words and language-independent anchors — and the look-up keys that find fold candidates.

import { anchorSequence, leadAnchors, pairsOf, rankAnchors, sampleByHash } from './fingerprint/anchors.ts';
import { selectBodyParagraphs } from './fingerprint/clean-body.ts';
import { foldSettings } from './fingerprint/settings.ts';
import { computeSimhash, hash32, hashHex, hashHex64, hashWords, hex32 } from './fingerprint/simhash.ts';
import { linkKeysOf, urlKeyOf } from './fingerprint/url-key.ts';
import { measureTokens, shingleUnits, tokenise } from './text-normalise.ts';

export { hammingDistance } from './fingerprint/simhash.ts';
export { foldSettings } from './fingerprint/settings.ts';

/** What signing needs to know about an item: the input of signItem. */
export interface SignInput {
  /** The item's page URL (after redirects). */
  url: string;
  /** The page's rel=canonical, canonicalised. */
  canonicalUrl: string | null;
  title: string;
  /** Extracted main text, paragraphs separated by blank lines (may be empty: title-only item). */
  text: string;
  /** Absolute links found in the main content (attribution "Source link" targets among them). */
  links: string[];
  /** ISO 639-1 or null. */
  language: string | null;
  publishedAt: Date | null;
}

/** A compact, JSON-serialisable fingerprint of one item (stored per item, packed: src/db/signatures.ts). */
export interface Signature {
  /** Format version. */
  v: 1;
  lang: string | null;
  /** Simhash of the story text, 16 hex digits; null for texts too short to fingerprint. */
  sh: string | null;
  /** Hash of the whole normalised story text; null when there is none. */
  th: string | null;
  /** Story text length in words (a CJK character counts half). */
  n: number;
  /** Sampled hashes of the story's word shingles (unsigned 32-bit), in text order (for containment). Numbers, not
   * the 8 hex digits they are stored as (shingleHex): a worker keeps thousands of signatures parsed, and a text's
   * 50-100 hashes take 8 bytes each as numbers against about 32 as strings. */
  ss: number[];
  /** Title words (CJK bigrams), space-separated, de-duplicated. */
  tw: string;
  /** Key of the item's own URL. */
  u: string | null;
  /** Key of the page's rel=canonical URL when it differs from its own. */
  c: string | null;
  /** Keys of links to other sites' articles (attribution candidates). */
  l: string[];
  /** Language-independent anchors: name skeletons, "#"-numbers, most frequent first. */
  a: string[];
  /** The title's and lede's anchors in order of appearance (absent in signatures stored before it existed). */
  al?: string[];
  /** Every anchor in order of appearance, repeats kept, at most maxAnchorSequence (absent in signatures stored before
   * it existed: their translations are compared on `a`, which keeps no order). */
  q?: string[];
}

const isStrings = (x: unknown): boolean => Array.isArray(x) && x.every((v) => typeof v === 'string');
const isNullableString = (x: unknown): boolean => x === null || typeof x === 'string';
const isUint32s = (x: unknown): boolean => Array.isArray(x) && x.every((v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff);

/** A shingle hash as stored and keyed: 8 lowercase hex digits. */
export const shingleHex = hex32;

/** True when a stored value has the shape of a Signature (bad data in the database must not break folding). */
export function isSignature(x: unknown): x is Signature {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Record<string, unknown>;
  return (
    s.v === 1 && typeof s.n === 'number' && typeof s.tw === 'string' && isNullableString(s.sh) && isNullableString(s.th) &&
    isNullableString(s.lang) && isNullableString(s.u) && isNullableString(s.c) && isUint32s(s.ss) && isStrings(s.l) && isStrings(s.a) &&
    (s.al === undefined || isStrings(s.al)) && (s.q === undefined || isStrings(s.q)) && (s.sh === null || /^[0-9a-f]{16}$/.test(s.sh as string))
  );
}

/**
 * Hashes of the text's word shingles (containmentShingle units long) kept by a consistent sample (hash mod
 * containmentSampling = 0), in text order: containment of a truncated, reflowed or edited copy survives,
 * whatever the sentence or paragraph boundaries.
 */
function sampledShingles(units: string[]): number[] {
  const size = foldSettings.containmentShingle;
  const out: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i + size <= units.length; i++) {
    const h = hashWords(units, i, size, 0x5bd1e995);
    if (h % foldSettings.containmentSampling !== 0 || seen.has(h)) continue;
    seen.add(h);
    out.push(h);
    if (out.length >= foldSettings.maxContainmentHashes) break;
  }
  return out;
}

function simhashOf(units: string[], size: number): string | null {
  if (units.length < Math.max(foldSettings.minSimhashTokens, size)) return null;
  const features = new Set<string>();
  for (let i = 0; i + size <= units.length; i++) features.add(units.slice(i, i + size).join(' '));
  return computeSimhash(features);
}

/** The item's signature: everything decideFold compares, computed once per item. */
export function signItem(input: SignInput): Signature {
  const body = selectBodyParagraphs(input.text);
  const tokens = body.story.flatMap((p) => p.tokens);
  const units = shingleUnits(tokens);
  const own = urlKeyOf(input.url);
  const anchors = anchorSequence(input.title, body.anchors, input.language, input.publishedAt);
  const canonical = urlKeyOf(input.canonicalUrl);
  return {
    v: 1,
    lang: input.language,
    sh: simhashOf(units, foldSettings.shingleSize),
    th: units.length ? hashHex64(units.join(' ')) : null,
    n: measureTokens(tokens),
    ss: sampledShingles(units),
    tw: [...new Set(shingleUnits(tokenise(input.title)))].join(' '),
    u: own,
    c: canonical && canonical !== own ? canonical : null,
    l: linkKeysOf(input.links, input.url, foldSettings.maxLinks),
    a: rankAnchors(anchors, foldSettings.maxAnchors),
    al: leadAnchors(anchors, foldSettings.leadAnchorKeys),
    q: anchors.slice(0, foldSettings.maxAnchorSequence),
  };
}

/** Title words distinctive enough to key on: long words, numbers, CJK bigrams. */
export function titleKeyWords(sig: Signature): string[] {
  return sig.tw.split(' ').filter((w) => w.length >= 4 || /\d\d/.test(w) || /^[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}]{2}$/u.test(w));
}

/**
 * Exact-match keys for the candidate index: every item that could fold with this one shares at least one key
 * with it (exact text hash, lead shingle hashes, own/canonical/linked URL keys, title word pairs, anchor
 * pairs); on the dev web 27.2 per item offline and 28.6 with the pages' links (bench/RESULTS.md). Simhash
 * bands are no key: on the dev web every copy they found shared a shingle, title or anchor key too
 * (bench/key-kinds.ts), and decideFold still compares simhashes.
 */
export function lookupKeys(sig: Signature): string[] {
  const keys: string[] = [];
  if (sig.th) keys.push(`x:${sig.th}`);
  const shingles = sig.ss.map(shingleHex);
  const lead = shingles.slice(0, foldSettings.leadShingleKeys);
  const sampled = sampleByHash(shingles.slice(lead.length), foldSettings.sampledShingleKeys);
  keys.push(...[...lead, ...sampled].map((h) => `s:${h}`));
  for (const k of [sig.u, sig.c, ...sig.l]) if (k) keys.push(`u:${k}`);
  const titleWords = sampleByHash(titleKeyWords(sig), foldSettings.titleKeyWords);
  keys.push(...pairsOf(titleWords).map((p) => `t:${hashHex(p)}`));
  // Anchors come most frequent first: a translation repeats the same names about as often.
  // A shortened translation keeps the title's and lede's anchors.
  const anchorPairs = [...pairsOf(sig.a.slice(0, foldSettings.frequentAnchorKeys)),
    ...pairsOf(sampleByHash(sig.a, foldSettings.anchorKeyCount)), ...pairsOf(sig.al ?? [])];
  keys.push(...new Set(anchorPairs.map((p) => `a:${hashHex(p)}`)));
  return [...new Set(keys)];
}

/**
 * The candidate index's form of the look-up keys: a 32-bit hash of each (kind and value), as PostgreSQL
 * integers, de-duplicated. A collision only adds a candidate, which decideFold then compares and rejects; it
 * never hides one. The same numbers serialise concurrent folds of copies (advisory locks).
 */
export function lookupKeyIds(sig: Signature): number[] {
  return [...new Set(lookupKeys(sig).map((key) => hash32(key) | 0))];
}
