// A page per story at /stories/:id: HTML, or JSON when the client asks for it; a story absorbed by a merge
// answers 301 with the story that holds its copies now.
import type { Context, Hono } from 'hono';
import { findStory } from '../db/story-reads.ts';
import { renderStoryPage, storyPageJson } from '../domain/render/story-page.ts';
import type { ServerDeps } from './deps.ts';
import { installationIdReader, sendConditional } from './feeds.ts';
import { failWith } from './problem.ts';

/** Whether the client prefers JSON to HTML (Accept q-values; HTML when equal or absent). */
export function prefersJson(accept: string | null | undefined): boolean {
  if (!accept) return false;
  let json = 0;
  let html = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number.parseFloat(qParam.slice(2)) || 0 : 1;
    if (type === 'application/json' || type === 'application/*') json = Math.max(json, q);
    if (type === 'text/html' || type === 'text/*') html = Math.max(html, q);
  }
  return json > html;
}

/** Register GET /stories/:id. */
export function registerStoryPages(app: Hono, deps: ServerDeps): void {
  const installationId = installationIdReader(deps);
  app.get('/stories/:id', async (c: Context) => {
    const raw = c.req.param('id') ?? '';
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(id)) failWith(404, 'no such story');
    const found = await findStory(deps.db, id);
    if (!found) failWith(404, 'no such story');
    if ('mergedInto' in found) return c.redirect(`/stories/${found.mergedInto}`, 301);
    const meta = { homeUrl: `${deps.config.publicUrl}/`, installationId: await installationId() };
    c.header('Vary', 'Accept');
    if (prefersJson(c.req.header('accept'))) {
      return sendConditional(c, found.story.updatedAt, 'application/json; charset=utf-8', () => JSON.stringify(storyPageJson(meta, found.story), null, 2));
    }
    return sendConditional(c, found.story.updatedAt, 'text/html; charset=utf-8', () => renderStoryPage(meta, found.story));
  });
}
