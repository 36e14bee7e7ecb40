// Downstream apps follow changes with LISTEN feedfold_stories: every fold notifies its story id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems } from '../../src/db/items.ts';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { packSignature } from '../../src/db/signatures.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { createTestDatabase, TEST_DATABASE_URL } from '../helpers/services.ts';
import { sql } from 'drizzle-orm';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let listener: postgres.Sql;
beforeAll(async () => {
  database = await createTestDatabase();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${database.name}`;
  listener = postgres(u.toString(), { max: 1 });
});
afterAll(async () => {
  await listener?.end();
  await database?.drop();
});

describe('NOTIFY feedfold_stories', () => {
  it('a second connection hears the story id of each fold', async () => {
    const heard: string[] = [];
    await listener.listen('feedfold_stories', (payload) => heard.push(payload));
    const { feed } = await addFeed(database.db, { url: 'http://notify.example/feed.xml' }, new Date());
    const [id] = await insertItems(database.db, feed.id, [
      { itemKey: 'n1', url: 'http://notify.example/a', canonicalUrl: null, title: 'Notify me', summary: null, content: null, author: null, publishedAt: null },
    ]);
    const sig = signItem({ url: 'http://notify.example/a', canonicalUrl: null, title: 'Notify me', text: '', links: [], language: null, publishedAt: null });
    await database.db.execute(sql`update items set signature = ${packSignature(sig)}::bytea where id = ${id}`);
    const result = await foldItem({ db: database.db, now: () => new Date() }, { itemId: id!, sig, publishedAt: null });
    for (let i = 0; i < 40 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([String(result.storyId)]);
  });
});
