// Retention sweep: bodies of copies older than the retention period are cleared, in batches.
import { pruneItemBodies } from '../db/retention.ts';
import type { Deps } from './deps.ts';

/** Clear expired item bodies (never a story's canonical item); returns how many were cleared. */
export async function pruneExpiredItems(deps: Pick<Deps, 'config' | 'db' | 'log' | 'now'>): Promise<number> {
  if (deps.config.retentionDays === 0) return 0;
  const before = new Date(deps.now().getTime() - deps.config.retentionDays * 86_400_000);
  let total = 0;
  for (let batch = await pruneItemBodies(deps.db, before); batch > 0; batch = await pruneItemBodies(deps.db, before)) total += batch;
  if (total) deps.log.info({ cleared: total, before }, 'retention: cleared expired item bodies');
  return total;
}
