// `feedfold stories refresh` (old name: `stories refold` without --membership): recompute every live story
// (counts, languages, canonical item), one short transaction per story, with progress; Ctrl-C stops after the
// story in hand, losing nothing. `stories refold --membership [--since DATE]`: re-decide every item's story
// (src/pipeline/refold-membership.ts).
import { and, asc, gt, isNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { stories } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import { refreshStory } from '../pipeline/refresh-story.ts';
import { refoldMembership } from '../pipeline/refold-membership.ts';
import { withDatabase } from './feed-commands.ts';

const BATCH = 500;

/** Refresh every live story in id order; returns how many were refreshed and whether it was interrupted. */
export async function refreshAllStories(
  db: Db,
  opts: { now: () => Date; shouldStop: () => boolean; progress: (done: number) => void },
): Promise<{ refreshed: number; interrupted: boolean }> {
  let after = 0;
  let refreshed = 0;
  for (;;) {
    const batch = await db
      .select({ id: stories.id })
      .from(stories)
      .where(and(isNull(stories.mergedInto), gt(stories.id, after)))
      .orderBy(asc(stories.id))
      .limit(BATCH);
    if (batch.length === 0) return { refreshed, interrupted: false };
    for (const { id } of batch) {
      if (opts.shouldStop()) return { refreshed, interrupted: true };
      await refreshStory(db, id, opts.now());
      refreshed++;
      after = id;
    }
    opts.progress(refreshed);
  }
}

/** Run fn with a flag that SIGINT/SIGTERM set (the work stops at its next checkpoint). */
async function untilSignalled<T>(fn: (stopped: () => boolean) => Promise<T>): Promise<T> {
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(() => stop);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `stories refresh`: with progress on stderr and a clean stop on SIGINT/SIGTERM. */
export async function storiesRefresh(config: Config): Promise<number> {
  return untilSignalled((stopped) =>
    withDatabase(config, async (database) => {
      const r = await refreshAllStories(database.db, {
        now: () => new Date(),
        shouldStop: stopped,
        progress: (n) => process.stderr.write(`\rrefreshed ${n} stories`),
      });
      process.stderr.write('\n');
      console.log(r.interrupted ? `interrupted after ${r.refreshed} stories; run again to finish` : `refreshed ${r.refreshed} stories`);
      return r.interrupted ? 130 : 0;
    }),
  );
}

/** `stories refold --membership`: re-decide every item's story, progress on stderr, resumable after a stop. */
export async function storiesRefoldMembership(config: Config, since: Date | null): Promise<number> {
  return untilSignalled((stopped) =>
    withDatabase(config, async (database) => {
      const r = await refoldMembership({ db: database.db, now: () => new Date() }, {
        since,
        shouldStop: stopped,
        progress: (p) =>
          process.stderr.write(`\rre-decided ${p.done} items (at item ${p.position} of ${p.until}; moved ${p.counts.moved}, split ${p.counts.split})`),
      });
      process.stderr.write('\n');
      const c = r.counts;
      const what = `${c.kept} kept, ${c.moved} moved, ${c.split} split off, ${c.skipped} skipped`;
      console.log(r.interrupted ? `interrupted (${what}); run again to resume` : `${r.resumed ? 'resumed and ' : ''}finished: ${what}`);
      return r.interrupted ? 130 : 0;
    }),
  );
}
