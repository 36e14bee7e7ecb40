// One poll of one feed: load → take a host slot → conditional GET → decode → parse → normalise → store →
// queue ingestion → schedule. A host over its budget postpones the poll (PostponedError: the worker puts the
// job back in BullMQ's delayed set; the feed's next_poll_at stays, so the scheduler re-sends the same job id).
// A feed's own failures (HTTP errors, bad XML) are recorded on the feed and end the job normally;
// only our infrastructure failing (database, Redis) throws, so BullMQ retries the job. A value of the feed that
// the database refuses is the feed's failure too, and so is a poll that crashed its worker process too often.
import { describeError, FetchError, JobGivenUpError, ParseError } from '../errors.ts';
import { getFeed, publishSpanOf, recordPoll, type FeedRow, type PollOutcome } from '../db/feeds.ts';
import { isValueRefused, storePolledItems } from '../db/items.ts';
import {
  defaultScheduleSettings,
  estimatePublishSpan,
  planNextPoll,
  readFreshnessSeconds,
  type PollResult,
  type ScheduleSettings,
} from '../domain/schedule.ts';
import { enqueueIngest, type PollJob } from '../queue/queues.ts';
import type { FetchResult } from '../http/fetch.ts';
import type { FeedDocument } from '../domain/feed/read-feed-document.ts';
import { fetchOptionsFrom, readerOf, type Deps } from './deps.ts';
import { takeHostSlot } from './host-slot.ts';

/** What one poll did. */
export interface PollSummary {
  feedId: number;
  outcome: 'skipped' | 'not_modified' | 'ok' | 'error';
  newItems: number;
  error?: string;
}

type Fetched = { kind: 'ok'; res: FetchResult } | { kind: 'failed'; error: FetchError };

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** Poll one feed and queue its new items for ingestion. */
export async function pollFeed(deps: Deps, job: PollJob): Promise<PollSummary> {
  const feed = await getFeed(deps.db, job.feedId);
  if (!feed || feed.state === 'paused') return { feedId: job.feedId, outcome: 'skipped', newItems: 0 };
  const log = deps.log.child({ feed_id: feed.id, url: feed.url });
  const fetched = await fetchFeedDocument(deps, feed);
  if (fetched.kind === 'failed') return recordFailure(deps, feed, fetched.error, log);
  const res = fetched.res;
  if (res.notModified) {
    // A 304 costs no parsing: the stored publishing rate plans the next poll.
    await recordSuccess(deps, feed, res, { publishSpan: publishSpanOf(feed) });
    return { feedId: feed.id, outcome: 'not_modified', newItems: 0 };
  }
  let doc: FeedDocument;
  try {
    // A document read despite a wrong charset label or ill-formed XML is kept, and the feed says so (`note`).
    doc = await readerOf(deps).readFeed(res.body, res.contentType, res.url);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return recordFailure(deps, feed, err, log, res.status);
  }
  try {
    return await storeEntries(deps, feed, res, doc, log);
  } catch (err) {
    // A value PostgreSQL refuses (entries that even one at a time fail, the feed's own fields) is this feed's doing.
    if (!isValueRefused(err)) throw err;
    return recordFailure(deps, feed, new ParseError('the database refused a value of this feed', { cause: err }), log, res.status);
  }
}

/**
 * A poll given up for good (its job crashed the worker process too often, or failed every attempt with an error
 * that is neither the feed's nor a fetch's): the feed records why and backs off like any failure, instead of the
 * scheduler sending the same failing poll again at the next tick, silently, forever.
 */
export async function recordPollGivenUp(deps: Deps, job: PollJob, reason: string): Promise<void> {
  const feed = await getFeed(deps.db, job.feedId);
  if (!feed) return;
  await recordFailure(deps, feed, new JobGivenUpError(`poll ${reason}`), deps.log.child({ feed_id: feed.id, url: feed.url }));
}

async function storeEntries(
  deps: Deps,
  feed: FeedRow,
  res: FetchResult,
  doc: FeedDocument,
  log: Deps['log'],
): Promise<PollSummary> {
  const { feed: parsed, entries } = doc;
  let parseNote = doc.note;
  const { newIds, refused } = await storePolledItems(deps.db, feed.id, entries);
  // Entries the database refused alone (their feed's others are stored) are counted on the feed, not retried.
  if (refused > 0) parseNote = [parseNote, `${refused} of ${entries.length} entries refused by the database`].filter(Boolean).join('; ');
  await enqueueIngest(deps.queues, [], newIds);
  const dates = entries.map((e) => e.publishedAt);
  const undatedNew = dates.some((d) => d !== null) ? 0 : newIds.length;
  await recordSuccess(deps, feed, res, {
    ttlSeconds: parsed.ttlMinutes ? parsed.ttlMinutes * 60 : null,
    publishSpan: estimatePublishSpan(dates, undatedNew, publishSpanOf(feed), deps.now(), scheduleSettings(deps)),
    newItems: newIds.length,
    meta: { title: parsed.title, siteUrl: parsed.link, language: parsed.language, parseNote },
  });
  log.info({ new_items: newIds.length, entries: entries.length, ...(refused ? { refused_entries: refused } : {}), ...(parseNote ? { parse_note: parseNote } : {}) }, 'feed polled');
  return { feedId: feed.id, outcome: 'ok', newItems: newIds.length };
}

/** Conditional GET of the feed inside a host slot; a host over budget throws PostponedError before any request. */
async function fetchFeedDocument(deps: Deps, feed: FeedRow): Promise<Fetched> {
  const slot = await takeHostSlot(deps, feed.url);
  try {
    const opts = fetchOptionsFrom(deps.config, { accept: FEED_ACCEPT, etag: feed.etag, lastModified: feed.lastModified });
    return { kind: 'ok', res: await deps.fetch(feed.url, opts) };
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return { kind: 'failed', error: err };
  } finally {
    await slot?.release();
  }
}

async function recordSuccess(
  deps: Deps,
  feed: FeedRow,
  res: FetchResult,
  learned: { ttlSeconds?: number | null; publishSpan: PollOutcome['publishSpan']; newItems?: number; meta?: Partial<PollOutcome> },
): Promise<void> {
  const now = deps.now();
  const result: PollResult = {
    kind: 'ok',
    ttlSeconds: learned.ttlSeconds ?? null,
    maxAgeSeconds: readFreshnessSeconds(res.headers, now),
    publishSpan: learned.publishSpan,
  };
  const { note: _note, ...next } = planNextPoll(result, feed, now, scheduleSettings(deps), deps.random());
  await recordPoll(
    deps.db,
    feed.id,
    {
      ...next,
      ...learned.meta,
      status: res.status,
      fetchMs: res.elapsedMs,
      etag: res.notModified ? feed.etag : res.etag,
      lastModified: res.notModified ? feed.lastModified : res.lastModified,
      newUrl: res.permanentRedirect && res.permanentRedirect !== feed.url ? res.permanentRedirect : null,
      newItems: learned.newItems ?? 0,
      publishSpan: learned.publishSpan,
    },
    now,
  );
}

async function recordFailure(
  deps: Deps,
  feed: FeedRow,
  err: FetchError | ParseError | JobGivenUpError,
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
  const { note, ...next } = planNextPoll(result, feed, now, scheduleSettings(deps), deps.random());
  const message = note ? `${note}; re-probed daily <- ${describeError(err)}` : describeError(err);
  await recordPoll(deps.db, feed.id, { ...next, status: result.status ?? null, error: message }, now);
  log.warn({ err_kind: fetchErr?.kind ?? (err instanceof JobGivenUpError ? 'given-up' : 'parse'), error: message, next_poll_at: next.nextPollAt }, 'feed poll failed');
  return { feedId: feed.id, outcome: 'error', newItems: 0, error: message };
}

function scheduleSettings(deps: Deps): ScheduleSettings {
  return { ...defaultScheduleSettings, intervalSeconds: deps.config.pollIntervalSeconds };
}
