// Progress markers of long maintenance runs: the last item finished, so an interrupted run resumes after it.
import { sql } from 'drizzle-orm';
import { timestampParam, toDate, type Statement } from './client.ts';

/** Where a run stands. */
export interface Progress {
  position: number;
  until: number;
  since: Date | null;
  startedAt: Date;
}

/** The task's marker, or null when no run of it is unfinished. */
export function readProgress(task: string): Statement<Progress | null> {
  return {
    query: sql`select position, until, since, started_at from maintenance_progress where task = ${task}`,
    read: (rows) => {
      const r = rows[0];
      return r ? { position: Number(r.position), until: Number(r.until), since: toDate(r.since), startedAt: toDate(r.started_at) as Date } : null;
    },
  };
}

/** Set the task's marker (a new run, or one more item finished). */
export function saveProgress(task: string, p: Progress, now: Date): Statement<void> {
  return {
    query: sql`insert into maintenance_progress (task, position, until, since, started_at, updated_at)
               values (${task}, ${p.position}, ${p.until}, ${timestampParam(p.since)}, ${timestampParam(p.startedAt)}, ${timestampParam(now)})
               on conflict (task) do update set position = excluded.position, until = excluded.until, since = excluded.since,
                 started_at = excluded.started_at, updated_at = excluded.updated_at`,
    read: () => undefined,
  };
}

/** Remove the task's marker: the run is finished. */
export function clearProgress(task: string): Statement<void> {
  return { query: sql`delete from maintenance_progress where task = ${task}`, read: () => undefined };
}
