// One poll of one feed: load → conditional GET → decode → parse → normalise → store → queue ingestion → schedule.
// A feed's own failures (HTTP errors, bad XML) are recorded on the feed and end the job normally;
// only our infrastructure failing (database, Redis) throws, so BullMQ retries the job.
import { describeError, FetchError, ParseError } from '../errors.ts';
import { getFeed, recordPoll, type FeedRow } from '../db/feeds.ts';
import { findPendingItemIds, insertItems } from '../db/items.ts';
import { decodeText } from '../domain/encoding.ts';
import { parseFeed } from '../domain/feed/parse-feed.ts';
import { normaliseFeedItems } from '../domain/feed/normalise.ts';
import { defaultScheduleSettings, planNextPoll, type PollResult } from '../domain/schedule.ts';
import { enqueueIngest, type PollJob } from '../queue/queues.ts';
import type { FetchResult } from '../http/fetch.ts';
import { fetchOptionsFrom, type Deps } from './deps.ts';

/** What one poll did. */
export interface PollSummary {
  feedId: number;
  outcome: 'skipped' | 'not_modified' | 'ok' | 'error';
  newItems: number;
  error?: string;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** Poll one feed and queue its new items for ingestion. */
export async function pollFeed(deps: Deps, job: PollJob): Promise<PollSummary> {
  const feed = await getFeed(deps.db, job.feedId);
  if (!feed || feed.state === 'paused') return { feedId: job.feedId, outcome: 'skipped', newItems: 0 };
  const log = deps.log.child({ feed_id: feed.id, url: feed.url });
  let res: FetchResult;
  try {
    res = await deps.fetch(feed.url, fetchOptionsFrom(deps.config, { accept: FEED_ACCEPT, etag: feed.etag, lastModified: feed.lastModified }));
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return recordFailure(deps, feed, err, log);
  }
  if (res.notModified) {
    await recordSuccess(deps, feed, res, { kind: 'ok', maxAgeSeconds: maxAgeOf(res) }, 0);
    return { feedId: feed.id, outcome: 'not_modified', newItems: 0 };
  }
  let entries;
  let parsed;
  try {
    const kind = /json/i.test(res.contentType ?? '') ? 'json' : 'xml';
    parsed = await parseFeed(decodeText(res.body, res.contentType, kind).text);
    entries = normaliseFeedItems(parsed, res.url);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return recordFailure(deps, feed, err, log, res.status);
  }
  const newIds = await insertItems(deps.db, feed.id, entries);
  // Items a crashed poll stored but never queued are queued again here (job ids keep this idempotent).
  const stranded = await findPendingItemIds(deps.db, { createdBefore: deps.now(), limit: 500, feedId: feed.id });
  await enqueueIngest(deps.queues, [...new Set([...newIds, ...stranded])]);
  const ttlSeconds = parsed.ttlMinutes ? parsed.ttlMinutes * 60 : null;
  await recordSuccess(deps, feed, res, { kind: 'ok', ttlSeconds, maxAgeSeconds: maxAgeOf(res) }, newIds.length, {
    title: parsed.title,
    siteUrl: parsed.link,
    language: parsed.language,
  });
  log.info({ new_items: newIds.length, entries: entries.length }, 'feed polled');
  return { feedId: feed.id, outcome: 'ok', newItems: newIds.length };
}

function maxAgeOf(res: FetchResult): number | null {
  const m = /max-age\s*=\s*(\d+)/i.exec(res.headers['cache-control'] ?? '');
  return m?.[1] ? Number(m[1]) : null;
}

async function recordSuccess(
  deps: Deps,
  feed: FeedRow,
  res: FetchResult,
  result: PollResult,
  newItems: number,
  meta: { title?: string | null; siteUrl?: string | null; language?: string | null } = {},
): Promise<void> {
  const now = deps.now();
  const next = planNextPoll(result, feed, now, scheduleSettings(deps), deps.random());
  await recordPoll(
    deps.db,
    feed.id,
    {
      ...next,
      ...meta,
      status: res.status,
      etag: res.notModified ? feed.etag : res.etag,
      lastModified: res.notModified ? feed.lastModified : res.lastModified,
      newUrl: res.permanentRedirect && res.permanentRedirect !== feed.url ? res.permanentRedirect : null,
      newItems,
    },
    now,
  );
}

async function recordFailure(
  deps: Deps,
  feed: FeedRow,
  err: FetchError | ParseError,
  log: Deps['log'],
  status: number | null = null,
): Promise<PollSummary> {
  const now = deps.now();
  const fetchErr = err instanceof FetchError ? err : null;
  const result: PollResult = {
    kind: 'error',
    retryable: fetchErr?.retryable ?? false,
    status: fetchErr?.status ?? status,
    retryAfterSeconds: fetchErr?.retryAfterSeconds ?? null,
    gone: fetchErr?.status === 410,
  };
  const next = planNextPoll(result, feed, now, scheduleSettings(deps), deps.random());
  const message = describeError(err);
  await recordPoll(deps.db, feed.id, { ...next, status: result.status ?? null, error: message }, now);
  log.warn({ err_kind: fetchErr?.kind ?? 'parse', error: message, next_poll_at: next.nextPollAt }, 'feed poll failed');
  return { feedId: feed.id, outcome: 'error', newItems: 0, error: message };
}

function scheduleSettings(deps: Deps) {
  return { ...defaultScheduleSettings, intervalSeconds: deps.config.pollIntervalSeconds };
}
