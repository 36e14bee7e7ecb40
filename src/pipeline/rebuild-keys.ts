// The candidate index after an upgrade: keys rebuilt from the stored signatures of the items inside the key
// window (or every item), so copies arriving after the upgrade still find their stories.
import { candidateKeysMissing, rebuildCandidateKeys } from '../db/candidate-keys.ts';
import type { Deps } from './deps.ts';

type KeyDeps = Pick<Deps, 'config' | 'db' | 'log' | 'now'>;

/** Rebuild the keys of the window's folded items (all of them with `all`, or a window of 0); returns how many. */
export async function rebuildKeys(deps: KeyDeps, opts: { all: boolean; progress?: (done: number) => void }): Promise<number> {
  const days = deps.config.keyWindowDays;
  const since = opts.all || days === 0 ? null : new Date(deps.now().getTime() - days * 86_400_000);
  const done = await rebuildCandidateKeys(deps.db, since, 1_000, opts.progress);
  deps.log.info({ items: done, since }, 'candidate keys rebuilt');
  return done;
}

/** After migrations: rebuild the window's keys when an existing install has folded items but no keys yet. */
export async function rebuildKeysIfMissing(deps: KeyDeps): Promise<number> {
  if (!(await candidateKeysMissing(deps.db))) return 0;
  deps.log.warn('candidate keys missing (upgraded install): rebuilding them from stored signatures');
  return rebuildKeys(deps, { all: false });
}
