// What the reader-app routes share: the server's deps, the failed-login limiter and the request helpers.
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServerDeps } from './deps.ts';
import { createMemoryLoginLimiter, createRedisLoginLimiter, type LoginLimiter } from './login-limiter.ts';

/** Largest request body a reader API accepts: 10,000 long item ids (the most one request may name) take ~500 KB. */
export const READER_MAX_BODY_BYTES = 1024 * 1024;
/** Most item ids one request may name (edit-tag, stream/items/contents). */
export const READER_MAX_IDS = 10_000;

/** Deps of the reader-app routes. */
export interface ReaderContext {
  deps: ServerDeps;
  limiter: LoginLimiter;
}

/** The reader context of an app: its login limiter counts in the queues' Redis, shared by every server process (in memory without queues). */
export function createReaderContext(deps: ServerDeps): ReaderContext {
  const maxFailures = deps.config.loginMaxFailures;
  const windowMs = deps.config.loginWindowSeconds * 1000;
  const limiter = deps.queues
    ? createRedisLoginLimiter({ redis: deps.queues.connection, prefix: deps.queues.prefix, maxFailures, windowMs, log: deps.log })
    : createMemoryLoginLimiter(maxFailures, windowMs);
  return { deps, limiter };
}

/** An answer a reader route gives instead of its result: a status, a short text and headers. */
export class ReaderReply extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ReaderReply';
  }
}

/** A route handler whose ReaderReply becomes a plain-text response (the reader APIs' error form). */
export function readerHandler(fn: (c: Context) => Promise<Response>): Handler {
  return async (c) => {
    try {
      return await fn(c);
    } catch (err) {
      if (err instanceof ReaderReply) return c.text(`${err.message}\n`, err.status, err.headers);
      throw err;
    }
  };
}

/** Refuse bodies over READER_MAX_BODY_BYTES with 413 before reading them. */
export function readerBodyLimit(): MiddlewareHandler {
  return bodyLimit({ maxSize: READER_MAX_BODY_BYTES, onError: (c) => c.text(`request body over ${READER_MAX_BODY_BYTES} bytes\n`, 413) });
}

/** The request's parameters: the query string, then a url-encoded body (repeated names kept). */
export async function readParams(c: Context): Promise<URLSearchParams> {
  const params = new URL(c.req.url).searchParams;
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type') ?? 'application/x-www-form-urlencoded';
    if (!/multipart\//i.test(type)) for (const [k, v] of new URLSearchParams(await c.req.text())) params.append(k, v);
    else for (const [k, v] of Object.entries(await c.req.parseBody({ all: true }))) for (const x of [v].flat()) if (typeof x === 'string') params.append(k, x);
  }
  return params;
}
