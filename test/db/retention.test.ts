// Retention clears the bodies of old copies and nothing else. Each test states what it expects from the
// store as it finds it, so neither passes on an empty or already-pruned store.
import { describe, expect, it } from 'vitest';
import { useSeededWorld } from '../helpers/seed.ts';
import { pruneItemBodies } from '../../src/db/retention.ts';
import { items, stories } from '../../src/db/schema.ts';

const world = useSeededWorld();

const canonicalIds = async () => new Set((await world.database.db.select({ id: stories.canonicalItemId }).from(stories)).map((r) => r.id));
const timeOf = (row: typeof items.$inferSelect) => (row.publishedAt ?? row.createdAt).getTime();

describe('pruneItemBodies', () => {
  it('leaves items newer than the cut-off alone', async () => {
    const canonical = await canonicalIds();
    const prunable = (await world.database.db.select().from(items)).filter((r) => !canonical.has(r.id) && r.text !== null);
    const times = [...new Set(prunable.map(timeOf))].sort((a, b) => a - b);
    // A cut-off with prunable copies on both sides of it.
    const cutoff = times[Math.floor(times.length / 2)]!;
    const older = prunable.filter((r) => timeOf(r) < cutoff);
    const newer = prunable.filter((r) => timeOf(r) >= cutoff);
    expect(older.length).toBeGreaterThan(0);
    expect(newer.length).toBeGreaterThan(0);
    expect(await pruneItemBodies(world.database.db, new Date(cutoff))).toBe(older.length);
    const after = new Map((await world.database.db.select().from(items)).map((r) => [r.id, r]));
    for (const r of newer) expect(after.get(r.id)?.text).toBe(r.text);
    for (const r of older) expect(after.get(r.id)?.text).toBeNull();
  });

  it('clears old copies but keeps canonical items, memberships and signatures', async () => {
    const canonical = await canonicalIds();
    const before = await world.database.db.select().from(items);
    const withBodies = before.filter((r) => !canonical.has(r.id) && (r.text !== null || r.content !== null || r.summary !== null));
    expect(withBodies.length).toBeGreaterThan(0);
    expect(await pruneItemBodies(world.database.db, new Date('2030-01-01'))).toBe(withBodies.length);
    const after = await world.database.db.select().from(items);
    for (const row of after) {
      if (canonical.has(row.id)) expect(row.text).toBeTruthy();
      else expect([row.text, row.content, row.summary]).toEqual([null, null, null]);
      expect(row.signature).toBeTruthy();
    }
    expect(await pruneItemBodies(world.database.db, new Date('2030-01-01'))).toBe(0);
  });
});
