// Google Reader stream ids, and the continuation tokens of feedfold's stream pages.

/** What a stream id names. */
export type ReaderStream =
  | { kind: 'reading-list' }
  | { kind: 'starred' }
  | { kind: 'read' }
  | { kind: 'kept-unread' }
  | { kind: 'feed'; url: string }
  | { kind: 'feed-id'; feedId: number }
  | { kind: 'label'; name: string };

const STATE_PREFIX = 'user/-/state/com.google/';
const LABEL_PREFIX = 'user/-/label/';
const USER_ID = /^user\/\d+\//;

/** Parse a stream id (`user/<id>/…` is read as `user/-/…`); null when it names nothing feedfold has. */
export function parseStreamId(raw: string): ReaderStream | null {
  const id = raw.trim().replace(USER_ID, 'user/-/');
  if (id.startsWith('feed/')) {
    const rest = id.slice(5);
    if (/^\d{1,15}$/.test(rest)) return { kind: 'feed-id', feedId: Number(rest) };
    return rest ? { kind: 'feed', url: rest } : null;
  }
  if (id.startsWith(LABEL_PREFIX)) {
    const name = id.slice(LABEL_PREFIX.length);
    return name ? { kind: 'label', name } : null;
  }
  if (id.startsWith(STATE_PREFIX)) {
    const state = id.slice(STATE_PREFIX.length);
    if (state === 'reading-list' || state === 'starred' || state === 'read' || state === 'kept-unread') return { kind: state };
  }
  return null;
}

/** The stream id of a feed. */
export function feedStreamId(url: string): string {
  return `feed/${url}`;
}

/** The stream id of a folder. */
export function labelStreamId(name: string): string {
  return LABEL_PREFIX + name;
}

/** The stream id of a state (reading-list, read, starred, …). */
export function stateStreamId(state: string): string {
  return STATE_PREFIX + state;
}

/** An opaque continuation token for the position after (crawl µs, story id). */
export function encodeContinuation(usec: string, storyId: number): string {
  return Buffer.from(`${usec}:${storyId}`).toString('base64url');
}

/** The position a continuation token names, or null when it is not one of ours. */
export function decodeContinuation(token: string): { usec: string; storyId: number } | null {
  const m = /^(\d{1,20}):(\d{1,16})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? { usec: m[1]!, storyId: Number(m[2]) } : null;
}

/**
 * A Unix time sent as seconds, milliseconds or microseconds (clients differ), in microseconds.
 * Below 1e11 it is seconds (until the year 5138), below 1e14 milliseconds, else microseconds.
 */
export function toMicroseconds(value: string): string | null {
  if (!/^\d{1,19}$/.test(value.trim())) return null;
  const n = BigInt(value.trim());
  if (n < 100_000_000_000n) return String(n * 1_000_000n);
  if (n < 100_000_000_000_000n) return String(n * 1000n);
  return String(n);
}
