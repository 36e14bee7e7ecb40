// The admin API under /api: bearer-token protected; disabled when no token is configured.
// Feeds here; OPML in admin-opml.ts, stories in admin-stories.ts. Described in openapi.ts.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { addFeed, getFeed, listFeeds, setFeedState } from '../db/feeds.ts';
import { removeFeed } from '../pipeline/remove-feed.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import type { ServerDeps } from './deps.ts';
import { requireAdminToken } from './auth.ts';
import { registerOpmlRoutes } from './admin-opml.ts';
import { registerStoryRoutes } from './admin-stories.ts';
import { registerUserRoutes } from './admin-users.ts';
import { failWith, parseRequest, readId, readJson } from './problem.ts';

/** Body of POST /api/feeds. */
export const addFeedBody = z.object({
  url: z.string().url().max(2048),
  title: z.string().max(500).optional(),
  folder: z.string().max(500).optional(),
  discover: z.boolean().optional(),
});

async function addFromBody(deps: ServerDeps, c: Context, now: Date): Promise<Response> {
  const body = parseRequest(addFeedBody, await readJson(c), 'body');
  if (body.discover) {
    if (!deps.subscribe) failWith(503, 'autodiscovery is not available in this process');
    const result = await deps.subscribe(body.url, { folder: body.folder ?? null, title: body.title ?? null });
    if (!result.ok) failWith(422, `no feed subscribed for ${result.url}: ${result.error}`);
    return c.json({ feed: result.feed, created: result.created }, result.created ? 201 : 200);
  }
  const url = canonicalizeUrl(body.url);
  if (!url) failWith(400, 'url must be http(s)', [{ name: 'url', reason: 'must be an http(s) URL' }]);
  const { feed, created } = await addFeed(deps.db, { url, title: body.title ?? null, folder: body.folder ?? null }, now);
  return c.json({ feed, created }, created ? 201 : 200);
}

/** Register the admin routes (token check first). */
export function registerAdminRoutes(app: Hono, deps: ServerDeps): void {
  app.use('/api/*', requireAdminToken(deps));
  app.get('/api/feeds', async (c) => c.json({ feeds: await listFeeds(deps.db) }));
  app.post('/api/feeds', (c) => addFromBody(deps, c, deps.now()));
  app.get('/api/feeds/:id', async (c) => {
    const feed = await getFeed(deps.db, readId(c));
    if (!feed) failWith(404, 'no such feed');
    return c.json({ feed });
  });
  app.delete('/api/feeds/:id', async (c) => {
    if (!(await removeFeed(deps.db, readId(c)))) failWith(404, 'no such feed');
    return c.body(null, 204);
  });
  for (const [action, state] of [['pause', 'paused'], ['resume', 'active']] as const) {
    app.post(`/api/feeds/:id/${action}`, async (c) => {
      if (!(await setFeedState(deps.db, readId(c), state, deps.now()))) failWith(404, 'no such feed');
      return c.json({ state });
    });
  }
  registerOpmlRoutes(app, deps);
  registerStoryRoutes(app, deps);
  registerUserRoutes(app, deps);
}
