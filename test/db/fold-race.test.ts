// Folding under concurrency: copies of one story ingested at the same instant by many workers
// end up in exactly one story with one canonical item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems } from '../../src/db/items.ts';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { packSignature } from '../../src/db/signatures.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { createTestDatabase, TEST_DATABASE_URL } from '../helpers/services.ts';
import { htmlToText } from '../../src/domain/html-text.ts';
import { fixtureWebRoot } from '../../scripts/lib/fixture-web.ts';
import fs from 'node:fs';
import path from 'node:path';

// Three distinct stories from the fixture web, one per round.
const STORY_PAGES = ['digest/p/1003.html', 'wire/2026/11/24/wheat-exports.html', 'wire/2026/11/24/lavrov-ankara.html'];
function paragraphsOf(page: string): string[] {
  const html = fs.readFileSync(path.join(fixtureWebRoot, page), 'utf8');
  const article = /<article>([\s\S]*?)<\/article>/.exec(html)?.[1] ?? '';
  return htmlToText(article.replace(/<h1>[\s\S]*?<\/h1>/, '')).split('\n\n');
}
const PARAGRAPHS = paragraphsOf(STORY_PAGES[0] as string);

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pools: Database[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${database.name}`;
  // Eight workers: eight separate connection pools.
  pools = await Promise.all(Array.from({ length: 8 }, () => openDatabase({ url: u.toString(), dataDir: '', maxConnections: 2 })));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await database?.drop();
});

function copyText(round: number, i: number): string {
  const paragraphs = paragraphsOf(STORY_PAGES[round - 1] as string);
  const header = `Site ${i} | Latest news`;
  const body = i % 3 === 2 ? paragraphs.slice(0, 3) : paragraphs;
  return [header, ...body, i % 2 ? 'ADVERTISEMENT' : `Source: site ${i}`].join('\n\n');
}

describe('concurrent folding', () => {
  it.each([1, 2, 3])('eight workers folding eight copies at once make one story (round %i)', async (round) => {
    const { feed } = await addFeed(database.db, { url: `http://race.example/${round}/feed.xml` }, new Date());
    const ids = await insertItems(
      database.db,
      feed.id,
      Array.from({ length: 8 }, (_, i) => ({
        itemKey: `r${round}-${i}`,
        url: `http://site${i}.example/${round}/antwerp`,
        canonicalUrl: `http://site${i}.example/${round}/antwerp`,
        title: `Antwerp dock strike halts container traffic (${i})`,
        summary: null,
        content: null,
        author: null,
        publishedAt: new Date(Date.UTC(2026, 10, 24, 12, i)),
      })),
    );
    await Promise.all(
      ids.map(async (id, i) => {
        const sig = signItem({
          url: `http://site${i}.example/${round}/antwerp`,
          canonicalUrl: null,
          title: `Antwerp dock strike halts container traffic (${i})`,
          text: copyText(round, i),
          links: [],
          language: 'en',
          publishedAt: new Date(Date.UTC(2026, 10, 24, 12, i)),
        });
        await pools[i]!.db.execute(sql`update items set signature = ${packSignature(sig)}::bytea where id = ${id}`);
        await new Promise((r) => setTimeout(r, Math.random() * 20));
        return foldItem({ db: pools[i]!.db, now: () => new Date() }, { itemId: id, sig, publishedAt: new Date(Date.UTC(2026, 10, 24, 12, i)) });
      }),
    );
    const rows = await queryRows<{ story_id: string; is_canonical: boolean; item_id: string }>(
      database.db,
      sql`select story_id, is_canonical, item_id from feedfold_v1.story_items where item_id in ${sql.raw(`(${ids.join(',')})`)}`,
    );
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.story_id)).size).toBe(1);
    expect(rows.filter((r) => r.is_canonical).map((r) => Number(r.item_id))).toEqual([ids[0]]);
    const live = await queryRows<{ item_count: number }>(database.db, sql`select item_count from feedfold_v1.stories where story_id = ${rows[0]!.story_id}`);
    expect(Number(live[0]?.item_count)).toBe(8);
  });

  it('the same item folded by two workers at once is stored once', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://race.example/dup/feed.xml' }, new Date());
    const [id] = await insertItems(database.db, feed.id, [
      { itemKey: 'dup', url: 'http://dup.example/a', canonicalUrl: null, title: 'Dup', summary: null, content: null, author: null, publishedAt: null },
    ]);
    const sig = signItem({ url: 'http://dup.example/a', canonicalUrl: null, title: 'Dup', text: PARAGRAPHS.join('\n\n'), links: [], language: 'en', publishedAt: null });
    await database.db.execute(sql`update items set signature = ${packSignature(sig)}::bytea where id = ${id}`);
    const results = await Promise.allSettled([0, 1, 2, 3].map((i) => foldItem({ db: pools[i]!.db, now: () => new Date() }, { itemId: id!, sig, publishedAt: null })));
    const members = await queryRows<{ n: string }>(database.db, sql`select count(*) as n from story_items where item_id = ${id}`);
    expect(Number(members[0]?.n)).toBe(1);
    // Every call either folded it or found it folded; a primary-key race surfaces as a retryable error at most.
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
  });
});
