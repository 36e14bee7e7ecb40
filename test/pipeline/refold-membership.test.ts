// `stories refold --membership`: stories whose membership went wrong (an over-merge, a broken-off copy) come
// back to what the fold decides, keeping the ids of stories that survive, with a redirect where a story is
// absorbed and a split record where one is divided; a run stopped after a batch resumes from its marker.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { queryRows, runStatement } from '../../src/db/client.ts';
import { readProgress } from '../../src/db/maintenance-progress.ts';
import { refoldMembership, REFOLD_TASK } from '../../src/pipeline/refold-membership.ts';
import { refreshStory } from '../../src/pipeline/refresh-story.ts';

const world = useSeededWorld();
const db = () => world.database.db;
const deps = () => ({ db: db(), now: () => new Date() });

/** story id → its item ids, ascending, from the public view. */
async function partition(): Promise<Map<number, number[]>> {
  const rows = await queryRows<{ story_id: string; item_id: string }>(db(), sql`select story_id, item_id from feedfold_v1.story_items order by item_id`);
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(Number(r.story_id), [...(out.get(Number(r.story_id)) ?? []), Number(r.item_id)]);
  return out;
}
const groups = (p: Map<number, number[]>) => [...p.values()].map((ids) => ids.join(',')).sort();
const run = (opts: { batch?: number; stopAfter?: number } = {}) => {
  let batches = 0;
  return refoldMembership(deps(), { since: null, batch: opts.batch, shouldStop: () => ++batches >= (opts.stopAfter ?? Infinity), progress: () => {} });
};

describe('refoldMembership', () => {
  it('changes nothing on a store the current code folded', async () => {
    const before = await partition();
    const r = await run();
    expect(r.counts.moved + r.counts.split).toBe(0);
    const [n] = await queryRows<{ n: string }>(db(), sql`select count(*) as n from story_items`);
    expect(r.counts.kept).toBe(Number(n!.n));
    expect(r.counts.kept).toBeGreaterThan(3);
    expect(await partition()).toEqual(before);
  });

  it('undoes an over-merge and a broken-off copy, keeps surviving ids, writes a redirect and a split, and resumes after a stop', async () => {
    const fresh = await partition();
    const multi = [...fresh.entries()].filter(([, ids]) => ids.length >= 2).sort((a, b) => a[0] - b[0]);
    expect(multi.length).toBeGreaterThanOrEqual(1);
    const [x, xItems] = multi[0]!;
    const [y, yItems] = [...fresh.entries()].filter(([id, ids]) => id !== x && Math.min(...ids) > Math.min(...xItems))[0]!;
    // A worse rule merged y into x: the later story's items now sit in the earlier one, y redirects to x.
    expect(Math.min(...yItems)).toBeGreaterThan(Math.min(...xItems));
    await db().execute(sql`update story_items set story_id = ${x} where story_id = ${y}`);
    await db().execute(sql`update stories set merged_into = ${x}, item_count = 0 where id = ${y}`);
    // And a later copy of x was broken off into a story of its own.
    const stray = xItems[xItems.length - 1]!;
    const [row] = await queryRows<{ id: string }>(db(), sql`insert into stories (title, item_count) values ('stray', 1) returning id`);
    const w = Number(row!.id);
    await db().execute(sql`update story_items set story_id = ${w} where item_id = ${stray}`);
    await refreshStory(db(), w, new Date());
    await refreshStory(db(), x, new Date());
    expect(groups(await partition())).not.toEqual(groups(fresh));

    const first = await run({ batch: 3, stopAfter: 1 });
    expect(first.interrupted).toBe(true);
    expect((await runStatement(db(), readProgress(REFOLD_TASK)))?.position).toBeGreaterThan(0);
    const rest = await run({ batch: 3 });
    expect(rest).toMatchObject({ interrupted: false, resumed: true });
    expect(await runStatement(db(), readProgress(REFOLD_TASK))).toBeNull();

    // The stories are the fresh fold's again.
    const after = await partition();
    expect(groups(after)).toEqual(groups(fresh));
    // x survives with its own items; y's items were split off into a new story, recorded as a split of x.
    expect(after.get(x)).toEqual(xItems);
    const splits = await queryRows<{ story_id: string; split_from: string }>(db(), sql`select story_id, split_from from feedfold_v1.story_splits`);
    const yNow = [...after.entries()].find(([, ids]) => ids.join() === yItems.join())![0];
    expect(splits.map((s) => [Number(s.story_id), Number(s.split_from)])).toContainEqual([yNow, x]);
    // The broken-off copy went home: w, left empty, redirects to x.
    const redirect = await queryRows<{ merged_into: string }>(db(), sql`select merged_into from feedfold_v1.story_redirects where story_id = ${w}`);
    expect(Number(redirect[0]?.merged_into)).toBe(x);
    // Every listed story's row agrees with its members.
    const wrong = await queryRows<{ n: string }>(db(), sql`select count(*) as n from feedfold_v1.stories s
      where item_count <> (select count(*) from feedfold_v1.story_items si where si.story_id = s.story_id) or canonical_item_id is null`);
    expect(Number(wrong[0]?.n)).toBe(0);
  });
});
