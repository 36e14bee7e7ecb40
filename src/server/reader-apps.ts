// Everything reader apps talk to: the Google Reader API, the Fever API and the private feeds (docs/reader-apps.md).
import type { Hono } from 'hono';
import type { ServerDeps } from './deps.ts';
import { registerFeverRoutes } from './fever.ts';
import { registerGoogleReaderRoutes } from './greader/routes.ts';
import { registerPrivateFeeds } from './private-feeds.ts';
import { createReaderContext } from './reader-context.ts';

/** Register the reader-app routes at the server's root, sharing one failed-login limiter. */
export function registerReaderApps(app: Hono, deps: ServerDeps): void {
  const rc = createReaderContext(deps);
  registerGoogleReaderRoutes(app, rc);
  registerFeverRoutes(app, rc);
  registerPrivateFeeds(app, rc);
}
