// The HTTP app: merged feeds, reader page, health, readiness, metrics, the admin API and its OpenAPI
// document, and Bull Board. Errors are answered in one place, as JSON problem details (RFC 9457).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { pingDatabase } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { SubscribeResult } from '../pipeline/subscribe.ts';
import type { Queues } from '../queue/queues.ts';
import { registerAdminRoutes } from './admin.ts';
import { compressResponses } from './compress.ts';
import { FEED_FORMATS, registerFeedRoutes } from './feeds.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { invalidParamsOf, problemResponse } from './problem.ts';
import { registerQueueBoard } from './queue-board.ts';
import { registerReaderApps } from './reader-apps.ts';
import { registerReaderPage } from './reader-page.ts';
import { registerStoryPages } from './story-pages.ts';

/** What the server reads: the database, and optionally the queues for readiness, metrics and Bull Board. */
export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  pingQueue?: () => Promise<boolean>;
  queueDepths?: () => Promise<Record<string, number>>;
  /** The queues: Bull Board under /admin/queues and queue depth and lag metrics. */
  queues?: Queues;
  /** Subscribe with autodiscovery (`subscribe` of src/pipeline/subscribe.ts bound to pipeline deps). */
  subscribe?: (url: string, opts: { folder?: string | null; title?: string | null }) => Promise<SubscribeResult>;
  hubUrl?: string | null;
  now?: () => Date;
}

/** What subscribers fetch, compressed by Accept-Encoding: the feeds, the reader page and story pages. */
const SUBSCRIBER_PATHS = [...Object.keys(FEED_FORMATS), '/', '/stories/*'];

/** Build the app; test it in-process with `app.request(url)`. */
export function createApp(deps: ServerDeps): { app: Hono; metrics: Metrics } {
  const app = new Hono();
  const metrics = createMetrics(deps);
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const [database, queue] = await Promise.all([pingDatabase(deps.db), deps.pingQueue ? deps.pingQueue() : Promise.resolve(true)]);
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
    deps.log.error({ error: err.message, path: c.req.path }, 'request failed');
    return problemResponse(c, 500);
  });
  return { app, metrics };
}
