// The admin API under /api: bearer-token protected; disabled when no token is configured.
import { timingSafeEqual } from 'node:crypto';
import type { Context, Hono, Next } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { addFeed, getFeed, listFeeds, removeFeed, setFeedState } from '../db/feeds.ts';
import { getStory } from '../db/story-reads.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import type { ServerDeps } from './app.ts';

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireToken(deps: ServerDeps) {
  return async (c: Context, next: Next) => {
    if (!deps.config.adminToken) throw new HTTPException(404, { message: 'admin API disabled: set FEEDFOLD_ADMIN_TOKEN' });
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (!m?.[1] || !tokenMatches(m[1], deps.config.adminToken)) throw new HTTPException(401, { message: 'missing or wrong bearer token' });
    await next();
  };
}

const idParam = z.coerce.number().int().positive();
const addBody = z.object({ url: z.string().url(), title: z.string().max(500).optional(), folder: z.string().max(500).optional() });

function parseId(c: Context): number {
  const id = idParam.safeParse(c.req.param('id'));
  if (!id.success) throw new HTTPException(400, { message: 'id must be a positive integer' });
  return id.data;
}

/** Register the admin routes. */
export function registerAdminRoutes(app: Hono, deps: ServerDeps): void {
  const now = () => (deps.now ? deps.now() : new Date());
  app.use('/api/*', requireToken(deps));
  app.get('/api/feeds', async (c) => c.json({ feeds: await listFeeds(deps.db) }));
  app.post('/api/feeds', async (c) => {
    const body = addBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) throw new HTTPException(400, { message: `invalid body: ${body.error.issues.map((i) => i.message).join('; ')}` });
    const url = canonicalizeUrl(body.data.url);
    if (!url) throw new HTTPException(400, { message: 'url must be http(s)' });
    const { feed, created } = await addFeed(deps.db, { url, title: body.data.title ?? null, folder: body.data.folder ?? null }, now());
    return c.json({ feed, created }, created ? 201 : 200);
  });
  app.get('/api/feeds/:id', async (c) => {
    const feed = await getFeed(deps.db, parseId(c));
    if (!feed) throw new HTTPException(404, { message: 'no such feed' });
    return c.json({ feed });
  });
  app.delete('/api/feeds/:id', async (c) => {
    if (!(await removeFeed(deps.db, parseId(c)))) throw new HTTPException(404, { message: 'no such feed' });
    return c.body(null, 204);
  });
  for (const [action, state] of [['pause', 'paused'], ['resume', 'active']] as const) {
    app.post(`/api/feeds/:id/${action}`, async (c) => {
      if (!(await setFeedState(deps.db, parseId(c), state, now()))) throw new HTTPException(404, { message: 'no such feed' });
      return c.json({ state });
    });
  }
  app.get('/api/stories/:id', async (c) => {
    const story = await getStory(deps.db, parseId(c));
    if (!story) throw new HTTPException(404, { message: 'no such story' });
    return c.json({ story });
  });
}
