// Reader accounts through the admin API: create, list, password, OPML per account, tokens, delete.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/db/accounts.ts';
import { silentLogger } from '../../src/log.ts';
import { createApp } from '../../src/server/app.ts';
import { createTestDatabase, testConfig } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: Hono;
const auth = { Authorization: 'Bearer admin-token-789' };

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_ADMIN_TOKEN: 'admin-token-789', FEEDFOLD_PUBLIC_URL: 'http://feeds.example' });
  app = createApp({ config, db: database.db, log: silentLogger() }).app;
});
afterAll(async () => database?.drop());

const send = (method: string, path: string, body?: unknown, type = 'application/json') =>
  app.request(path, { method, headers: { ...auth, 'Content-Type': type }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });

describe('/api/users', () => {
  it('creates, lists, changes the password of and deletes accounts, behind the admin token', async () => {
    expect((await app.request('/api/users', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await send('POST', '/api/users', { name: 'gus', password: 'gus-password' })).status).toBe(201);
    expect((await send('POST', '/api/users', { name: 'gus', password: 'other-password' })).status).toBe(409);
    expect((await send('POST', '/api/users', { name: 'bad name', password: 'gus-password' })).status).toBe(400);
    expect((await send('POST', '/api/users', { name: 'hal', password: 'short' })).status).toBe(400);
    const list = (await (await send('GET', '/api/users')).json()) as { users: { name: string }[] };
    expect(list.users.map((u) => u.name)).toEqual(['gus']);
    expect(JSON.stringify(list)).not.toContain('scrypt');
    expect((await send('PUT', '/api/users/gus/password', { password: 'gus-new-password' })).status).toBe(204);
    expect(await checkPassword(database.db, 'gus', 'gus-password')).toBeNull();
    expect((await send('PUT', '/api/users/nobody/password', { password: 'whatever-123' })).status).toBe(404);
    expect((await send('DELETE', '/api/users/gus')).status).toBe(204);
    expect((await send('DELETE', '/api/users/gus')).status).toBe(404);
  });

  it("imports and exports an account's OPML, and issues and revokes its private feed URLs", async () => {
    await send('POST', '/api/users', { name: 'ida', password: 'ida-password' });
    const opml = '<opml version="2.0"><body><outline text="Tech"><outline type="rss" text="Blog" xmlUrl="https://blog.example.org/feed.xml"/></outline></body></opml>';
    expect(await (await send('POST', '/api/users/ida/opml', opml, 'text/x-opml')).json()).toMatchObject({ added: 1, existing: 0 });
    expect(await (await send('GET', '/api/users/ida/opml')).text()).toContain('blog.example.org/feed.xml');
    const subs = (await (await send('GET', '/api/users/ida/subscriptions')).json()) as { subscriptions: { folder: string }[] };
    expect(subs.subscriptions).toMatchObject([{ folder: 'Tech', title: 'Blog' }]);
    const issued = (await (await send('POST', '/api/users/ida/feed-tokens')).json()) as { id: number; urls: { json: string } };
    const path = new URL(issued.urls.json).pathname;
    expect((await app.request(path)).status).toBe(200);
    expect((await send('DELETE', `/api/users/ida/tokens/${issued.id}`)).status).toBe(204);
    expect((await app.request(path)).status).toBe(404);
    expect((await send('DELETE', `/api/users/ida/tokens/${issued.id}`)).status).toBe(404);
  });
});
