// /metrics against a real database and queues: every feedfold metric appears with values that agree
// with what the pipeline stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { testConfig, testDeps, useTestStore, type TestDatabase } from '../helpers/services.ts';
import { seedFixtureWeb } from '../helpers/seed.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import { feeds, items } from '../../src/db/schema.ts';
import { enqueuePoll, type Queues } from '../../src/queue/queues.ts';

let web: FixtureWeb;
const config = testConfig();
const store = useTestStore(config);
let database: TestDatabase;
let queues: Queues;
let app: Hono;
let text = '';
// The pipeline folds every item at T0; the scrape happens two minutes later.
const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const SCRAPE_AT = new Date(T0.getTime() + 120_000);

function metric(name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (!line) throw new Error(`metric ${name}${labels} missing`);
  return Number(line.split(' ')[1]);
}

function quantile(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  return (sorted[lo] as number) + ((sorted[Math.ceil(pos)] as number) - (sorted[lo] as number)) * (pos - lo);
}

beforeAll(async () => {
  web = await startFixtureWeb();
  ({ database, queues } = store);
  await seedFixtureWeb(testDeps(config, database, queues, { now: T0 }), web);
  await enqueuePoll(queues, { feedId: 1, dueAt: 1 });
  app = createApp({ config, db: database.db, log: silentLogger(), queues, now: () => SCRAPE_AT }).app;
  text = await (await app.request('/metrics')).text();
});
afterAll(async () => {
  await web?.close();
});

describe('metrics', () => {
  it('reports fetch latency quantiles from the last poll of each feed', async () => {
    const rows = await database.db.select({ ms: feeds.lastFetchMs }).from(feeds);
    const ms = rows.map((r) => r.ms).filter((v): v is number => v != null).sort((a, b) => a - b);
    expect(ms).toHaveLength(3);
    expect(metric('feedfold_feed_fetch_seconds', '{quantile="0.5"}')).toBeCloseTo(quantile(ms, 0.5) / 1000, 6);
  });

  it('counts feeds by last poll outcome and items by status', async () => {
    expect(metric('feedfold_feeds_last_poll', '{outcome="ok"}')).toBe(3);
    expect(metric('feedfold_feed_consecutive_errors')).toBe(0);
    const stored = await database.db.select({ status: items.status }).from(items);
    expect(metric('feedfold_items', '{status="ingested"}')).toBe(stored.filter((r) => r.status === 'ingested').length);
    expect(metric('feedfold_rows', '{kind="items"}')).toBe(stored.length);
  });

  it('reports stories live, folded and the fold ratio', () => {
    const live = metric('feedfold_stories', '{kind="live"}');
    const folded = metric('feedfold_stories', '{kind="folded"}');
    expect(live).toBeGreaterThanOrEqual(4);
    expect(folded).toBeGreaterThanOrEqual(1);
    expect(folded).toBeLessThan(live);
    expect(metric('feedfold_fold_ratio')).toBeCloseTo(metric('feedfold_rows', '{kind="folded_items"}') / live, 6);
    expect(metric('feedfold_fold_ratio')).toBeGreaterThan(1);
  });

  it('reports queue depth and the age of the oldest waiting job', () => {
    expect(metric('feedfold_queue_jobs', '{queue="poll",state="waiting"}')).toBe(1);
    expect(metric('feedfold_queue_jobs', '{queue="ingest",state="waiting"}')).toBe(0);
    // The job was queued after T0 and before the scrape time the server was given.
    const lag = metric('feedfold_queue_oldest_waiting_seconds', '{queue="poll"}');
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThanOrEqual(120);
    expect(metric('feedfold_queue_oldest_waiting_seconds', '{queue="ingest"}')).toBe(0);
  });

  it('reports publish-to-fold delay quantiles that match the stored publication dates', async () => {
    const rows = await database.db.select({ published: items.publishedAt }).from(items);
    const delays = rows.flatMap((r) => (r.published ? [Math.max(0, (T0.getTime() - r.published.getTime()) / 1000)] : [])).sort((a, b) => a - b);
    expect(metric('feedfold_publish_to_fold_items')).toBe(delays.length);
    expect(metric('feedfold_publish_to_fold_seconds', '{quantile="0.5"}')).toBeCloseTo(quantile(delays, 0.5), 3);
    expect(metric('feedfold_publish_to_fold_seconds', '{quantile="0.99"}')).toBeCloseTo(quantile(delays, 0.99), 3);
  });
});
