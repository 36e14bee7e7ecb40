// The admin token: a bearer header for API clients; a `?token=` link that sets a cookie for browsers (Bull Board).
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ServerDeps } from './deps.ts';
import { failWith } from './problem.ts';

const COOKIE = 'feedfold_admin';

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerOf(c: Context): string | undefined {
  return /^Bearer\s+(\S.*)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/** Middleware refusing requests without the admin token (404 while no token is configured). */
export function requireAdminToken(deps: ServerDeps, browser?: { cookiePath: string }): MiddlewareHandler {
  return async (c, next) => {
    const expected = deps.config.adminToken;
    if (!expected) failWith(404, 'admin API disabled: set FEEDFOLD_ADMIN_TOKEN');
    if (tokenMatches(bearerOf(c), expected)) return next();
    if (browser) {
      if (tokenMatches(getCookie(c, COOKIE), expected)) return next();
      if (tokenMatches(c.req.query('token'), expected)) {
        // The board's page fetches its assets and API without the query: a cookie scoped to it carries the token.
        setCookie(c, COOKIE, expected, { path: browser.cookiePath, httpOnly: true, sameSite: 'Strict' });
        return next();
      }
    }
    failWith(401, 'missing or wrong bearer token');
  };
}
