// Every feed poll and article fetch counts against its host's budget (queue/host-limiter.ts). A host over
// its budget postpones the job, one way for both: PostponedError, which the worker turns into BullMQ's
// moveToDelayed + DelayedError (the same job, back in the delayed set, no attempt used).
import { PostponedError } from '../errors.ts';
import { acquireHostSlot, hostLimitsFrom, hostOf } from '../queue/host-limiter.ts';
import type { Deps } from './deps.ts';

/** A request slot held on a host; release it when the request ends. */
export interface HeldSlot {
  release(): Promise<void>;
}

/**
 * Take a request slot on the URL's host, or throw PostponedError when the host is over its budget. The wait
 * is spread over 1–2× what the budget asks, so jobs refused together do not come back together. null (no
 * slot) for a URL without a readable host: the fetcher reports it as invalid_url.
 */
export async function takeHostSlot(deps: Pick<Deps, 'queues' | 'config' | 'random'>, url: string): Promise<HeldSlot | null> {
  const host = hostOf(url);
  if (host === null) return null;
  const slot = await acquireHostSlot(deps.queues.connection, deps.queues.prefix, host, hostLimitsFrom(deps.config));
  if (!slot.granted) {
    throw new PostponedError(`host ${host} over its ${slot.reason} budget`, Math.round(slot.retryAfterMs * (1 + deps.random())));
  }
  return slot;
}
