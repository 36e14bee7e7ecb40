import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { createTestDatabase, createTestQueues, testConfig, testDeps } from '../helpers/services.ts';
import { seedFixtureWeb } from '../helpers/seed.ts';
import { pruneItemBodies } from '../../src/db/retention.ts';
import { items, stories } from '../../src/db/schema.ts';
import type { Queues } from '../../src/queue/queues.ts';

let web: FixtureWeb;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;
beforeAll(async () => {
  web = await startFixtureWeb();
  database = await createTestDatabase();
  const config = testConfig();
  queues = createTestQueues(config);
  await seedFixtureWeb(testDeps(config, database, queues), web);
});
afterAll(async () => {
  await queues?.close();
  await database?.drop();
  await web?.close();
});

describe('pruneItemBodies', () => {
  it('clears old copies but keeps canonical items, memberships and signatures', async () => {
    const canonicalIds = (await database.db.select({ id: stories.canonicalItemId }).from(stories)).map((r) => r.id);
    const before = await database.db.select().from(items);
    const pruned = await pruneItemBodies(database.db, new Date('2030-01-01'));
    expect(pruned).toBe(before.length - new Set(canonicalIds).size);
    const after = await database.db.select().from(items);
    for (const row of after) {
      if (canonicalIds.includes(row.id)) expect(row.text).toBeTruthy();
      else expect([row.text, row.content, row.summary]).toEqual([null, null, null]);
      expect(row.signature).toBeTruthy();
    }
    expect(await pruneItemBodies(database.db, new Date('2030-01-01'))).toBe(0);
  });

  it('leaves items newer than the cut-off alone', async () => {
    const [row] = await database.db.select().from(items).where(eq(items.id, (await database.db.select().from(stories))[0]!.canonicalItemId!));
    expect(row?.text).toBeTruthy();
    expect(await pruneItemBodies(database.db, new Date('2000-01-01'))).toBe(0);
  });
});
