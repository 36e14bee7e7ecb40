// Reading stories for the merged feed, the reader page and the admin API.
import { and, desc, eq, gt, gte, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client.ts';
import { feeds, items, stories, storyItems } from './schema.ts';
import type { StoryMemberView, StoryView } from '../domain/render/story-view.ts';
import { htmlToText } from '../domain/html-text.ts';
import { storyOutlets } from '../domain/outlet.ts';
import { chooseLede, textFromLede } from '../domain/render/story-text.ts';

/** Filters of the merged feed. */
export interface StoryFilter {
  language?: string | null;
  minSources?: number | null;
  search?: string | null;
  folder?: string | null;
  limit: number;
  offset: number;
}

/** Most of a canonical item's text a story view carries (renderers take an excerpt from its lede on). */
export const STORY_TEXT_CHARS = 20_000;

/** Stories read per round when the sources filter counts outlets. */
export const SOURCES_FILTER_CHUNK = 200;
/** Most stories the sources filter scans for one page (deeper pages of a sources filter come back short). */
export const SOURCES_FILTER_MAX_SCAN = 10_000;

// A story reaches the public merged feed through a feed added without an account (docs/reader-apps.md).
const inPublicFeed = sql`exists (select 1 from ${storyItems} si join ${items} i on i.id = si.item_id join ${feeds} f on f.id = i.feed_id
  where si.story_id = ${stories.id} and f.in_public_feed)`;

/** Live stories, newest first, with their members. */
export async function listStories(db: Db, filter: StoryFilter): Promise<StoryView[]> {
  const conds: (SQL | undefined)[] = [isNull(stories.mergedInto), gt(stories.itemCount, 0), inPublicFeed];
  if (filter.language) conds.push(sql`${stories.languages} @> array[${filter.language}]::text[]`);
  if (filter.minSources) conds.push(gte(stories.itemCount, filter.minSources));
  if (filter.search) conds.push(ilike(stories.title, `%${filter.search.replace(/[%_\\]/g, '\\$&')}%`));
  if (filter.folder) {
    conds.push(sql`exists (select 1 from ${storyItems} si join ${items} i on i.id = si.item_id join ${feeds} f on f.id = i.feed_id
      where si.story_id = ${stories.id} and f.folder = ${filter.folder})`);
  }
  const page = (limit: number, offset: number) =>
    db
      .select()
      .from(stories)
      .where(and(...conds))
      .orderBy(desc(sql`coalesce(${stories.firstPublishedAt}, ${stories.createdAt})`), desc(stories.id))
      .limit(limit)
      .offset(offset);
  if (!filter.minSources) return attachMembers(db, await page(filter.limit, filter.offset));
  // Sources are outlets (registrable domains, src/domain/outlet.ts), counted here; a story with fewer items
  // than N cannot have N outlets, so SQL narrows by item count and this scan drops the rest.
  const wanted = filter.offset + filter.limit;
  const kept: StoryView[] = [];
  for (let scanned = 0; kept.length < wanted && scanned < SOURCES_FILTER_MAX_SCAN; scanned += SOURCES_FILTER_CHUNK) {
    const views = await attachMembers(db, await page(SOURCES_FILTER_CHUNK, scanned));
    kept.push(...views.filter((v) => storyOutlets(v.members).length >= (filter.minSources as number)));
    if (views.length < SOURCES_FILTER_CHUNK) break;
  }
  return kept.slice(filter.offset, wanted);
}

/** One story by id (following a merge to the surviving story), or null. */
export async function getStory(db: Db, id: number): Promise<StoryView | null> {
  let rows = await db.select().from(stories).where(eq(stories.id, id));
  const merged = rows[0]?.mergedInto;
  if (merged) rows = await db.select().from(stories).where(eq(stories.id, merged));
  const views = await attachMembers(db, rows);
  return views[0] ?? null;
}

/** A story for its public page: the live story, the story a merged-away id now lives in, or null. */
export async function findStory(db: Db, id: number): Promise<{ story: StoryView } | { mergedInto: number } | null> {
  const rows = await db.select().from(stories).where(eq(stories.id, id));
  const row = rows[0];
  if (!row) return null;
  if (row.mergedInto) return { mergedInto: row.mergedInto };
  const [story] = await attachMembers(db, rows);
  return story && story.members.length > 0 ? { story } : null;
}

/** Most filter links of one kind the reader page offers. */
export const FACET_LIMIT = 20;

/** The languages of live stories (most stories first) and the feeds' folders, for the reader page's filter links. */
export async function readerFacets(db: Db): Promise<{ languages: string[]; folders: string[] }> {
  const [languages, folders] = await Promise.all([
    queryRows<{ lang: string }>(db, sql`select lang from ${stories}, unnest(${stories.languages}) as lang
      where ${stories.mergedInto} is null and ${stories.itemCount} > 0 group by lang order by count(*) desc, lang limit ${FACET_LIMIT}`),
    queryRows<{ folder: string }>(db, sql`select distinct ${feeds.folder} as folder from ${feeds} where ${feeds.folder} is not null order by 1 limit ${FACET_LIMIT}`),
  ]);
  return { languages: languages.map((r) => r.lang), folders: folders.map((r) => r.folder) };
}

/** When the merged feed last changed: the newest story update. */
export async function lastStoryUpdate(db: Db): Promise<Date | null> {
  const rows = await db.select({ t: sql<string | Date | null>`max(${stories.updatedAt})` }).from(stories);
  const t = rows[0]?.t;
  return t ? new Date(t) : null;
}

async function attachMembers(db: Db, rows: (typeof stories.$inferSelect)[]): Promise<StoryView[]> {
  if (rows.length === 0) return [];
  const members = await db
    .select({
      storyId: storyItems.storyId,
      itemId: items.id,
      title: items.title,
      url: sql<string | null>`coalesce(${items.pageUrl}, ${items.url})`,
      text: items.text,
      summary: items.summary,
      language: items.language,
      author: items.author,
      publishedAt: items.publishedAt,
      method: storyItems.method,
      feedTitle: feeds.title,
      siteUrl: feeds.siteUrl,
      feedUrl: feeds.url,
    })
    .from(storyItems)
    .innerJoin(items, eq(items.id, storyItems.itemId))
    .innerJoin(feeds, eq(feeds.id, items.feedId))
    .where(inArray(storyItems.storyId, rows.map((r) => r.id)));
  return rows.map((s) => {
    const own = members.filter((m) => m.storyId === s.id);
    own.sort((a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.itemId - b.itemId);
    const canonical = own.find((m) => m.itemId === s.canonicalItemId) ?? own[0];
    const views: StoryMemberView[] = own.map((m) => ({
      itemId: m.itemId,
      title: m.title,
      url: m.url,
      sourceTitle: m.feedTitle,
      sourceUrl: m.siteUrl,
      feedUrl: m.feedUrl,
      author: m.author,
      language: m.language,
      publishedAt: m.publishedAt,
      isCanonical: m.itemId === canonical?.itemId,
      method: m.method,
    }));
    const text = (canonical?.text || htmlToText(canonical?.summary)).slice(0, STORY_TEXT_CHARS);
    return {
      id: s.id,
      title: s.title,
      url: canonical?.url ?? null,
      summary: chooseLede(text),
      text: textFromLede(text),
      language: canonical?.language ?? null,
      firstPublishedAt: s.firstPublishedAt,
      updatedAt: s.updatedAt,
      itemCount: s.itemCount,
      languages: s.languages,
      members: views,
    };
  });
}

/** Live stories by id, with their members, in the order asked (ids of no live story are left out). */
export async function getStoriesById(db: Db, ids: number[]): Promise<StoryView[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(stories).where(and(inArray(stories.id, ids), isNull(stories.mergedInto)));
  const views = new Map((await attachMembers(db, rows)).map((s) => [s.id, s]));
  return ids.flatMap((id) => views.get(id) ?? []);
}
