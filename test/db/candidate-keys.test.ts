import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useSeededWorld } from '../helpers/seed.ts';
import { testConfig } from '../helpers/services.ts';
import { queryRows, runStatement } from '../../src/db/client.ts';
import { findCandidates } from '../../src/db/candidate-keys.ts';
import { lookupKeyIds } from '../../src/domain/fingerprint.ts';
import { parseSignature } from '../../src/db/signatures.ts';
import { silentLogger } from '../../src/log.ts';
import { forgetExpiredKeys } from '../../src/pipeline/retention.ts';
import { rebuildKeysIfMissing } from '../../src/pipeline/rebuild-keys.ts';

const world = useSeededWorld();
const db = () => world.database.db;
const keyRows = async () =>
  (await queryRows<{ item_id: string; keys: number[] }>(db(), sql`select item_id, keys from candidate_keys order by item_id`))
    .map((r) => ({ id: Number(r.item_id), keys: [...r.keys].sort((a, b) => a - b) }));
const expectedKeyRows = async () =>
  (await queryRows<{ id: string; signature: unknown }>(db(), sql`select i.id, i.signature from items i join story_items s on s.item_id = i.id order by i.id`))
    .flatMap((r) => {
      const sig = parseSignature(r.signature);
      return sig ? [{ id: Number(r.id), keys: lookupKeyIds(sig).sort((a, b) => a - b) }] : [];
    });
const count = async (table: string) => Number((await queryRows<{ n: string }>(db(), sql`select count(*) as n from ${sql.raw(table)}`))[0]!.n);
const deps = (now: Date, days = 3) => ({ config: testConfig({ FEEDFOLD_KEY_WINDOW_DAYS: String(days) }), db: db(), log: silentLogger(), now: () => now });

describe('candidate_keys', () => {
  it('holds one row per folded item: the integer keys of its signature', async () => {
    const rows = await keyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toEqual(await expectedKeyRows());
    for (const r of rows) expect(r.keys.length).toBeLessThanOrEqual(40);
  });

  it('is rebuilt from the stored signatures when an upgraded install has none, and only then', async () => {
    const before = await keyRows();
    expect(await rebuildKeysIfMissing(deps(new Date()))).toBe(0);
    await db().execute(sql`delete from candidate_keys`);
    expect(await rebuildKeysIfMissing(deps(new Date()))).toBe(before.length);
    expect(await keyRows()).toEqual(before);
  });

  it('reads at most 100 holders per key, so a common key does not hide a rare one', async () => {
    const [rare] = await keyRows();
    const [feed] = await queryRows<{ id: string }>(db(), sql`select id from feeds order by id limit 1`);
    const [story] = await queryRows<{ story_id: string }>(db(), sql`select story_id from story_items where item_id = ${rare!.id}`);
    await db().execute(sql`insert into items (feed_id, item_key, title, status) select ${feed!.id}, 'common-' || g, 'common', 'ingested' from generate_series(1, 150) g`);
    await db().execute(sql`insert into story_items (item_id, story_id, method) select id, ${story!.story_id}, 'test' from items where item_key like 'common-%'`);
    await db().execute(sql`insert into candidate_keys (item_id, keys) select id, array[7, id::int] from items where item_key like 'common-%'`);
    const found = await runStatement(db(), findCandidates([7, rare!.keys[0]!], 0));
    expect(found.some((c) => c.itemId === rare!.id)).toBe(true);
    expect(found.filter((c) => c.itemId !== rare!.id && c.storyId === Number(story!.story_id)).length).toBeGreaterThanOrEqual(100);
    expect(found.length).toBeLessThanOrEqual(100 + 1 + 5);
    await db().execute(sql`delete from items where item_key like 'common-%'`);
  });

  it('forgets the keys of items older than the window; items, stories and memberships stay', async () => {
    const [members, storyCount, itemCount, keyed] = [await count('story_items'), await count('stories'), await count('items'), await count('candidate_keys')];
    expect(await forgetExpiredKeys(deps(new Date()))).toBe(0);
    expect(await forgetExpiredKeys(deps(new Date(Date.now() + 2 * 86_400_000)))).toBe(0);
    expect(await forgetExpiredKeys(deps(new Date(Date.now() + 10 * 86_400_000), 0))).toBe(0);
    expect(await forgetExpiredKeys(deps(new Date(Date.now() + 4 * 86_400_000)))).toBe(keyed);
    expect(await count('candidate_keys')).toBe(0);
    expect([await count('story_items'), await count('stories'), await count('items')]).toEqual([members, storyCount, itemCount]);
  });
});
