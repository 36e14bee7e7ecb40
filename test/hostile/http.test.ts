// Hostile requests over HTTP: security headers on every page and API answer, a NUL in a filter is a 400 (not a 500),
// and the admin API refuses a body over its limit with 413 while it streams in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestDatabase, testConfig } from '../helpers/services.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: ReturnType<typeof createApp>['app'];
const TOKEN = 'hostile-admin-token';

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ FEEDFOLD_ADMIN_TOKEN: TOKEN, FEEDFOLD_ADMIN_MAX_BODY_BYTES: '2048' });
  ({ app } = createApp({ config, db: database.db, log: silentLogger() }));
});
afterAll(async () => {
  await database?.drop();
});

describe('hostile requests', () => {
  it.each(['/', '/feed.xml', '/feed.json', '/healthz', '/openapi.json', '/no-such-page'])('%s carries the security headers', async (path) => {
    const res = await app.request(path);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each(['/?q=a%00b', '/feed.xml?language=%00', '/feed.json?folder=World%00', '/api/stories?q=%00'])('%s is a 400, not a 500', async (path) => {
    const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/NUL/);
  });

  it('refuses an admin body over the limit with 413 before reading it all', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024;
        if (sent > 10 * 1024 * 1024) controller.close();
        else controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    const res = await app.request('/api/feeds', { method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });
});
