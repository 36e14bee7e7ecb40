import { describe, expect, it } from 'vitest';
import {
  defaultScheduleSettings as settings,
  estimatePublishSpan,
  planInterval,
  planNextPoll,
  publishIntervalSeconds,
  readFreshnessSeconds,
  type PollResult,
} from '../../src/domain/schedule.ts';

const now = new Date('2026-11-25T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const healthy = { errorCount: 0, lastSuccessAt: ago(600), createdAt: ago(30 * 86_400) };
/** Dates of `n` items published every `gap` seconds, the newest `quiet` seconds ago. */
const every = (gap: number, n = 20, quiet = 0) => Array.from({ length: n }, (_, i) => ago(quiet + i * gap));
const spanOf = (gap: number, quiet = 0) => estimatePublishSpan(every(gap, 20, quiet), 0, null, now, settings);

describe('publishing rate', () => {
  it.each([
    ['an item every 5 min', 300, 0, 300],
    ['hourly', 3600, 0, 3600],
    ['daily', 86_400, 0, 86_400],
    ['hourly, quiet for 9 h since', 3600, 9 * 3600, 7200],
  ])('%s', (_name, gap, quiet, expected) => {
    expect(publishIntervalSeconds(spanOf(gap, quiet), now)).toBeCloseTo(expected, 0);
  });

  it('counts future dates as now and repeated dates once', () => {
    const span = estimatePublishSpan([new Date(now.getTime() + 86_400_000), ago(3600), ago(3600), null], 0, null, now, settings);
    expect(span).toEqual({ since: ago(3600), items: 1 });
  });

  it.each([
    ['first poll: the backlog does not count', null, 12, { since: now, items: 0 }],
    ['new undated items add to the span', { since: ago(7200), items: 2 }, 3, { since: ago(7200), items: 5 }],
    ['long history is forgotten at the same rate', { since: ago(22 * 3600), items: 21 }, 1, { since: ago(10 * 3600), items: 10 }],
  ] as const)('undated feed: %s', (_name, prev, fresh, expected) => {
    expect(estimatePublishSpan([null, null], fresh, prev, now, settings)).toEqual(expected);
  });

  it('a quiet stored span slows the feed down as time passes, with no new poll data', () => {
    const span = { since: ago(10 * 3600), items: 10 };
    expect(publishIntervalSeconds(span, now)).toBe(3600);
    expect(publishIntervalSeconds(span, new Date(now.getTime() + 10 * 3600_000))).toBe(7200);
  });
});

describe('interval of a healthy feed', () => {
  it.each<[string, Extract<PollResult, { kind: 'ok' }>, number]>([
    ['unknown rate: the base interval', { kind: 'ok' }, 900],
    ['busy feed: the floor', { kind: 'ok', publishSpan: spanOf(120) }, 600],
    ['hourly feed: hourly', { kind: 'ok', publishSpan: spanOf(3600) }, 3600],
    ['weekly feed: the 24 h ceiling', { kind: 'ok', publishSpan: spanOf(7 * 86_400) }, 86_400],
    ['ttl longer than the rate asks', { kind: 'ok', publishSpan: spanOf(300), ttlSeconds: 7200 }, 7200],
    ['max-age longer than the rate asks', { kind: 'ok', publishSpan: spanOf(300), maxAgeSeconds: 1800 }, 1800],
    ['short max-age never speeds a feed up', { kind: 'ok', publishSpan: spanOf(3600), maxAgeSeconds: 60 }, 3600],
    ['a week of ttl is capped at 24 h', { kind: 'ok', ttlSeconds: 7 * 86_400 }, 86_400],
  ])('%s', (_name, result, expected) => {
    expect(planInterval(result, now, settings)).toBe(expected);
  });

  it.each([
    [0, 0.9],
    [0.5, 1],
    [1, 1.1],
  ])('jitter: random %s waits %s × the interval', (random, factor) => {
    const next = planNextPoll({ kind: 'ok', publishSpan: spanOf(3600) }, healthy, now, settings, random);
    expect(next.state).toBe('active');
    expect(next.errorCount).toBe(0);
    expect((next.nextPollAt.getTime() - now.getTime()) / 1000).toBeCloseTo(3600 * factor, 0);
  });
});

describe('freshness headers', () => {
  it.each<[string, Record<string, string>, number | null]>([
    ['max-age', { 'cache-control': 'public, max-age=600' }, 600],
    ['max-age wins over Expires', { 'cache-control': 'max-age=60', expires: 'Wed, 25 Nov 2026 14:00:00 GMT' }, 60],
    ['s-maxage is not max-age', { 'cache-control': 's-maxage=600' }, null],
    ['Expires against the Date header', { expires: 'Wed, 25 Nov 2026 13:00:00 GMT', date: 'Wed, 25 Nov 2026 12:30:00 GMT' }, 1800],
    ['Expires against now without Date', { expires: 'Wed, 25 Nov 2026 13:00:00 GMT' }, 3600],
    ['Expires in the past', { expires: 'Wed, 25 Nov 2026 11:00:00 GMT' }, 0],
    ['Expires: 0 (invalid means already expired)', { expires: '0' }, 0],
    ['neither', {}, null],
  ])('%s', (_name, headers, expected) => {
    expect(readFreshnessSeconds(headers, now)).toBe(expected);
  });
});

describe('errors', () => {
  const error = (extra: Partial<Extract<PollResult, { kind: 'error' }>> = {}): PollResult => ({ kind: 'error', retryable: true, ...extra });
  const waitOf = (next: { nextPollAt: Date }) => (next.nextPollAt.getTime() - now.getTime()) / 1000;

  it.each([
    [0, 900],
    [1, 1800],
    [3, 7200],
    [6, 12 * 3600],
    [30, 12 * 3600],
  ])('backoff after %s earlier errors: %s s, capped at 12 h', (errorCount, expected) => {
    const next = planNextPoll(error(), { ...healthy, errorCount }, now, settings, 0.5);
    expect(next.state).toBe('failing');
    expect(next.errorCount).toBe(errorCount + 1);
    expect(waitOf(next)).toBe(expected);
  });

  it.each([
    ['Retry-After longer than the backoff is honoured', 7200, 7200],
    ['Retry-After shorter than the backoff changes nothing', 60, 900],
    ['an absurd Retry-After is capped at 7 days', 10 * 365 * 86_400, 7 * 86_400],
  ])('%s', (_name, retryAfterSeconds, expected) => {
    expect(waitOf(planNextPoll(error({ status: 429, retryAfterSeconds }), healthy, now, settings, 0.5))).toBe(expected);
  });

  it('410 Gone disables the feed, says why, and re-probes it daily', () => {
    const next = planNextPoll(error({ status: 410, gone: true, retryable: false }), healthy, now, settings, 0.5);
    expect(next.state).toBe('disabled');
    expect(next.note).toMatch(/gone.*410/);
    expect(waitOf(next)).toBe(86_400);
  });

  it.each([
    ['failing 6 days: still retried', 6, 'failing', null],
    ['failing 8 days: disabled, re-probed daily', 8, 'disabled', /failing for 8 days/],
  ] as const)('%s', (_name, days, state, note) => {
    const next = planNextPoll(error(), { errorCount: 40, lastSuccessAt: ago(days * 86_400), createdAt: ago(90 * 86_400) }, now, settings, 0.5);
    expect(next.state).toBe(state);
    if (note) expect(next.note).toMatch(note);
    else expect(next.note).toBeNull();
    expect(waitOf(next)).toBe(state === 'disabled' ? 86_400 : 12 * 3600);
  });

  it('a disabled feed whose re-probe succeeds is active again', () => {
    const next = planNextPoll({ kind: 'ok' }, { errorCount: 50, lastSuccessAt: ago(30 * 86_400), createdAt: ago(90 * 86_400) }, now, settings, 0.5);
    expect(next).toMatchObject({ state: 'active', errorCount: 0 });
  });
});
