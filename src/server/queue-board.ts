// Bull Board (the queues' web UI) under /admin/queues, behind the admin token.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Queues } from '../queue/queues.ts';
import type { ServerDeps } from './deps.ts';
import { requireAdminToken } from './auth.ts';

/** Where the board is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** Mount Bull Board over the poll and ingest queues; open it in a browser with `?token=…` once. */
export function registerQueueBoard(app: Hono, deps: ServerDeps, queues: Queues): void {
  const adapter = new HonoAdapter(serveStatic);
  createBullBoard({ queues: [new BullMQAdapter(queues.poll), new BullMQAdapter(queues.ingest)], serverAdapter: adapter });
  adapter.setBasePath(QUEUE_BOARD_PATH);
  const guard = requireAdminToken(deps, { cookiePath: QUEUE_BOARD_PATH });
  app.use(QUEUE_BOARD_PATH, guard);
  app.use(`${QUEUE_BOARD_PATH}/*`, guard);
  app.route(QUEUE_BOARD_PATH, adapter.registerPlugin());
}
