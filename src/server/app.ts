// The HTTP app: merged feeds, reader page, health, readiness, metrics, the admin API and its OpenAPI
// document, and Bull Board. Errors are answered in one place, as JSON problem details (RFC 9457).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { describeError } from '../errors.ts';
import { pingDatabase } from '../db/client.ts';
import { registerAdminRoutes } from './admin.ts';
import { compressResponses } from './compress.ts';
import { resolveServerDeps, type ServerOptions } from './deps.ts';
import { FEED_FORMATS, registerFeedRoutes } from './feeds.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { invalidParamsOf, problemResponse } from './problem.ts';
import { registerQueueBoard } from './queue-board.ts';
import { registerReaderApps } from './reader-apps.ts';
import { registerReaderPage } from './reader-page.ts';
import { registerStoryPages } from './story-pages.ts';

/** What subscribers fetch, compressed by Accept-Encoding: the feeds, the reader page and story pages. */
const SUBSCRIBER_PATHS = [...Object.keys(FEED_FORMATS), '/', '/stories/*'];

/** Build the app; test it in-process with `app.request(url)`. */
export function createApp(opts: ServerOptions): { app: Hono; metrics: Metrics } {
  const deps = resolveServerDeps(opts);
  const app = new Hono();
  const metrics = createMetrics(deps);
  app.use('*', securityHeaders());
  // A NUL in the query string is no filter anyone means; PostgreSQL would refuse it as a 500.
  app.use('*', async (c, next) => (/%00/i.test(c.req.url) || c.req.url.includes('\u0000') ? problemResponse(c, 400, 'the request URL holds a NUL character') : next()));
  // Request bodies of the admin API stop at the limit while they stream in (413), not after being read whole.
  app.use('/api/*', bodyLimit({ maxSize: deps.config.adminMaxBodyBytes, onError: (c) => problemResponse(c, 413, `request body over ${deps.config.adminMaxBodyBytes} bytes (FEEDFOLD_ADMIN_MAX_BODY_BYTES)`) }));
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const [database, queue] = await Promise.all([pingDatabase(deps.db), deps.pingQueue()]);
    return c.json({ status: database && queue ? 'ready' : 'unavailable', database, queue }, database && queue ? 200 : 503);
  });
  app.get('/metrics', async (c) => c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType }));
  app.get('/openapi.json', (c) => c.json(buildOpenApi(deps.config.publicUrl)));
  for (const path of SUBSCRIBER_PATHS) app.use(path, compressResponses());
  registerFeedRoutes(app, deps);
  registerReaderPage(app, deps);
  registerStoryPages(app, deps);
  registerAdminRoutes(app, deps);
  registerReaderApps(app, deps);
  if (deps.queues) registerQueueBoard(app, deps, deps.queues);
  app.notFound((c) => problemResponse(c, 404, `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      return problemResponse(c, err.status, err.message, invalidParamsOf(err));
    }
    deps.log.error({ error: describeError(err), path: c.req.path }, 'request failed');
    return problemResponse(c, 500);
  });
  return { app, metrics };
}

/** Policy of every page and API answer: nothing but this server's own styles, images from anywhere, no framing. */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'https:', 'data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every answer (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, frame
 * options). Bull Board's page runs its own scripts and styles, so under /admin/queues only the CSP is left out.
 */
function securityHeaders() {
  const strict = secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' });
  const board = secureHeaders({ xFrameOptions: 'DENY', referrerPolicy: 'no-referrer' });
  return (c: Parameters<typeof strict>[0], next: Parameters<typeof strict>[1]) => (c.req.path.startsWith('/admin/queues') ? board(c, next) : strict(c, next));
}
