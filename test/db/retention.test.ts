import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { pruneItemBodies } from '../../src/db/retention.ts';
import { items, stories } from '../../src/db/schema.ts';

const world = useSeededWorld();

describe('pruneItemBodies', () => {
  it('clears old copies but keeps canonical items, memberships and signatures', async () => {
    const canonicalIds = (await world.database.db.select({ id: stories.canonicalItemId }).from(stories)).map((r) => r.id);
    const before = await world.database.db.select().from(items);
    const pruned = await pruneItemBodies(world.database.db, new Date('2030-01-01'));
    expect(pruned).toBe(before.length - new Set(canonicalIds).size);
    const after = await world.database.db.select().from(items);
    for (const row of after) {
      if (canonicalIds.includes(row.id)) expect(row.text).toBeTruthy();
      else expect([row.text, row.content, row.summary]).toEqual([null, null, null]);
      expect(row.signature).toBeTruthy();
    }
    expect(await pruneItemBodies(world.database.db, new Date('2030-01-01'))).toBe(0);
  });

  it('leaves items newer than the cut-off alone', async () => {
    const [row] = await world.database.db.select().from(items).where(eq(items.id, (await world.database.db.select().from(stories))[0]!.canonicalItemId!));
    expect(row?.text).toBeTruthy();
    expect(await pruneItemBodies(world.database.db, new Date('2000-01-01'))).toBe(0);
  });
});
