// The feedfold_v1 views are a public contract: their columns and types are pinned here.
// A migration that changes them must add feedfold_v2 instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { createTestDatabase } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const CONTRACT: Record<string, [string, string][]> = {
  stories: [
    ['story_id', 'bigint'],
    ['title', 'text'],
    ['canonical_item_id', 'bigint'],
    ['canonical_url', 'text'],
    ['item_count', 'integer'],
    ['first_published_at', 'timestamp with time zone'],
    ['updated_at', 'timestamp with time zone'],
  ],
  story_items: [
    ['story_id', 'bigint'],
    ['item_id', 'bigint'],
    ['feed_url', 'text'],
    ['url', 'text'],
    ['canonical_url', 'text'],
    ['title', 'text'],
    ['language', 'text'],
    ['published_at', 'timestamp with time zone'],
    ['is_canonical', 'boolean'],
  ],
  story_redirects: [
    ['story_id', 'bigint'],
    ['merged_into', 'bigint'],
    ['updated_at', 'timestamp with time zone'],
  ],
  story_splits: [
    ['story_id', 'bigint'],
    ['split_from', 'bigint'],
    ['split_at', 'timestamp with time zone'],
  ],
};

describe('feedfold_v1 views', () => {
  it.each(Object.entries(CONTRACT))('%s has exactly its documented columns, in order', async (view, columns) => {
    const rows = await queryRows<{ column_name: string; data_type: string }>(
      database.db,
      sql`select column_name, data_type from information_schema.columns
          where table_schema = 'feedfold_v1' and table_name = ${view} order by ordinal_position`,
    );
    expect(rows.map((r) => [r.column_name, r.data_type])).toEqual(columns);
  });

  it('has no views beyond the documented ones', async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.views where table_schema = 'feedfold_v1' order by 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(Object.keys(CONTRACT).sort());
  });
});
