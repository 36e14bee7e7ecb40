// Retry-After comes as delta seconds or as an HTTP date (RFC 9110 §10.2.3).

/** Seconds to wait from a Retry-After header value, relative to `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // Only date-looking values: Date.parse accepts bare numbers like "-5" or "1.5" as years.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
