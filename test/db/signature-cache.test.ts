// Folds read candidate signatures through a per-process cache: a warm cache, a cold one and a mix of both
// must decide the same, and only committed signatures may enter it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems, saveIngested } from '../../src/db/items.ts';
import { createSignatureCache, signatureCacheFor, SIGNATURE_CACHE_SIZE, takeLookupCounts, useSignatureCache } from '../../src/db/signature-cache.ts';
import { startCacheReport } from '../../src/pipeline/workers.ts';
import { pino } from 'pino';
import { foldItem } from '../../src/pipeline/fold-item.ts';
import { signItem, type Signature } from '../../src/domain/fingerprint.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';
import { bareEntry } from '../helpers/entries.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** A second handle on the same database: another worker process, with its own cache. */
let other: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  other = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
});
afterAll(async () => {
  await other?.close();
  await database?.drop();
});

const STORY = [
  'The harbour authority of Valletta closed the Grand Harbour on Tuesday after a container crane collapsed onto the quay during the storm.',
  'Nobody was hurt, the authority said, but forty ships waiting to unload were sent to Marsaxlokk while engineers inspect the remaining cranes.',
  'The port handles about a third of the island\'s imports; the chamber of commerce warned of shortages of fresh food if the closure lasts into next week.',
].join('\n\n');

function sigOf(id: number, text: string): Signature {
  return signItem({ url: `http://cache.example/${id}`, canonicalUrl: null, title: 'Valletta harbour closed', text, links: [], language: 'en', publishedAt: null });
}

async function storeAndFold(db: Database['db'], feedId: number, key: string, text: string) {
  const [id] = await insertItems(db, feedId, [bareEntry('cache.example', key)]);
  const sig = sigOf(id!, text);
  const fields = { pageUrl: null, canonicalUrl: null, language: 'en', text, title: 'Valletta harbour closed', publishedAt: null, signature: sig, status: 'ingested' as const, ingestError: null };
  const fold = await foldItem({ db, now: () => new Date() }, { itemId: id!, sig, publishedAt: null }, saveIngested(id!, fields, new Date()));
  return { id: id!, fold };
}

describe('SignatureCache', () => {
  it('drops the least recently used entry beyond its capacity', () => {
    const cache = createSignatureCache(2);
    const sig = sigOf(1, STORY);
    cache.set(1, sig);
    cache.set(2, sig);
    expect(cache.get(1)).toBe(sig); // 1 is now the most recently used
    cache.set(3, sig);
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe(sig);
    expect(cache.get(3)).toBe(sig);
    expect(cache.size).toBe(2);
  });

  it('holds the capacity its process sets for a handle, the default otherwise', async () => {
    const own = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
    try {
      expect(signatureCacheFor(other.db).max).toBe(SIGNATURE_CACHE_SIZE);
      const set = useSignatureCache(own.db, 3);
      expect(signatureCacheFor(own.db)).toBe(set);
      const sig = sigOf(1, STORY);
      for (const id of [1, 2, 3, 4]) set.set(id, sig);
      expect(signatureCacheFor(own.db).size).toBe(3);
    } finally {
      await own.close();
    }
  });

  it('keeps one cache per database handle', () => {
    expect(signatureCacheFor(database.db)).toBe(signatureCacheFor(database.db));
    expect(signatureCacheFor(other.db)).not.toBe(signatureCacheFor(database.db));
  });
});

describe('counting what the cache answers', () => {
  const REPORT_STORY = [
    'Shepherds in the Tatra foothills drove their flocks down to the valleys three weeks early after snow fell on the high pastures of Podhale.',
    'The regional agriculture office said about 12,000 sheep were moved by Sunday and that cheese makers expect a shorter oscypek season this year.',
    'Meteorologists at the Zakopane station recorded 41 centimetres of snow at Kasprowy Wierch, the most for September since records began.',
  ].join('\n\n');

  it("counts a copy's candidates as hits in the process that folded the original, as misses in another, and resets when taken", async () => {
    const { feed } = await addFeed(database.db, { url: 'http://cache.example/counts.xml' }, new Date());
    const first = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
    const second = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
    try {
      const original = await storeAndFold(first.db, feed.id, 'counts-1', REPORT_STORY);
      expect(original.fold.created).toBe(true);
      takeLookupCounts(signatureCacheFor(first.db));
      const copy = await storeAndFold(first.db, feed.id, 'counts-2', REPORT_STORY);
      expect(copy.fold.storyId).toBe(original.fold.storyId);
      const warm = takeLookupCounts(signatureCacheFor(first.db));
      expect(warm.hits).toBeGreaterThanOrEqual(1);
      expect(warm.misses).toBe(0);
      expect(takeLookupCounts(signatureCacheFor(first.db))).toEqual({ hits: 0, misses: 0 });
      await storeAndFold(second.db, feed.id, 'counts-3', REPORT_STORY);
      const cold = takeLookupCounts(signatureCacheFor(second.db));
      expect(cold.misses).toBeGreaterThanOrEqual(2); // the original and the first copy, read from the database
      expect(cold.hits).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('logs the hit rate of each period with folds, nothing for a period without, and once more when stopped', async () => {
    const own = await openDatabase({ url: testDatabaseUrl(database.name), dataDir: '' });
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    const stop = startCacheReport({ db: own.db, log }, 20);
    try {
      await new Promise((r) => setTimeout(r, 80));
      expect(lines).toEqual([]);
      const cache = signatureCacheFor(own.db);
      const { feed } = await addFeed(database.db, { url: 'http://cache.example/report.xml' }, new Date());
      await storeAndFold(own.db, feed.id, 'report-1', REPORT_STORY.replace('Shepherds', 'Herders'));
      await storeAndFold(own.db, feed.id, 'report-2', REPORT_STORY.replace('Shepherds', 'Herders'));
      // The copy's look-ups may fall in the period after the original's: read every period's line.
      await expect.poll(() => lines.reduce((n, l) => n + (l.hits as number), 0), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      for (const line of lines) {
        expect(line.msg).toBe('signature cache');
        expect(line.hit_rate).toBe(Number(((line.hits as number) / ((line.hits as number) + (line.misses as number))).toFixed(3)));
        expect(line.capacity).toBe(cache.max);
      }
      expect(lines.at(-1)!.cached).toBeGreaterThanOrEqual(2);
      const before = lines.length;
      await storeAndFold(own.db, feed.id, 'report-3', REPORT_STORY.replace('Shepherds', 'Herders'));
      stop();
      expect(lines.length).toBe(before + 1);
    } finally {
      stop();
      await own.close();
    }
  });
});

describe('folding through the signature cache', () => {
  it('folds copies the same whether their candidates come from the cache, the database or both', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://cache.example/feed.xml' }, new Date());
    // The original, folded by this handle: its signature is now in this handle's cache only.
    const first = await storeAndFold(database.db, feed.id, 'original', STORY);
    expect(signatureCacheFor(database.db).get(first.id)).toBeDefined();
    expect(signatureCacheFor(other.db).get(first.id)).toBeUndefined();
    // A copy folded by the other handle: its cache is cold, so the original's signature is read from the database.
    const second = await storeAndFold(other.db, feed.id, 'copy-1', `Republished from Valletta.\n\n${STORY}`);
    expect(second.fold.storyId).toBe(first.fold.storyId);
    expect(second.fold.created).toBe(false);
    expect(signatureCacheFor(other.db).get(first.id)).toEqual(signatureCacheFor(database.db).get(first.id));
    // A third copy on the first handle: the original from its cache, the second copy read from the database.
    const third = await storeAndFold(database.db, feed.id, 'copy-2', `${STORY}\n\nSource: Times of Malta.`);
    expect(third.fold.storyId).toBe(first.fold.storyId);
    expect(signatureCacheFor(database.db).get(second.id)).toBeDefined();
    const members = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from story_items where story_id = ${first.fold.storyId}`);
    expect(Number(members[0]!.n)).toBe(3);
  });

  it('keeps no signature of a fold that was rolled back', async () => {
    const { feed } = await addFeed(database.db, { url: 'http://cache.example/rolled-back.xml' }, new Date());
    const [id] = await insertItems(database.db, feed.id, [bareEntry('cache.example', 'rolled-back')]);
    const missing = id! + 1_000_000; // no such item: the membership insert breaks its foreign key
    const sig = sigOf(missing, 'A ferry ran aground off Gozo; all passengers were brought ashore safely by the coast guard.');
    await expect(foldItem({ db: database.db, now: () => new Date() }, { itemId: missing, sig, publishedAt: null })).rejects.toThrow();
    expect(signatureCacheFor(database.db).get(missing)).toBeUndefined();
  });
});
