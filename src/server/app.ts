// The HTTP app: merged feeds, reader page, health, readiness, metrics and the admin API.
// Errors are answered in one place, as JSON problem details (RFC 9457).
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { pingDatabase } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { registerAdminRoutes } from './admin.ts';
import { registerFeedRoutes } from './feeds.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { registerReaderPage } from './reader-page.ts';

/** What the server reads: the database, and optionally the queues for readiness and metrics. */
export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  pingQueue?: () => Promise<boolean>;
  queueDepths?: () => Promise<Record<string, number>>;
  hubUrl?: string | null;
  now?: () => Date;
}

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
  registerFeedRoutes(app, deps);
  registerReaderPage(app, deps);
  registerAdminRoutes(app, deps);
  app.notFound((c) => c.json({ type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      return c.json({ type: 'about:blank', title: err.message || 'Error', status: err.status }, err.status, {
        'Content-Type': 'application/problem+json',
      });
    }
    deps.log.error({ error: err.message, path: c.req.path }, 'request failed');
    return c.json({ type: 'about:blank', title: 'Internal Server Error', status: 500 }, 500, { 'Content-Type': 'application/problem+json' });
  });
  return { app, metrics };
}
