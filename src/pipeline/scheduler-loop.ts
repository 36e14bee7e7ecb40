// Thin shell: run the scheduler's tick on an interval; a failing tick is logged and retried next time.
import { schedulePolls, type RecentSlots } from './schedule-polls.ts';
import type { Deps } from './deps.ts';
import { describeError } from '../errors.ts';

/** Start ticking; returns stop(). */
export function startScheduler(deps: Deps): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let busy = false;
  // Slots this loop queued lately, so a backlog's still-due feeds are not re-sent to Redis every tick.
  const recent: RecentSlots = new Map();
  const tick = () => {
    if (busy) return; // a slow tick is not overlapped by the next one
    busy = true;
    running = schedulePolls(deps, 1000, recent)
      .then((s) => {
        if (s.polls || s.stranded) deps.log.debug({ polls: s.polls, stranded: s.stranded }, 'scheduler tick');
      })
      .catch((err: Error) => deps.log.error({ error: describeError(err) }, 'scheduler tick failed; retrying next tick'))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, deps.config.schedulerTickSeconds * 1000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
