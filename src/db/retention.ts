// Retention: old copies lose their bodies; stories, their canonical items and every membership stay.
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { queryRows } from './client.ts';

/** Clear the text, content and summary of items published (or stored) before `before` that are no
 * story's canonical item. Signatures stay, so later copies still fold onto them. Returns how many. */
export async function pruneItemBodies(db: Db, before: Date, limit = 5_000): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update items set text = null, content = null, summary = null
        where id in (
          select i.id from items i
          where coalesce(i.published_at, i.created_at) < ${before.toISOString()}::timestamptz
            and (i.text is not null or i.content is not null or i.summary is not null)
            and not exists (select 1 from stories s where s.canonical_item_id = i.id)
          limit ${limit})
        returning id`,
  );
  return rows.length;
}
