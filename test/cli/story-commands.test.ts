// Re-folding the whole database: every story recomputed, and an interrupted run loses nothing.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { refreshAllStories } from '../../src/cli/story-commands.ts';
import { queryRows } from '../../src/db/client.ts';
import { cliEnv, runCli } from '../helpers/cli.ts';
import { TEST_REDIS_URL, testDatabaseUrl } from '../helpers/services.ts';

const world = useSeededWorld();

const snapshot = () => queryRows<{ story_id: string; item_count: number; canonical_item_id: string; title: string }>(
  world.database.db,
  sql`select story_id, item_count, canonical_item_id, title from feedfold_v1.stories order by story_id`,
);

describe('refreshAllStories', () => {
  it('repairs corrupted story rows and stops cleanly when asked', async () => {
    const good = await snapshot();
    expect(good.length).toBeGreaterThan(3);
    await world.database.db.execute(sql`update stories set item_count = 99, canonical_item_id = null, title = 'broken'`);
    let calls = 0;
    const partial = await refreshAllStories(world.database.db, { now: () => new Date(), shouldStop: () => ++calls > 2, progress: () => {} });
    expect(partial).toEqual({ refreshed: 2, interrupted: true });
    const mid = await snapshot();
    expect(mid.filter((r) => Number(r.item_count) === 99)).toHaveLength(good.length - 2);
    const full = await refreshAllStories(world.database.db, { now: () => new Date(), shouldStop: () => false, progress: () => {} });
    expect(full).toEqual({ refreshed: good.length, interrupted: false });
    expect(await snapshot()).toEqual(good);
  });
});

describe('the command names', () => {
  it('stories refresh recomputes; stories refold alone is its old name and says so; refresh takes no membership flags', async () => {
    const env = cliEnv(testDatabaseUrl(world.database.name), TEST_REDIS_URL, 'story-names', { LOG_LEVEL: 'silent' });
    const refresh = await runCli(['stories', 'refresh'], env);
    expect(refresh).toMatchObject({ code: 0, stdout: expect.stringMatching(/^refreshed \d+ stories/) });
    const old = await runCli(['stories', 'refold'], env);
    expect(old).toMatchObject({ code: 0, stdout: refresh.stdout, stderr: expect.stringContaining('`stories refold` without --membership is `stories refresh`') });
    const wrong = await runCli(['stories', 'refresh', '--membership'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('usage: feedfold stories refresh | stories refold --membership [--since DATE]');
  }, 60_000);
});
