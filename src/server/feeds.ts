// The merged feed routes: /feed.xml, /feed.atom, /feed.json, with filters, paging and conditional GET.
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { lastStoryUpdate, listStories, type StoryFilter } from '../db/story-reads.ts';
import { renderAtom } from '../domain/render/atom.ts';
import { renderJsonFeed } from '../domain/render/json-feed.ts';
import { renderRss } from '../domain/render/rss.ts';
import type { FeedMeta, StoryView } from '../domain/render/story-view.ts';
import type { ServerDeps } from './app.ts';

type Renderer = (meta: FeedMeta, stories: StoryView[]) => string;

const FORMATS: Record<string, { type: string; render: Renderer }> = {
  '/feed.xml': { type: 'application/rss+xml; charset=utf-8', render: renderRss },
  '/feed.atom': { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  '/feed.json': { type: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
};

/** Read the merged feed's filters from a query string. */
export function readFilter(c: Context, pageSize: number): StoryFilter & { page: number } {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
  const minSources = Number.parseInt(c.req.query('min_sources') ?? '', 10);
  return {
    page,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    language: c.req.query('language')?.toLowerCase().slice(0, 8) || null,
    minSources: Number.isFinite(minSources) && minSources > 1 ? minSources : null,
    search: c.req.query('q')?.slice(0, 200) || null,
    folder: c.req.query('folder')?.slice(0, 200) || null,
  };
}

function pageUrl(base: string, path: string, c: Context, page: number): string {
  const u = new URL(path, `${base}/`);
  for (const [k, v] of Object.entries(c.req.query())) if (k !== 'page' && v) u.searchParams.set(k, v);
  if (page > 1) u.searchParams.set('page', String(page));
  return u.toString();
}

/** Register the three merged feed formats on the app. */
export function registerFeedRoutes(app: Hono, deps: ServerDeps): void {
  for (const [path, format] of Object.entries(FORMATS)) {
    app.get(path, async (c) => {
      const filter = readFilter(c, deps.config.feedPageSize);
      const updated = (await lastStoryUpdate(deps.db)) ?? new Date(0);
      const etag = `W/"${createHash('sha1').update(`${updated.getTime()}|${c.req.url}`).digest('base64url').slice(0, 20)}"`;
      const lastModified = new Date(Math.floor(updated.getTime() / 1000) * 1000);
      const headers = { ETag: etag, 'Last-Modified': lastModified.toUTCString(), 'Cache-Control': 'public, max-age=60' };
      const inm = c.req.header('if-none-match');
      const ims = Date.parse(c.req.header('if-modified-since') ?? '');
      if ((inm && inm.split(',').some((t) => t.trim() === etag)) || (!inm && Number.isFinite(ims) && lastModified.getTime() <= ims)) {
        return c.body(null, 304, headers);
      }
      const stories = await listStories(deps.db, { ...filter, limit: filter.limit + 1 });
      const hasNext = stories.length > filter.limit;
      const base = deps.config.publicUrl;
      const meta: FeedMeta = {
        title: 'feedfold: merged feed',
        description: 'One entry per story, with every source that reported it.',
        homeUrl: `${base}/`,
        selfUrl: pageUrl(base, path, c, filter.page),
        firstUrl: pageUrl(base, path, c, 1),
        nextUrl: hasNext ? pageUrl(base, path, c, filter.page + 1) : null,
        prevUrl: filter.page > 1 ? pageUrl(base, path, c, filter.page - 1) : null,
        hubUrl: deps.hubUrl ?? null,
        updatedAt: updated,
      };
      return c.body(format.render(meta, stories.slice(0, filter.limit)), 200, { ...headers, 'Content-Type': format.type });
    });
  }
}
