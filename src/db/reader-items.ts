// The rows behind a page of an account's stream: the chosen copy, its subscription and the other copies.
import { sql } from 'drizzle-orm';
import { bigintArray, queryRows, toDate, type Db } from './client.ts';
import type { StreamRef } from './account-stream.ts';
import { readerTextOf, type ReaderItem } from '../domain/reader/reader-item.ts';

interface CopyRow {
  story_id: string;
  item_id: string;
  feed_id: string;
  title: string;
  url: string | null;
  author: string | null;
  text: string | null;
  summary: string | null;
  content: string | null;
  published_at: Date | string | null;
  feed_url: string;
  feed_title: string | null;
  site_url: string | null;
  own_title: string | null;
  folder: string | null;
}

/** The reader items of a page of refs, in the refs' order. */
export async function loadReaderItems(db: Db, accountId: number, refs: StreamRef[]): Promise<ReaderItem[]> {
  if (refs.length === 0) return [];
  // Every copy of the page's stories: the chosen one becomes the item, the others its "also reported by".
  const rows = await queryRows<CopyRow>(
    db,
    sql`select si.story_id, i.id as item_id, i.feed_id, i.title, coalesce(i.page_url, i.url) as url, i.author,
               i.text, i.summary, i.content, i.published_at, f.url as feed_url, f.title as feed_title, f.site_url,
               sub.title as own_title, fo.name as folder
        from story_items si
        join items i on i.id = si.item_id
        join feeds f on f.id = i.feed_id
        left join subscriptions sub on sub.feed_id = f.id and sub.account_id = ${accountId}
        left join folders fo on fo.id = sub.folder_id
        where si.story_id = any(${bigintArray(refs.map((r) => r.storyId))})
        order by i.published_at nulls last, i.id`,
  );
  const byStory = new Map<number, CopyRow[]>();
  for (const r of rows) {
    const list = byStory.get(Number(r.story_id)) ?? [];
    list.push(r);
    byStory.set(Number(r.story_id), list);
  }
  return refs.flatMap((ref) => {
    const copies = byStory.get(ref.storyId) ?? [];
    const chosen = copies.find((c) => Number(c.item_id) === ref.itemId);
    if (!chosen) return [];
    return [
      {
        storyId: ref.storyId,
        itemId: ref.itemId,
        feedId: ref.feedId,
        feedUrl: chosen.feed_url,
        feedTitle: chosen.own_title || chosen.feed_title || chosen.feed_url,
        siteUrl: chosen.site_url,
        folder: chosen.folder,
        title: chosen.title,
        url: chosen.url,
        author: chosen.author,
        text: readerTextOf(chosen),
        publishedAt: toDate(chosen.published_at),
        crawledUsec: ref.crawledUsec,
        read: ref.read,
        starred: ref.starred,
        alsoReportedBy: copies
          .filter((c) => c !== chosen && c.feed_id !== chosen.feed_id)
          .map((c) => ({ sourceTitle: c.own_title || c.feed_title || new URL(c.feed_url).host, title: c.title, url: c.url })),
      },
    ];
  });
}
