// The merged feed routes: /feed.xml, /feed.atom, /feed.json, with filters, paging and conditional GET.
import type { Context, Hono } from 'hono';
import { readInstallationId } from '../db/installation.ts';
import { lastStoryUpdate, listStories, type StoryFilter } from '../db/story-reads.ts';
import { renderAtom } from '../domain/render/atom.ts';
import { renderJsonFeed } from '../domain/render/json-feed.ts';
import { renderRss } from '../domain/render/rss.ts';
import { sharedLanguage, type FeedMeta, type StoryView } from '../domain/render/story-view.ts';
import type { ServerDeps } from './deps.ts';
import { isNotModified, makeValidators } from './conditional.ts';

/** A renderer of a stream of stories into one feed document (RSS, Atom, JSON Feed). */
export type FeedRenderer = (meta: FeedMeta, stories: StoryView[]) => string;

/** The merged feed's formats by path: content type and renderer. */
export const FEED_FORMATS: Record<string, { type: string; render: FeedRenderer }> = {
  '/feed.xml': { type: 'application/rss+xml; charset=utf-8', render: renderRss },
  '/feed.atom': { type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  '/feed.json': { type: 'application/feed+json; charset=utf-8', render: renderJsonFeed },
};

/** How long clients and shared caches may reuse a feed page without asking again (seconds). */
export const FEED_MAX_AGE_SECONDS = 60;

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

/** The installation id, read from the database once per app (it never changes once minted). */
export function installationIdReader(deps: Pick<ServerDeps, 'db'>): () => Promise<string> {
  let id: Promise<string> | null = null;
  return () => {
    id ??= readInstallationId(deps.db).catch((err: unknown) => {
      id = null;
      throw err;
    });
    return id;
  };
}

/**
 * Answer a document whose content changes when `changedAt` does: 304 when the request's preconditions
 * allow it, else the rendered body, both with ETag, Last-Modified and Cache-Control.
 */
export async function sendConditional(c: Context, changedAt: Date, type: string, render: () => Promise<string> | string): Promise<Response> {
  const v = makeValidators(changedAt, `${c.req.url}|${type}`);
  const headers = { ETag: v.etag, 'Last-Modified': v.lastModified.toUTCString(), 'Cache-Control': `public, max-age=${FEED_MAX_AGE_SECONDS}` };
  if (isNotModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, v)) {
    return c.body(null, 304, headers);
  }
  return c.body(await render(), 200, { ...headers, 'Content-Type': type });
}

/** Register the three merged feed formats on the app. */
export function registerFeedRoutes(app: Hono, deps: ServerDeps): void {
  const installationId = installationIdReader(deps);
  for (const [path, format] of Object.entries(FEED_FORMATS)) {
    app.get(path, async (c) => {
      const filter = readFilter(c, deps.config.feedPageSize);
      const updated = (await lastStoryUpdate(deps.db)) ?? new Date(0);
      return sendConditional(c, updated, format.type, async () => {
        const stories = await listStories(deps.db, { ...filter, limit: filter.limit + 1 });
        const hasNext = stories.length > filter.limit;
        const page = stories.slice(0, filter.limit);
        const base = deps.config.publicUrl;
        const meta: FeedMeta = {
          title: 'feedfold: merged feed',
          description: 'One entry per story, with every source that reported it.',
          homeUrl: `${base}/`,
          selfUrl: pageUrl(base, path, c, filter.page),
          firstUrl: pageUrl(base, path, c, 1),
          nextUrl: hasNext ? pageUrl(base, path, c, filter.page + 1) : null,
          prevUrl: filter.page > 1 ? pageUrl(base, path, c, filter.page - 1) : null,
          hubUrl: deps.hubUrl,
          updatedAt: updated,
          installationId: await installationId(),
          language: sharedLanguage(page),
          feedKey: feedKeyOf(filter),
        };
        return format.render(meta, page);
      });
    });
  }
}

/** The filters that make a feed a different feed (paging does not). */
function feedKeyOf(filter: StoryFilter): string {
  const parts = Object.entries({ language: filter.language, min_sources: filter.minSources, q: filter.search, folder: filter.folder })
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.join('&');
}
