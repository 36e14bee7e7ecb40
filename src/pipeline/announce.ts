// Announcing changes of the merged feed to a WebSub hub: at most one ping per interval, trailing, so a
// burst of folds costs the hub one request.
import { mergedFeedTopics, pingHub, type PingFetch } from '../http/websub.ts';
import type { Logger } from '../log.ts';

/** Delay between the first change of a burst and the ping that announces it. */
export const ANNOUNCE_DEBOUNCE_MS = 30_000;

/** A function to call on every story change; it pings the hub once per burst. */
export function createHubAnnouncer(opts: {
  hubUrl: string;
  publicUrl: string;
  fetch: PingFetch;
  log: Logger;
  debounceMs?: number;
}): { announce: () => void; flush: () => Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let pending: Promise<void> = Promise.resolve();
  const ping = async () => {
    timer = null;
    const r = await pingHub(opts.fetch, opts.hubUrl, mergedFeedTopics(opts.publicUrl));
    if (!r.ok) opts.log.warn({ hub: opts.hubUrl, error: r.error, status: r.status }, 'WebSub hub ping failed');
  };
  return {
    announce() {
      if (timer) return;
      timer = setTimeout(() => {
        pending = ping();
      }, opts.debounceMs ?? ANNOUNCE_DEBOUNCE_MS);
      timer.unref();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        pending = ping();
      }
      await pending;
    },
  };
}
