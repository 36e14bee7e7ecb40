// When to poll a feed next, from the outcome of the last poll. Pure: time and randomness are passed in.
import type { FeedState } from '../model.ts';

/** Settings of the schedule; each bounds or shapes one behaviour. */
export interface ScheduleSettings {
  /** Base interval between polls of a healthy feed. */
  intervalSeconds: number;
  /** Never poll more often than this, whatever the feed asks. */
  minIntervalSeconds: number;
  /** Never wait longer than this between polls of an active feed. */
  maxIntervalSeconds: number;
  /** Longest wait between two attempts of a failing feed. */
  maxBackoffSeconds: number;
  /** A feed failing for this long is disabled (it is still re-probed once a day). */
  disableAfterSeconds: number;
  /** Spread: the interval is multiplied by a factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
}

/** Defaults: 15 min polls, 5 min floor, 24 h ceiling, backoff capped at 12 h, disable after 7 days of errors. */
export const defaultScheduleSettings: ScheduleSettings = {
  intervalSeconds: 900,
  minIntervalSeconds: 300,
  maxIntervalSeconds: 86_400,
  maxBackoffSeconds: 12 * 3600,
  disableAfterSeconds: 7 * 86_400,
  jitter: 0.1,
};

/** What the scheduler needs to know about the poll that just ended. */
export type PollResult =
  | { kind: 'ok'; ttlSeconds?: number | null; maxAgeSeconds?: number | null }
  | { kind: 'error'; retryable: boolean; status?: number | null; retryAfterSeconds?: number | null; gone?: boolean };

/** The feed's schedule state after a poll. */
export interface NextPoll {
  state: FeedState;
  errorCount: number;
  nextPollAt: Date;
  intervalSeconds: number;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function withJitter(seconds: number, jitter: number, random: number): number {
  return seconds * (1 - jitter + 2 * jitter * random);
}

/** Next poll time and state after a poll, given the previous error count and when failures began. */
export function planNextPoll(
  result: PollResult,
  prev: { errorCount: number; lastSuccessAt: Date | null; createdAt: Date },
  now: Date,
  settings: ScheduleSettings,
  random: number,
): NextPoll {
  if (result.kind === 'ok') {
    const asked = Math.max(result.ttlSeconds ?? 0, result.maxAgeSeconds ?? 0);
    const interval = clamp(Math.max(settings.intervalSeconds, asked), settings.minIntervalSeconds, settings.maxIntervalSeconds);
    const wait = withJitter(interval, settings.jitter, random);
    return { state: 'active', errorCount: 0, intervalSeconds: interval, nextPollAt: new Date(now.getTime() + wait * 1000) };
  }
  const errorCount = prev.errorCount + 1;
  if (result.gone) {
    return { state: 'disabled', errorCount, intervalSeconds: settings.maxIntervalSeconds, nextPollAt: new Date(now.getTime() + 86_400_000) };
  }
  const backoff = Math.min(settings.intervalSeconds * 2 ** Math.min(errorCount - 1, 20), settings.maxBackoffSeconds);
  const wait = Math.max(withJitter(backoff, settings.jitter, random), result.retryAfterSeconds ?? 0);
  const failingSince = prev.lastSuccessAt ?? prev.createdAt;
  const disabled = now.getTime() - failingSince.getTime() > settings.disableAfterSeconds * 1000;
  return {
    state: disabled ? 'disabled' : 'failing',
    errorCount,
    intervalSeconds: Math.round(backoff),
    nextPollAt: new Date(now.getTime() + (disabled ? 86_400 : wait) * 1000),
  };
}
