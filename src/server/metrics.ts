// Prometheus metrics, read from the database and the queues at scrape time, so every process
// (however many workers) reports the same truth without shared counters.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { countStored } from '../db/counts.ts';
import type { Queues } from '../queue/queues.ts';
import type { ServerDeps } from './deps.ts';

/** Window of the publish-to-fold delay quantiles: long enough for a few polls of every feed at the 15-minute default. */
export const FOLD_DELAY_WINDOW_SECONDS = 3600;
const QUANTILES = [0.5, 0.9, 0.99];

/** A registry and its text rendering. */
export interface Metrics {
  registry: Registry;
  contentType: string;
  render(): Promise<string>;
}

type Gauges = ReturnType<typeof createGauges>;

function createGauges(registry: Registry) {
  const g = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    rows: g('feedfold_rows', 'Rows stored, by kind', ['kind']),
    feedStates: g('feedfold_feeds', 'Feeds by state', ['state']),
    lastPoll: g('feedfold_feeds_last_poll', 'Feeds by the outcome of their last poll (never, ok, not_modified, client_error, server_error, network_error)', ['outcome']),
    feedErrors: g('feedfold_feed_consecutive_errors', 'Consecutive failed polls, summed over all feeds'),
    items: g('feedfold_items', 'Items by ingest status (new, ingested, failed)', ['status']),
    stories: g('feedfold_stories', 'Stories: live (own entry), folded (live with 2+ sources), merged (redirect to another)', ['kind']),
    foldRatio: g('feedfold_fold_ratio', 'Folded items per live story'),
    queueJobs: g('feedfold_queue_jobs', 'Jobs by queue and state', ['queue', 'state']),
    queueLag: g('feedfold_queue_oldest_waiting_seconds', 'Age of the oldest waiting job, by queue (0 when none waits)', ['queue']),
    delay: g('feedfold_publish_to_fold_seconds', `Delay from an item's publication to its fold, quantiles over the last ${FOLD_DELAY_WINDOW_SECONDS} s`, ['quantile']),
    delayCount: g('feedfold_publish_to_fold_items', `Items folded in the last ${FOLD_DELAY_WINDOW_SECONDS} s with a publication date`),
    fetchLatency: g('feedfold_feed_fetch_seconds', `Duration of the last fetch of each feed polled in the last ${FOLD_DELAY_WINDOW_SECONDS} s, quantiles`, ['quantile']),
  };
}

async function readCounts(deps: ServerDeps, m: Gauges): Promise<void> {
  const c = await countStored(deps.db);
  m.rows.set({ kind: 'items' }, c.items);
  m.rows.set({ kind: 'folded_items' }, c.foldedItems);
  m.rows.set({ kind: 'stories' }, c.liveStories);
  m.rows.set({ kind: 'merged_stories' }, c.mergedStories);
  m.stories.set({ kind: 'live' }, c.liveStories);
  m.stories.set({ kind: 'folded' }, c.storiesWithCopies);
  m.stories.set({ kind: 'merged' }, c.mergedStories);
  m.foldRatio.set(c.liveStories ? c.foldedItems / c.liveStories : 0);
  m.feedErrors.set(c.feedErrors);
}

async function readGroups(deps: ServerDeps, m: Gauges): Promise<void> {
  const groups = await queryRows<{ metric: string; label: string; n: string }>(
    deps.db,
    sql`select 'state' as metric, state as label, count(*) as n from feeds group by state
        union all
        select 'poll', case when last_polled_at is null then 'never' when last_status is null then 'network_error'
                            when last_status = 304 then 'not_modified' when last_status between 200 and 299 then 'ok'
                            when last_status between 400 and 499 then 'client_error' else 'server_error' end, count(*)
        from feeds group by 2
        union all
        select 'item', status, count(*) from items group by status`,
  );
  m.feedStates.reset();
  m.lastPoll.reset();
  m.items.reset();
  for (const g of groups) {
    const gauge = g.metric === 'state' ? m.feedStates : g.metric === 'poll' ? m.lastPoll : m.items;
    gauge.set({ [g.metric === 'state' ? 'state' : g.metric === 'poll' ? 'outcome' : 'status']: g.label }, Number(g.n));
  }
}

type QuantileRow = { n: string; q50: number | null; q90: number | null; q99: number | null };

/** Set a quantile gauge from one row of count and 0.5/0.9/0.99 quantiles, scaled; empty when no rows. */
function setQuantiles(gauge: Gauges['delay'], r: QuantileRow | undefined, scale: number): number {
  gauge.reset();
  if (!r || Number(r.n) === 0) return Number(r?.n ?? 0);
  const values = [r.q50, r.q90, r.q99];
  QUANTILES.forEach((q, i) => gauge.set({ quantile: String(q) }, Number(values[i] ?? 0) * scale));
  return Number(r.n);
}

/** Count and 0.5/0.9/0.99 quantiles of `value` over the rows of `from` (a subquery or table with its filter). */
function quantileQuery(value: SQL, from: SQL): SQL {
  return sql`select count(*) as n,
               percentile_cont(0.5) within group (order by ${value}) as q50,
               percentile_cont(0.9) within group (order by ${value}) as q90,
               percentile_cont(0.99) within group (order by ${value}) as q99
        from ${from}`;
}

async function readFoldDelay(deps: ServerDeps, m: Gauges, now: Date): Promise<void> {
  const since = new Date(now.getTime() - FOLD_DELAY_WINDOW_SECONDS * 1000);
  const delays = sql`(select greatest(0, extract(epoch from si.joined_at - i.published_at)) as d
              from story_items si join items i on i.id = si.item_id
              where si.joined_at >= ${since.toISOString()}::timestamptz and i.published_at is not null) delays`;
  const rows = await queryRows<QuantileRow>(deps.db, quantileQuery(sql`d`, delays));
  m.delayCount.set(setQuantiles(m.delay, rows[0], 1));
}

async function readFetchLatency(deps: ServerDeps, m: Gauges, now: Date): Promise<void> {
  const since = new Date(now.getTime() - FOLD_DELAY_WINDOW_SECONDS * 1000);
  const polled = sql`feeds where last_fetch_ms is not null and last_polled_at >= ${since.toISOString()}::timestamptz`;
  const rows = await queryRows<QuantileRow>(deps.db, quantileQuery(sql`last_fetch_ms`, polled));
  setQuantiles(m.fetchLatency, rows[0], 1 / 1000);
}

async function readQueues(queues: Queues, m: Gauges, now: Date): Promise<void> {
  m.queueJobs.reset();
  for (const queue of [queues.poll, queues.ingest]) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    for (const [state, n] of Object.entries(counts)) m.queueJobs.set({ queue: queue.name, state }, n);
    const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
    m.queueLag.set({ queue: queue.name }, oldest ? Math.max(0, (now.getTime() - oldest.timestamp) / 1000) : 0);
  }
}

/** Create the registry with feedfold's gauges. */
export function createMetrics(deps: ServerDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'feedfold_process_' });
  const m = createGauges(registry);
  return {
    registry,
    contentType: registry.contentType,
    async render() {
      const now = deps.now();
      await Promise.all([readCounts(deps, m), readGroups(deps, m), readFoldDelay(deps, m, now), readFetchLatency(deps, m, now)]);
      if (deps.queues) {
        await readQueues(deps.queues, m, now).catch((err: Error) => deps.log.warn({ error: err.message }, 'queue metrics unavailable'));
      }
      return registry.metrics();
    },
  };
}
