// The embedded database (PGlite, what `npm start` uses without DATABASE_URL) runs the same hot-path SQL:
// items inserted from a poll, read for ingestion, stored and folded in one transaction, stories read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { addFeed, getFeed } from '../../src/db/feeds.ts';
import { findPendingItemIds, getItemForIngest, insertItems, saveIngested } from '../../src/db/items.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { sql } from 'drizzle-orm';

const TEXT = fs.readFileSync(new URL('../fixtures/fold/syria-original-en.txt', import.meta.url), 'utf8');
let dir: string;
let database: Database;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-pglite-'));
  database = await openDatabase({ url: null, dataDir: dir });
  await migrateDatabase(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const entry = (key: string, publishedAt: Date | null) => ({
  itemKey: key,
  url: `http://${key}.example/story`,
  canonicalUrl: null,
  title: `Copy ${key}`,
  summary: 'A summary',
  content: null,
  author: null,
  publishedAt,
});

describe('PGlite', () => {
  it('inserts, ingests and folds two copies of a story into one, as on PostgreSQL', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://pglite.example/feed.xml' }, new Date());
    expect((await getFeed(database.db, feed.id))?.url).toBe('http://pglite.example/feed.xml');
    const published = new Date('2026-11-20T10:00:00Z');
    const ids = await insertItems(database.db, feed.id, [entry('a', published), entry('b', null)]);
    expect(ids).toHaveLength(2);
    expect(await insertItems(database.db, feed.id, [entry('a', published)])).toEqual([]);
    expect(await findPendingItemIds(database.db, { createdBefore: new Date(Date.now() + 60_000), limit: 10, feedId: feed.id })).toEqual(ids);
    const item = await getItemForIngest(database.db, ids[0]!);
    expect(item?.publishedAt?.toISOString()).toBe(published.toISOString());
    const results = [];
    for (const id of ids) {
      const sig = signItem({ url: `http://x.example/${id}`, canonicalUrl: null, title: 'Putin and Pezeshkian', text: TEXT, links: [], language: 'en', publishedAt: published });
      const fields = { pageUrl: null, canonicalUrl: null, language: 'en', text: TEXT, title: 'Putin and Pezeshkian', publishedAt: published, signature: sig, status: 'ingested' as const, ingestError: null };
      results.push(await foldItem({ db: database.db, now: () => new Date() }, { itemId: id, sig, publishedAt: published }, saveIngested(id, fields, new Date())));
    }
    expect(results[0]).toMatchObject({ created: true });
    expect(results[1]).toMatchObject({ created: false, storyId: results[0]!.storyId });
    const [story] = await queryRows<{ item_count: number; languages: string[]; first_published_at: unknown }>(
      database.db,
      sql`select item_count, languages, first_published_at from stories where id = ${results[0]!.storyId}`,
    );
    expect(story).toMatchObject({ item_count: 2, languages: ['en'] });
    expect(new Date(story!.first_published_at as string).toISOString()).toBe(published.toISOString());
    expect(await findPendingItemIds(database.db, { createdBefore: new Date(Date.now() + 60_000), limit: 10 })).toEqual([]);
  });
});
