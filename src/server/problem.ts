// Problem details (RFC 9457): every error the server answers; request reading and validation with zod.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** One invalid field of a request, as the problem document lists it. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem document response. */
export function problemResponse(c: Context, status: ContentfulStatusCode, detail?: string, invalidParams?: InvalidParam[]): Response {
  const body = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(invalidParams?.length ? { invalid_params: invalidParams } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json' });
}

/** Throw a problem the app's error handler answers with `status`. */
export function failWith(status: ContentfulStatusCode, detail: string, invalidParams?: InvalidParam[]): never {
  throw new HTTPException(status, { message: detail, cause: invalidParams ? { invalidParams } : undefined });
}

/** The invalid fields an HTTPException carries (see failWith), if any. */
export function invalidParamsOf(err: HTTPException): InvalidParam[] | undefined {
  const cause = err.cause as { invalidParams?: InvalidParam[] } | undefined;
  return cause?.invalidParams;
}

/** Validate `value` against `schema`, or throw a 400 problem naming each invalid field. */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const params = result.error.issues.map((i) => ({ name: i.path.join('.') || what, reason: i.message }));
  failWith(400, `invalid ${what}: ${params.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, params);
}

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The `:id` path parameter, or a 400 problem. */
export function readId(c: Context): number {
  return parseRequest(idParam, c.req.param('id'), 'id');
}

/** A JSON request body, or a 400 problem when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return failWith(400, 'body must be JSON');
  }
}
