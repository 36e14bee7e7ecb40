// The reader page at "/": stories by day with their sources, readable without JavaScript (domain/render/reader-html.ts).
import type { Hono } from 'hono';
import { listStories } from '../db/story-reads.ts';
import { renderReaderPage } from '../domain/render/reader-html.ts';
import type { ServerDeps } from './app.ts';
import { readFilter } from './feeds.ts';

function pageLink(query: Record<string, string>, page: number): string {
  const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== 'page' && v));
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/?${qs}` : '/';
}

/** Register "/" on the app. */
export function registerReaderPage(app: Hono, deps: ServerDeps): void {
  app.get('/', async (c) => {
    const filter = readFilter(c, deps.config.feedPageSize);
    const rows = await listStories(deps.db, { ...filter, limit: filter.limit + 1 });
    const query = c.req.query();
    const html = renderReaderPage(rows.slice(0, filter.limit), {
      now: deps.now ? deps.now() : new Date(),
      olderUrl: rows.length > filter.limit ? pageLink(query, filter.page + 1) : null,
      newerUrl: filter.page > 1 ? pageLink(query, filter.page - 1) : null,
    });
    return c.html(html);
  });
}
