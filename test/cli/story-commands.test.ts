// Re-folding the whole database: every story recomputed, and an interrupted run loses nothing.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { refoldAllStories } from '../../src/cli/story-commands.ts';
import { queryRows } from '../../src/db/client.ts';

const world = useSeededWorld();

const snapshot = () => queryRows<{ story_id: string; item_count: number; canonical_item_id: string }>(
  world.database.db,
  sql`select story_id, item_count, canonical_item_id from feedfold_v1.stories order by story_id`,
);

describe('refoldAllStories', () => {
  it('repairs corrupted story rows and stops cleanly when asked', async () => {
    const good = await snapshot();
    await world.database.db.execute(sql`update stories set item_count = 99, canonical_item_id = null, title = 'broken'`);
    let calls = 0;
    const partial = await refoldAllStories(world.database.db, { now: () => new Date(), shouldStop: () => ++calls > 2, progress: () => {} });
    expect(partial).toEqual({ refreshed: 2, interrupted: true });
    const mid = await snapshot();
    expect(mid.filter((r) => Number(r.item_count) === 99)).toHaveLength(good.length - 2);
    const full = await refoldAllStories(world.database.db, { now: () => new Date(), shouldStop: () => false, progress: () => {} });
    expect(full).toEqual({ refreshed: good.length, interrupted: false });
    expect(await snapshot()).toEqual(good);
  });
});
