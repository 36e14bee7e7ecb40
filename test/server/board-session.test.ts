// The queue board's browser login: `?token=` starts a server-side session whose random id is the cookie's value
// (never the admin token), HttpOnly, SameSite=Strict, Secure over HTTPS, set once, expiring in Redis.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { secretMatches } from '../../src/server/board-sessions.ts';
import { silentLogger } from '../../src/log.ts';
import type { Queues } from '../../src/queue/queues.ts';
import { createTestDatabase, createTestQueues, testConfig } from '../helpers/services.ts';

const TOKEN = 'board-token-7f3a9c';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let queues: Queues;
let app: Hono;
let httpsApp: Hono;
/** Every Set-Cookie header any response of this file carried. */
const setCookies: string[] = [];

async function request(target: Hono, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await target.request(path, { headers });
  setCookies.push(...res.headers.getSetCookie());
  return res;
}

function sessionOf(res: Response): string {
  const [cookie] = res.headers.getSetCookie();
  return /^feedfold_admin=([^;]+)/.exec(cookie ?? '')?.[1] ?? '';
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_ADMIN_TOKEN: TOKEN, FEEDFOLD_PUBLIC_URL: 'http://feeds.example', FEEDFOLD_BOARD_SESSION_HOURS: '2' });
  queues = createTestQueues(config);
  app = createApp({ config, db: database.db, log: silentLogger(), queues }).app;
  httpsApp = createApp({ config: { ...config, publicUrl: 'https://feeds.example' }, db: database.db, log: silentLogger(), queues }).app;
});
afterAll(async () => {
  await queues?.close();
  await database?.drop();
});

describe('queue board login', () => {
  it('?token= sets one cookie with a random session id and sends the browser back without the token', async () => {
    const res = await request(app, `/admin/queues/queue/poll?status=failed&token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/queues/queue/poll?status=failed');
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const cookie = cookies[0]!;
    expect(sessionOf(res)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/admin\/queues/);
    expect(cookie).toMatch(/; Max-Age=7200/);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('the bare board path logs in once as well (one guard, one cookie)', async () => {
    const res = await request(app, `/admin/queues?token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie()).toHaveLength(1);
  });

  it('each login gets its own session, and a session opens the board and its API', async () => {
    const a = sessionOf(await request(app, `/admin/queues?token=${TOKEN}`));
    const b = sessionOf(await request(app, `/admin/queues?token=${TOKEN}`));
    expect(a).not.toBe(b);
    const page = await request(app, '/admin/queues', { Cookie: `feedfold_admin=${a}` });
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie()).toEqual([]); // a logged-in request sets nothing
    expect((await request(app, '/admin/queues/api/queues', { Cookie: `feedfold_admin=${b}` })).status).toBe(200);
  });

  it.each([
    ['the token itself as the cookie', TOKEN],
    ['an unknown session id', 'A'.repeat(43)],
    ['an empty cookie', ''],
  ])('refuses %s', async (_name, value) => {
    expect((await request(app, '/admin/queues/api/queues', { Cookie: `feedfold_admin=${value}` })).status).toBe(401);
  });

  it('a session ends when it expires in Redis', async () => {
    const id = sessionOf(await request(app, `/admin/queues?token=${TOKEN}`));
    const key = `${queues.prefix}:board-session:${createHash('sha256').update(id).digest('hex')}`;
    const ttl = await queues.connection.ttl(key);
    expect(ttl).toBeGreaterThan(7000);
    expect(ttl).toBeLessThanOrEqual(7200);
    expect(await queues.connection.exists(`${queues.prefix}:board-session:${id}`)).toBe(0); // only the hash is stored
    await queues.connection.pexpire(key, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect((await request(app, '/admin/queues', { Cookie: `feedfold_admin=${id}` })).status).toBe(401);
  });

  it.each([
    ['an https public URL (behind a TLS proxy)', () => httpsApp, '/admin/queues'],
    ['a request that came over https', () => app, 'https://feeds.example/admin/queues'],
  ])('marks the cookie Secure for %s', async (_name, target, path) => {
    const res = await request(target(), `${path}?token=${TOKEN}`);
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  it('never put the admin token in any Set-Cookie of this file', () => {
    expect(setCookies.length).toBeGreaterThanOrEqual(6);
    expect(setCookies.filter((c) => c.includes(TOKEN))).toEqual([]);
  });
});

describe('secretMatches', () => {
  it.each([
    [TOKEN, true],
    [`${TOKEN}x`, false],
    ['b', false],
    ['', false],
    [undefined, false],
  ])('%j against the token: %s', (given, expected) => {
    expect(secretMatches(given, TOKEN)).toBe(expected);
  });
});
