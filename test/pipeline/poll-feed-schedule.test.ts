// Polling like the best feed readers, over real HTTP, PostgreSQL and Redis: adaptive intervals from the
// feed's publishing rate, server error statuses, redirects and the per-host budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import { schedulePolls } from '../../src/pipeline/schedule-polls.ts';
import type { Queues } from '../../src/queue/queues.ts';
import { PostponedError } from '../../src/errors.ts';
import type { Config } from '../../src/config.ts';
import type { Deps } from '../../src/pipeline/deps.ts';

const clock = { now: new Date('2026-11-24T10:00:00Z') };
let web: FixtureWeb;
let hostile: HostileServer;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;
let deps: Deps;

const secondsAfterNow = (d: Date | undefined) => ((d?.getTime() ?? 0) - clock.now.getTime()) / 1000;
async function subscribe(url: string): Promise<number> {
  return (await addFeed(database.db, { url }, clock.now)).feed.id;
}

/** RSS with `n` items published every `gap` seconds, the newest at the clock's now. */
function rssEvery(gap: number, n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const at = new Date(clock.now.getTime() - i * gap * 1000).toUTCString();
    return `<item><title>Item ${i}</title><link>http://busy.example/${i}</link><guid>busy-${i}</guid><pubDate>${at}</pubDate></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>${items.join('')}</channel></rss>`;
}

beforeAll(async () => {
  [web, hostile, database] = await Promise.all([startFixtureWeb(), startHostileServer(), createTestDatabase()]);
  const config = testConfig();
  queues = createTestQueues(config);
  deps = testDeps(config, database, queues, clock);
});

afterAll(async () => {
  await queues?.close();
  await database?.drop();
  await Promise.all([web?.close(), hostile?.close()]);
});

describe('adaptive interval', () => {
  it('polls a feed as often as it publishes: the wire feed, an item every ~55 min', async () => {
    const id = await subscribe(web.url('/wire/feed.xml'));
    expect((await pollFeed(deps, { feedId: id, dueAt: 1 })).outcome).toBe('ok');
    const feed = await getFeed(database.db, id);
    // Items at 08:10, 09:00 and 09:40: two intervals and 20 quiet minutes since 08:10, polled at 10:00.
    expect(feed).toMatchObject({ publishSpanSince: new Date('2026-11-24T08:10:00Z'), publishSpanItems: 2, intervalSeconds: 3300 });
    expect(secondsAfterNow(feed?.nextPollAt)).toBe(3300);
  });

  it('a busy feed is polled at the 10 min floor; a 304 keeps its rate without parsing', async () => {
    web.override('/busy/feed.xml', rssEvery(120, 10));
    const id = await subscribe(web.url('/busy/feed.xml'));
    await pollFeed(deps, { feedId: id, dueAt: 1 });
    expect((await getFeed(database.db, id))?.intervalSeconds).toBe(600);
    const again = await pollFeed(deps, { feedId: id, dueAt: 2 });
    expect(again.outcome).toBe('not_modified');
    expect(await getFeed(database.db, id)).toMatchObject({ intervalSeconds: 600, publishSpanItems: 9 });
  });

  it("honours the feed's <ttl> when it asks for more than the rate", async () => {
    web.override('/ttl/feed.xml', rssEvery(120, 10).replace('<title>Busy</title>', '<title>Busy</title><ttl>120</ttl>'));
    const id = await subscribe(web.url('/ttl/feed.xml'));
    await pollFeed(deps, { feedId: id, dueAt: 1 });
    expect((await getFeed(database.db, id))?.intervalSeconds).toBe(7200);
  });
});

describe('server statuses', () => {
  it.each([429, 503])('%s with Retry-After pauses that feed only; a second feed on the same host still polls', async (status) => {
    const paused = await subscribe(hostile.url(`/status/${status}`));
    const sibling = await subscribe(hostile.url(`/ok.xml?sibling=${status}`));
    // A 60 s first backoff step, so only Retry-After (120 s) can explain a longer wait.
    const quick = { ...deps, config: { ...deps.config, pollIntervalSeconds: 60 } };
    expect((await pollFeed(quick, { feedId: paused, dueAt: 1 })).outcome).toBe('error');
    const feed = await getFeed(database.db, paused);
    expect(feed?.state).toBe('failing');
    expect(feed?.lastError).toContain(`HTTP ${status}`);
    expect(secondsAfterNow(feed?.nextPollAt)).toBe(120);
    expect((await pollFeed(quick, { feedId: sibling, dueAt: 1 })).outcome).toBe('ok');
  });

  it('410 Gone disables the feed and says why in last_error', async () => {
    const id = await subscribe(hostile.url('/status/410'));
    await pollFeed(deps, { feedId: id, dueAt: 1 });
    const feed = await getFeed(database.db, id);
    expect(feed?.state).toBe('disabled');
    expect(feed?.lastError).toMatch(/^disabled: .*gone.*410.*re-probed daily <- http_status: HTTP 410/);
    expect(secondsAfterNow(feed?.nextPollAt)).toBe(86_400);
  });

  it('301 moves the stored URL', async () => {
    const id = await subscribe(hostile.url('/redirect?code=301&to=/ok.xml%3Fmoved'));
    expect((await pollFeed(deps, { feedId: id, dueAt: 1 })).outcome).toBe('ok');
    expect((await getFeed(database.db, id))?.url).toBe(hostile.url('/ok.xml?moved'));
  });
});

describe('politeness', () => {
  it('a host over its per-minute budget postpones the poll instead of fetching or failing', async () => {
    const budget = await startHostileServer();
    try {
      const strict = { ...deps, config: { ...deps.config, hostMaxPerMinute: 1 } as Config };
      const first = await subscribe(budget.url('/ok.xml?first'));
      const second = await subscribe(budget.url('/ok.xml?second'));
      expect((await pollFeed(strict, { feedId: first, dueAt: 1 })).outcome).toBe('ok');
      const before = await getFeed(database.db, second);
      const refusal = await pollFeed(strict, { feedId: second, dueAt: 1 }).catch((err: unknown) => err);
      // Postponed as an ingestion is (the worker moves the job to the delayed set: test/pipeline/postpone.test.ts),
      // after the minute the budget asks, spread by the random draw (0.5 here).
      expect(refusal).toBeInstanceOf(PostponedError);
      expect((refusal as PostponedError).retryAfterMs / 1000).toBeGreaterThan(50 * 1.5);
      expect(budget.hits('/ok.xml')).toBe(1);
      const feed = await getFeed(database.db, second);
      expect(feed).toMatchObject({ state: 'active', errorCount: 0, lastPolledAt: null, lastError: null, nextPollAt: before?.nextPollAt });
    } finally {
      await budget.close();
    }
  });

  it('one feed row, and one poll, however many times its URL is subscribed', async () => {
    const url = web.url('/digest/atom.xml');
    const ids = [await subscribe(url), await subscribe(url), await subscribe(url)];
    expect(new Set(ids).size).toBe(1);
    await queues.poll.obliterate({ force: true });
    await schedulePolls(deps);
    const jobs = await queues.poll.getJobs(['waiting', 'delayed']);
    expect(jobs.filter((j) => j.data.feedId === ids[0])).toHaveLength(1);
  });
});
