// Retention sweep: bodies of copies older than the retention period are cleared, and keys of items older than
// the key window are forgotten, in batches.
import { forgetKeysBefore } from '../db/candidate-keys.ts';
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

/** Forget the candidate-index keys of items stored before the key window; returns how many items lost them. */
export async function forgetExpiredKeys(deps: Pick<Deps, 'config' | 'db' | 'log' | 'now'>): Promise<number> {
  if (deps.config.keyWindowDays === 0) return 0;
  const before = new Date(deps.now().getTime() - deps.config.keyWindowDays * 86_400_000);
  let total = 0;
  for (let batch = await forgetKeysBefore(deps.db, before); batch > 0; batch = await forgetKeysBefore(deps.db, before)) total += batch;
  if (total) deps.log.info({ items: total, before }, 'key window: forgot the candidate keys of older items');
  return total;
}
