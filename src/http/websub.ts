// WebSub publisher side: tell the hub that the merged feed changed, so it fetches and pushes it to subscribers.
// The hub URL is the operator's own setting, not user input, so this uses a plain fetch, not the safe fetcher.
import { trimCharEnd } from '../domain/trim-chars.ts';

/** How long one ping may take: hubs answer 202/204 at once and fetch the topic later; 10 s covers a slow TLS handshake. */
export const HUB_PING_TIMEOUT_MS = 10_000;

/** The fetch pingHub needs (the global `fetch` fits). */
export type PingFetch = (url: string, init: RequestInit) => Promise<Response>;

/** What the hub answered. */
export type PingResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** POST `hub.mode=publish` with every topic URL (one `hub.url` each) to the hub; never throws. */
export async function pingHub(fetch: PingFetch, hubUrl: string, topicUrls: string[], timeoutMs = HUB_PING_TIMEOUT_MS): Promise<PingResult> {
  if (topicUrls.length === 0) return { ok: true, status: 0 };
  const body = new URLSearchParams([['hub.mode', 'publish'], ...topicUrls.map((u): [string, string] => ['hub.url', u])]);
  try {
    const res = await fetch(hubUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `hub answered ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The merged feed URLs a hub should re-fetch after stories change (first page of each format). */
export function mergedFeedTopics(publicUrl: string): string[] {
  const base = trimCharEnd(publicUrl, '/');
  return [`${base}/feed.xml`, `${base}/feed.atom`, `${base}/feed.json`];
}
