// `feedfold stories refold`: recompute every live story (members, counts, languages, canonical item),
// one short transaction per story, with progress; Ctrl-C stops after the story in hand, losing nothing.
import { and, asc, gt, isNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { stories } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import { refreshStory } from '../pipeline/refresh-story.ts';
import { withDatabase } from './feed-commands.ts';

const BATCH = 500;

/** Refresh every live story in id order; returns how many were refreshed and whether it was interrupted. */
export async function refoldAllStories(
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

/** The command: refold with progress on stderr and a clean stop on SIGINT/SIGTERM. */
export async function storiesRefold(config: Config): Promise<number> {
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await withDatabase(config, async (database) => {
      const r = await refoldAllStories(database.db, {
        now: () => new Date(),
        shouldStop: () => stop,
        progress: (n) => process.stderr.write(`\rrefolded ${n} stories`),
      });
      process.stderr.write('\n');
      console.log(r.interrupted ? `interrupted after ${r.refreshed} stories; run again to finish` : `refolded ${r.refreshed} stories`);
      return r.interrupted ? 130 : 0;
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
