// When to poll a feed next: adaptive to how often the feed publishes, never sooner than the feed or the
// server asks (ttl, Cache-Control, Expires, Retry-After), capped backoff on errors. Pure: time and
// randomness are passed in. The numbers are chosen with bench/schedule-sim.ts (one simulated day).
import { settingDefaults } from '../config.ts';
import type { FeedState } from '../model.ts';

/** Settings of the schedule; each bounds or shapes one behaviour. */
export interface ScheduleSettings {
  /** Interval of a feed whose publishing rate is still unknown, and the first step of the error backoff. */
  intervalSeconds: number;
  /** Never poll more often than this, whatever the feed's rate. */
  minIntervalSeconds: number;
  /** Never wait longer than this between polls of a healthy feed, however quiet (and whatever ttl asks). */
  maxIntervalSeconds: number;
  /** Poll interval = the feed's mean interval between items × this factor. */
  rateFactor: number;
  /** How many of the newest dated items estimate the publishing rate. */
  rateItems: number;
  /** Longest wait between two attempts of a failing feed (CommaFeed caps at 4 h and then gives up; we never give up). */
  maxBackoffSeconds: number;
  /** A feed failing for this long is disabled; a disabled feed is re-probed every `reprobeSeconds`. */
  disableAfterSeconds: number;
  reprobeSeconds: number;
  /** A Retry-After longer than this is read as this (a typo must not silence a feed for a year). */
  maxRetryAfterSeconds: number;
  /** Spread: each wait is multiplied by a factor in [1 - jitter, 1 + jitter], so feeds don't poll in waves. */
  jitter: number;
}

/**
 * Defaults. Floor 10 min and rate factor 1 were chosen on `bench/schedule-sim.ts` (200 feeds, one day):
 * against a fixed 15 min poller they make 0.23× the requests at 1.08× the bytes (product 0.25), and an item
 * of a busy feed (one every 5 min) is seen after 5.0 min at the median (fixed: 7.6 min). A 5 min floor
 * cost 1.34× the bytes (busy feeds downloaded for every item); 15 min matched the fixed poller's latency.
 * Backoff cap 12 h; disable after 7 days of errors.
 */
export const defaultScheduleSettings: ScheduleSettings = {
  intervalSeconds: settingDefaults.FEEDFOLD_POLL_INTERVAL_SECONDS,
  minIntervalSeconds: 600,
  maxIntervalSeconds: 86_400,
  rateFactor: 1,
  rateItems: 10,
  maxBackoffSeconds: 12 * 3600,
  disableAfterSeconds: 7 * 86_400,
  reprobeSeconds: 86_400,
  maxRetryAfterSeconds: 7 * 86_400,
  jitter: 0.1,
};

/** `items` publications observed since `since`: the feed's publishing rate, stored on the feed row. */
export interface PublishSpan {
  since: Date;
  items: number;
}

/** What the scheduler needs to know about the poll that just ended. */
export type PollResult =
  | { kind: 'ok'; ttlSeconds?: number | null; maxAgeSeconds?: number | null; publishSpan?: PublishSpan | null }
  | { kind: 'error'; retryable: boolean; status?: number | null; retryAfterSeconds?: number | null; gone?: boolean };

/** The feed's schedule state after a poll; `note` says why a feed was disabled. */
export interface NextPoll {
  state: FeedState;
  errorCount: number;
  nextPollAt: Date;
  intervalSeconds: number;
  note: string | null;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function withJitter(seconds: number, jitter: number, random: number): number {
  return seconds * (1 - jitter + 2 * jitter * random);
}

function after(now: Date, seconds: number): Date {
  return new Date(now.getTime() + Math.round(seconds * 1000));
}

/**
 * The publishing span after a poll: from the newest distinct item dates the document lists (future dates
 * count as now), else, for undated feeds, from the new items each poll found (the first poll's backlog
 * does not count). Returns `prev` when the poll taught nothing (a 304 has no items).
 */
export function estimatePublishSpan(
  dates: readonly (Date | null)[],
  newUndated: number,
  prev: PublishSpan | null,
  now: Date,
  settings: ScheduleSettings,
): PublishSpan | null {
  const times = [...new Set(dates.filter((d): d is Date => d !== null).map((d) => Math.min(d.getTime(), now.getTime())))];
  if (times.length > 0) {
    const newest = times.sort((a, b) => b - a).slice(0, settings.rateItems);
    // n dates are n-1 intervals, plus the quiet time since the newest (which counts as part of one more).
    return { since: new Date(newest[newest.length - 1] as number), items: Math.max(newest.length - 1, 1) };
  }
  if (!prev) return { since: now, items: 0 };
  const items = prev.items + newUndated;
  if (items <= 2 * settings.rateItems) return { since: prev.since, items };
  // Forget old history at the same rate, so a feed that speeds up or slows down is followed.
  const mean = (now.getTime() - prev.since.getTime()) / items;
  return { since: new Date(now.getTime() - mean * settings.rateItems), items: settings.rateItems };
}

/** Mean seconds between publications from a span (quiet time included), or null when unknown. */
export function publishIntervalSeconds(span: PublishSpan | null | undefined, now: Date): number | null {
  if (!span) return null;
  return Math.max(0, now.getTime() - span.since.getTime()) / 1000 / Math.max(span.items, 1);
}

/** Seconds a response stays fresh: Cache-Control max-age, else Expires − Date (RFC 9111 §4.2.1); null when neither. */
export function readFreshnessSeconds(headers: Readonly<Record<string, string | undefined>>, now: Date): number | null {
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/i.exec(headers['cache-control'] ?? '');
  if (maxAge?.[1]) return Number(maxAge[1]);
  if (headers.expires === undefined) return null;
  // An invalid date (often "0" or "-1") means already expired; Date.parse would read bare numbers as years.
  const expires = /[a-z]/i.test(headers.expires) ? Date.parse(headers.expires) : Number.NaN;
  if (Number.isNaN(expires)) return 0;
  const date = Date.parse(headers.date ?? '');
  return Math.max(0, Math.round((expires - (Number.isNaN(date) ? now.getTime() : date)) / 1000));
}

/** Interval of a healthy feed: its publishing rate × factor, never shorter than its ttl or freshness, within bounds. */
export function planInterval(result: Extract<PollResult, { kind: 'ok' }>, now: Date, settings: ScheduleSettings): number {
  const mean = publishIntervalSeconds(result.publishSpan, now);
  const adaptive = mean === null ? settings.intervalSeconds : mean * settings.rateFactor;
  const asked = Math.max(result.ttlSeconds ?? 0, result.maxAgeSeconds ?? 0);
  return Math.round(clamp(Math.max(adaptive, asked), settings.minIntervalSeconds, settings.maxIntervalSeconds));
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
    const interval = planInterval(result, now, settings);
    return { state: 'active', errorCount: 0, intervalSeconds: interval, nextPollAt: after(now, withJitter(interval, settings.jitter, random)), note: null };
  }
  const errorCount = prev.errorCount + 1;
  const retryAfter = Math.min(result.retryAfterSeconds ?? 0, settings.maxRetryAfterSeconds);
  const failingSince = prev.lastSuccessAt ?? prev.createdAt;
  const failingFor = (now.getTime() - failingSince.getTime()) / 1000;
  const note = result.gone
    ? 'disabled: the server says the feed is gone (HTTP 410)'
    : failingFor > settings.disableAfterSeconds
      ? `disabled: failing for ${Math.floor(failingFor / 86_400)} days`
      : null;
  if (note) {
    const wait = Math.max(withJitter(settings.reprobeSeconds, settings.jitter, random), retryAfter);
    return { state: 'disabled', errorCount, intervalSeconds: settings.reprobeSeconds, nextPollAt: after(now, wait), note };
  }
  const backoff = Math.min(settings.intervalSeconds * 2 ** Math.min(errorCount - 1, 20), settings.maxBackoffSeconds);
  const wait = Math.max(withJitter(backoff, settings.jitter, random), retryAfter);
  return { state: 'failing', errorCount, intervalSeconds: Math.round(backoff), nextPollAt: after(now, wait), note: null };
}
