// The admin token: a bearer header for API clients; for browsers (Bull Board) a `?token=` link that starts a
// session: the cookie carries a random session id, never the token.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { BoardSessions } from './board-sessions.ts';
import { secretMatches } from './board-sessions.ts';
import type { ServerDeps } from './deps.ts';
import { failWith } from './problem.ts';

const COOKIE = 'feedfold_admin';

/** How a browser logs in: sessions, their length, and the path the cookie is scoped to. */
export interface BrowserLogin {
  cookiePath: string;
  sessions: BoardSessions;
  sessionSeconds: number;
}

function bearerOf(c: Context): string | undefined {
  return /^Bearer\s+(\S.*)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/**
 * True when the browser reached us over HTTPS: the request's own scheme, or a public URL that is https (behind a
 * TLS-terminating proxy the server trusts no forwarded header, as for client addresses; the operator's public URL says it).
 */
function overHttps(c: Context, publicUrl: string): boolean {
  return new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:');
}

/** Middleware refusing requests without the admin token (404 while no token is configured). */
export function requireAdminToken(deps: ServerDeps, browser?: BrowserLogin): MiddlewareHandler {
  return async (c, next) => {
    const expected = deps.config.adminToken;
    if (!expected) failWith(404, 'admin API disabled: set FEEDFOLD_ADMIN_TOKEN');
    if (secretMatches(bearerOf(c), expected)) return next();
    if (browser) {
      const session = getCookie(c, COOKIE);
      if (session && (await browser.sessions.isValid(session))) return next();
      if (secretMatches(c.req.query('token'), expected)) return startSession(c, browser, overHttps(c, deps.config.publicUrl));
    }
    failWith(401, 'missing or wrong bearer token');
  };
}

/** Log a browser in: one cookie with a new session id, then the same page again without the token in its address. */
async function startSession(c: Context, browser: BrowserLogin, secure: boolean): Promise<Response> {
  const id = await browser.sessions.create(browser.sessionSeconds);
  setCookie(c, COOKIE, id, { path: browser.cookiePath, httpOnly: true, sameSite: 'Strict', secure, maxAge: browser.sessionSeconds });
  const url = new URL(c.req.url);
  url.searchParams.delete('token');
  return c.redirect(`${url.pathname}${url.search}`, 303);
}
