// Conditional GET for the documents feedfold serves (RFC 9110 §13): validators, and whether a request's
// preconditions let us answer 304 Not Modified.
// Kept rather than hono/etag, which hashes the rendered body: here the validators come from the last story change,
// so a matching revalidation is answered before any page is queried or rendered (0.06 of a full 200's time, against
// 1.03 through hono/etag), and hono/etag ignores If-Modified-Since (200 where this answers 304):
// `npx tsx bench/conditional.ts`.
import { createHash } from 'node:crypto';

/** A representation's validators: a weak entity tag and a last-modified time (whole seconds). */
export interface Validators {
  etag: string;
  lastModified: Date;
}

/** Validators for a document that changes when `changedAt` or the request target does. */
export function makeValidators(changedAt: Date, target: string): Validators {
  const tag = createHash('sha1').update(`${changedAt.getTime()}|${target}`).digest('base64url').slice(0, 20);
  return { etag: `W/"${tag}"`, lastModified: new Date(Math.floor(changedAt.getTime() / 1000) * 1000) };
}

/** The opaque part of an entity tag, without a `W/` prefix: weak comparison (RFC 9110 §8.8.3.2) compares these. */
function opaqueTag(tag: string): string {
  const t = tag.trim();
  return t.startsWith('W/') ? t.slice(2) : t;
}

/** Entity tags in an If-None-Match field value (a comma-separated list; commas never occur inside a tag). */
export function parseEntityTags(field: string): string[] {
  return field
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/**
 * Whether a GET/HEAD may be answered 304 (RFC 9110 §13.2.2): If-None-Match, when present, decides alone
 * (`*` or any listed tag weakly equal to ours); otherwise If-Modified-Since, when it is a valid date not
 * after the resource's last change.
 */
export function isNotModified(headers: { ifNoneMatch?: string | null; ifModifiedSince?: string | null }, v: Validators): boolean {
  const inm = headers.ifNoneMatch;
  if (inm !== undefined && inm !== null && inm.trim() !== '') {
    const tags = parseEntityTags(inm);
    if (tags.includes('*')) return true;
    const ours = opaqueTag(v.etag);
    return tags.some((t) => opaqueTag(t) === ours);
  }
  const ims = headers.ifModifiedSince ? Date.parse(headers.ifModifiedSince) : Number.NaN;
  return Number.isFinite(ims) && v.lastModified.getTime() <= ims;
}
