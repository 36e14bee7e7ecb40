// A fold and what ingestion learned are stored together or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems, saveIngested } from '../../src/db/items.ts';
import { items } from '../../src/db/schema.ts';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { signItem, type Signature } from '../../src/domain/fingerprint.ts';
import { createTestDatabase } from '../helpers/services.ts';
import { bareEntry } from '../helpers/entries.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const entry = (key: string) => bareEntry('atomic.example', key);

function sigOf(id: number, text: string) {
  return signItem({ url: `http://atomic.example/${id}`, canonicalUrl: null, title: 'Atomic', text, links: [], language: 'en', publishedAt: null });
}

const ingested = (sig: Signature) => ({
  pageUrl: null,
  canonicalUrl: null,
  language: 'en',
  text: 'the extracted text',
  title: 'Atomic',
  publishedAt: null,
  signature: sig,
  status: 'ingested' as const,
  ingestError: null,
});

describe('foldItem with the ingestion results', () => {
  it('stores the item and its membership in one transaction', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://atomic.example/feed.xml' }, new Date());
    const [id] = await insertItems(database.db, feed.id, [entry('ok')]);
    const sig = sigOf(id!, 'A harbour crane collapsed in the storm and closed the port for two days.');
    const result = await foldItem({ db: database.db, now: () => new Date() }, { itemId: id!, sig, publishedAt: null }, saveIngested(id!, ingested(sig), new Date()));
    const [row] = await database.db.select().from(items).where(eq(items.id, id!));
    expect(row?.status).toBe('ingested');
    expect(result.created).toBe(true);
    const members = await database.db.execute(sql`select story_id from story_items where item_id = ${id}`);
    expect(Array.from(members as unknown as { story_id: string }[]).map((r) => Number(r.story_id))).toEqual([result.storyId]);
  });

  it('leaves the item new, with nothing half-written, when the fold fails', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://atomic.example/other.xml' }, new Date());
    const [id] = await insertItems(database.db, feed.id, [entry('fails')]);
    const sig = sigOf(id!, 'A ferry ran aground off the island; all passengers were brought ashore safely.');
    // The fold names an item that does not exist: its membership insert breaks the foreign key.
    const missing = id! + 1_000_000;
    await expect(
      foldItem({ db: database.db, now: () => new Date() }, { itemId: missing, sig, publishedAt: null }, saveIngested(id!, ingested(sig), new Date())),
    ).rejects.toThrow();
    const [row] = await database.db.select().from(items).where(eq(items.id, id!));
    expect(row?.status).toBe('new');
    expect(row?.signature).toBeNull();
    const keys = await database.db.execute(sql`select count(*)::int as n from candidate_keys where item_id = ${missing}`);
    expect(Number((keys as unknown as { n: number }[])[0]!.n)).toBe(0);
  });
});
