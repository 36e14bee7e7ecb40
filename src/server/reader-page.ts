// The reader page at "/": stories by day with their outlets, filters as links, readable without JavaScript
// (domain/render/reader-html.ts).
import type { Hono } from 'hono';
import { listStories, readerFacets } from '../db/story-reads.ts';
import { readerUrl, renderReaderPage, type ReaderFilters } from '../domain/render/reader-html.ts';
import type { ServerDeps } from './deps.ts';
import { readFilter } from './feeds.ts';

function pageLink(filters: ReaderFilters, page: number): string {
  const base = readerUrl(filters);
  if (page <= 1) return base;
  return `${base}${base.includes('?') ? '&' : '?'}page=${page}`;
}

/** Register "/" on the app. */
export function registerReaderPage(app: Hono, deps: ServerDeps): void {
  app.get('/', async (c) => {
    const filter = readFilter(c, deps.config.feedPageSize);
    const [rows, facets] = await Promise.all([listStories(deps.db, { ...filter, limit: filter.limit + 1 }), readerFacets(deps.db)]);
    const filters: ReaderFilters = {
      language: filter.language,
      min_sources: filter.minSources ? String(filter.minSources) : null,
      folder: filter.folder,
      q: filter.search,
    };
    const html = renderReaderPage(rows.slice(0, filter.limit), {
      now: deps.now(),
      olderUrl: rows.length > filter.limit ? pageLink(filters, filter.page + 1) : null,
      newerUrl: filter.page > 1 ? pageLink(filters, filter.page - 1) : null,
      filters,
      ...facets,
    });
    return c.html(html);
  });
}
