// Store an item and fold it through the real fold step, for tests that build stories by hand.
import fs from 'node:fs';
import type { Db } from '../../src/db/client.ts';
import { insertItems, saveIngested } from '../../src/db/items.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { foldItem, type FoldResult } from '../../src/pipeline/fold-item.ts';

/** A text from test/fixtures/fold. */
export function foldFixture(name: string): string {
  return fs.readFileSync(new URL(`../fixtures/fold/${name}`, import.meta.url), 'utf8');
}

/** An item to store and fold: its key in the feed, text and page (http://HOST/KEY unless url is given). */
export interface TestItem {
  key: string;
  text: string;
  title?: string;
  url?: string;
  canonicalUrl?: string | null;
  language?: string | null;
  publishedAt?: Date | null;
}

/** Store the item in the feed (without folding it); returns its id and what ingestion would save. */
export async function storeItem(db: Db, feedId: number, item: TestItem) {
  const url = item.url ?? `http://fold.example/${item.key}`;
  const title = item.title ?? `Item ${item.key}`;
  const publishedAt = item.publishedAt ?? null;
  const language = item.language === undefined ? 'en' : item.language;
  const [id] = await insertItems(db, feedId, [
    { itemKey: item.key, url, canonicalUrl: item.canonicalUrl ?? null, title, summary: null, content: null, author: null, publishedAt },
  ]);
  if (id === undefined) throw new Error(`item ${item.key} is already stored`);
  const sig = signItem({ url, canonicalUrl: item.canonicalUrl ?? null, title, text: item.text, links: [], language, publishedAt });
  const fields = { pageUrl: url, canonicalUrl: item.canonicalUrl ?? null, language, text: item.text, title, publishedAt, signature: sig, status: 'ingested' as const, ingestError: null };
  return { id, sig, fields, publishedAt };
}

/** Store the item and fold it as ingestion does (its fields saved in the fold's transaction). */
export async function storeAndFold(db: Db, feedId: number, item: TestItem, now = new Date()): Promise<FoldResult & { itemId: number }> {
  const s = await storeItem(db, feedId, item);
  const fold = await foldItem({ db, now: () => now }, { itemId: s.id, sig: s.sig, publishedAt: s.publishedAt }, saveIngested(s.id, s.fields, now));
  return { ...fold, itemId: s.id };
}
