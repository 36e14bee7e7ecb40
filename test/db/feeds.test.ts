// Removing a feed: its items go, the stories they were in are recomputed and keep their ids; a story left
// without members leaves the views.
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { listFeeds } from '../../src/db/feeds.ts';
import { removeFeed } from '../../src/pipeline/remove-feed.ts';
import { queryRows } from '../../src/db/client.ts';
import { listStories } from '../../src/db/story-reads.ts';

const world = useSeededWorld();

describe('removeFeed', () => {
  it('recomputes the stories its items were in: counts, canonical items; empty stories deleted', async () => {
    const wire = (await listFeeds(world.database.db)).find((f) => f.url.endsWith('/wire/feed.xml'));
    expect(wire).toBeDefined();
    const storiesBefore = await queryRows<{ story_id: string }>(world.database.db, sql`select story_id from feedfold_v1.stories`);
    // The stories that hold a copy from another feed must stay, under their ids; the others must go.
    const keeping = await queryRows<{ story_id: string }>(
      world.database.db,
      sql`select distinct story_id from feedfold_v1.story_items where feed_url <> ${wire!.url} order by story_id`,
    );
    expect(keeping.length).toBeGreaterThan(0);
    expect(keeping.length).toBeLessThan(storiesBefore.length);
    expect(await removeFeed(world.database.db, wire!.id)).toBe(true);
    const live = await queryRows<{ story_id: string; item_count: number; canonical_url: string | null }>(
      world.database.db,
      sql`select story_id, item_count, canonical_url from feedfold_v1.stories`,
    );
    // Stories that keep members keep their ids; those left empty are gone (the wire alone had some).
    expect(live.map((r) => r.story_id).sort()).toEqual(keeping.map((r) => r.story_id).sort());
    for (const s of live) {
      const members = await queryRows<{ n: string }>(world.database.db, sql`select count(*) as n from feedfold_v1.story_items where story_id = ${s.story_id}`);
      expect(Number(s.item_count)).toBe(Number(members[0]?.n));
      expect(Number(s.item_count)).toBeGreaterThan(0);
      expect(s.canonical_url).not.toMatch(/\/wire\//);
    }
    // Stories left without members are not in the merged feed.
    const feed = await listStories(world.database.db, { limit: 50, offset: 0 });
    expect(feed).toHaveLength(live.length);
    expect(feed.every((s) => s.itemCount > 0 && s.members.length === s.itemCount)).toBe(true);
    expect(feed.some((s) => s.title.startsWith('Lavrov'))).toBe(false);
    expect(await removeFeed(world.database.db, wire!.id)).toBe(false);
  });
});
