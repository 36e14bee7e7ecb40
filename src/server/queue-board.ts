// Bull Board (the queues' web UI) under /admin/queues, behind the admin token.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Queues } from '../queue/queues.ts';
import type { ServerDeps } from './deps.ts';
import { requireAdminToken } from './auth.ts';
import { redisBoardSessions } from './board-sessions.ts';

/** Where the board is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** Mount Bull Board over the poll and ingest queues; open it in a browser with `?token=…` once (a session follows). */
export function registerQueueBoard(app: Hono, deps: ServerDeps, queues: Queues): void {
  const adapter = new HonoAdapter(serveStatic);
  createBullBoard({ queues: [new BullMQAdapter(queues.poll), new BullMQAdapter(queues.ingest)], serverAdapter: adapter });
  adapter.setBasePath(QUEUE_BOARD_PATH);
  const sessions = redisBoardSessions(queues.connection, queues.prefix);
  // One guard for the board and everything under it (`/*` matches the bare path too): one cookie per login.
  app.use(`${QUEUE_BOARD_PATH}/*`, requireAdminToken(deps, { cookiePath: QUEUE_BOARD_PATH, sessions, sessionSeconds: deps.config.boardSessionHours * 3600 }));
  app.route(QUEUE_BOARD_PATH, adapter.registerPlugin());
}
