// Stories through the admin API: list with filters, one with its members, and refresh (recompute) one.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { refreshStory } from '../pipeline/refresh-story.ts';
import { getStory, listStories } from '../db/story-reads.ts';
import type { ServerDeps } from './deps.ts';
import { failWith, parseRequest, readId } from './problem.ts';

/** Largest page of GET /api/stories: one page of members stays well under a megabyte of JSON. */
export const STORIES_MAX_LIMIT = 200;

/** Query of GET /api/stories. */
export const listStoriesQuery = z.object({
  language: z.string().min(2).max(8).toLowerCase().optional(),
  min_sources: z.coerce.number().int().min(1).max(10_000).optional(),
  q: z.string().min(1).max(200).optional(),
  folder: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(STORIES_MAX_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Register /api/stories, /api/stories/:id and /api/stories/:id/refresh (and its old name /refold). */
export function registerStoryRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/api/stories', async (c) => {
    const q = parseRequest(listStoriesQuery.strict(), c.req.query(), 'query');
    const rows = await listStories(deps.db, {
      language: q.language ?? null,
      minSources: q.min_sources ?? null,
      search: q.q ?? null,
      folder: q.folder ?? null,
      limit: q.limit + 1,
      offset: q.offset,
    });
    const more = rows.length > q.limit;
    return c.json({ stories: rows.slice(0, q.limit), next_offset: more ? q.offset + q.limit : null });
  });
  app.get('/api/stories/:id', async (c) => {
    const story = await getStory(deps.db, readId(c));
    if (!story) failWith(404, 'no such story');
    return c.json({ story });
  });
  // Recomputes from the current members; never re-decides membership (that is `feedfold stories refold
  // --membership`). /refold is the route's first name, kept for scripts written against it.
  app.post('/api/stories/:id/refresh', (c) => refreshOne(c));
  app.post('/api/stories/:id/refold', (c) => refreshOne(c));
  async function refreshOne(c: Context) {
    const before = await getStory(deps.db, readId(c));
    if (!before) failWith(404, 'no such story');
    await refreshStory(deps.db, before.id, deps.now());
    const story = await getStory(deps.db, before.id);
    return c.json({ story, previous_canonical_item_id: before.members.find((m) => m.isCanonical)?.itemId ?? null });
  }
}
