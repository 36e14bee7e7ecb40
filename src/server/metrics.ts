// Prometheus metrics, read from the database and the queues at scrape time, so every process
// (however many workers) reports the same truth without shared counters.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import type { ServerDeps } from './app.ts';

/** A registry and its text rendering. */
export interface Metrics {
  registry: Registry;
  contentType: string;
  render(): Promise<string>;
}

/** Create the registry with feedfold's gauges. */
export function createMetrics(deps: ServerDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'feedfold_process_' });
  const counts = new Gauge({ name: 'feedfold_rows', help: 'Rows stored, by kind', labelNames: ['kind'], registers: [registry] });
  const feedStates = new Gauge({ name: 'feedfold_feeds', help: 'Feeds by state', labelNames: ['state'], registers: [registry] });
  const foldRatio = new Gauge({ name: 'feedfold_fold_ratio', help: 'Folded items per live story', registers: [registry] });
  const depth = new Gauge({ name: 'feedfold_queue_jobs', help: 'Jobs outstanding by queue', labelNames: ['queue'], registers: [registry] });
  return {
    registry,
    contentType: registry.contentType,
    async render() {
      const rows = await queryRows<{ items: string; folded: string; stories: string; merged: string }>(
        deps.db,
        sql`select (select count(*) from items) as items, (select count(*) from story_items) as folded,
                   (select count(*) from stories where merged_into is null) as stories,
                   (select count(*) from stories where merged_into is not null) as merged`,
      );
      const r = rows[0];
      if (r) {
        counts.set({ kind: 'items' }, Number(r.items));
        counts.set({ kind: 'folded_items' }, Number(r.folded));
        counts.set({ kind: 'stories' }, Number(r.stories));
        counts.set({ kind: 'merged_stories' }, Number(r.merged));
        foldRatio.set(Number(r.stories) ? Number(r.folded) / Number(r.stories) : 0);
      }
      const states = await queryRows<{ state: string; n: string }>(deps.db, sql`select state, count(*) as n from feeds group by state`);
      feedStates.reset();
      for (const s of states) feedStates.set({ state: s.state }, Number(s.n));
      if (deps.queueDepths) {
        const d = await deps.queueDepths().catch(() => ({}) as Record<string, number>);
        for (const [q, n] of Object.entries(d)) depth.set({ queue: q }, n);
      }
      return registry.metrics();
    },
  };
}
