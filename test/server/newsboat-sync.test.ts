// A real client end to end: Debian's newsboat syncs accounts headless through its FeedHQ (Google Reader
// API) backend — ClientLogin, subscription/list, /reader/atom per feed, token and edit-tag — over the
// fixture web folded by the real pipeline.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listStream } from '../../src/db/account-stream.ts';
import { silentLogger } from '../../src/log.ts';
import { createApp } from '../../src/server/app.ts';
import { createTestAccounts, PASSWORDS, type TestAccounts } from '../helpers/accounts.ts';
import { useSeededWorld } from '../helpers/seed.ts';
import { testConfig } from '../helpers/services.ts';
import { requireTool } from '../helpers/tools.ts';

const execFileAsync = promisify(execFile);
const world = useSeededWorld();
let server: ServerType;
let base = '';
let t: TestAccounts;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-newsboat-'));
const present = requireTool('newsboat', ['--version']);

beforeAll(async () => {
  t = await createTestAccounts(world.database.db, world.web);
  const { app } = createApp({ config: testConfig(), db: world.database.db, log: silentLogger() });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** One newsboat profile (config, url file, cache) logged in as `name`. */
function profile(name: keyof typeof PASSWORDS): { dir: string; run(...commands: string[]): Promise<string>; cache: string } {
  const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
  fs.writeFileSync(path.join(dir, 'urls'), '');
  fs.writeFileSync(
    path.join(dir, 'config'),
    [`urls-source "feedhq"`, `feedhq-url "${base}"`, `feedhq-login "${name}"`, `feedhq-password "${PASSWORDS[name]}"`, 'feedhq-min-items 20', 'feedhq-show-special-feeds no', ''].join('\n'),
  );
  const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
  const cache = path.join(dir, 'cache.db');
  return {
    dir,
    cache,
    async run(...commands: string[]) {
      const args = ['-C', path.join(dir, 'config'), '-u', path.join(dir, 'urls'), '-c', cache, '-x', ...commands];
      const { stdout } = await execFileAsync('newsboat', args, { env, timeout: 60_000 });
      return stdout;
    },
  };
}

const unreadOf = (out: string) => Number(/(\d+) unread articles?/.exec(out)?.[1] ?? Number.NaN);

async function sqliteRows<T>(file: string, query: string): Promise<T[]> {
  const { stdout } = await execFileAsync('sqlite3', ['-json', file, query]);
  return JSON.parse(stdout || '[]') as T[];
}

describe.runIf(present)('newsboat syncs through the Google Reader API', () => {
  it('lists one article per story of the account, follows marks made through the API, and marks read itself', async () => {
    const ana = profile('ana');
    // ana's subscriptions hold three stories in four copies: the Syria call comes once.
    expect(unreadOf(await ana.run('reload', 'print-unread'))).toBe(3);
    const items = await sqliteRows<{ guid: string; feedurl: string }>(ana.cache, 'select guid, feedurl from rss_item');
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item.guid).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
      expect(item.feedurl).toContain(`${base}/reader/atom/feed%2F`);
    }
    const feeds = await sqliteRows<{ rssurl: string }>(ana.cache, 'select rssurl from rss_feed');
    expect(feeds.map((f) => decodeURIComponent(f.rssurl)).join(' ')).not.toContain('/wire/');

    // Marked read through the API: the next reload shows one fewer.
    const login = await fetch(`${base}/accounts/ClientLogin`, { method: 'POST', body: new URLSearchParams({ Email: 'ana', Passwd: PASSWORDS.ana }) });
    const auth = { Authorization: `GoogleLogin auth=${/Auth=(\S+)/.exec(await login.text())![1]}` };
    const T = await (await fetch(`${base}/reader/api/0/token`, { headers: auth })).text();
    const edit = await fetch(`${base}/reader/api/0/edit-tag`, {
      method: 'POST',
      headers: auth,
      body: new URLSearchParams({ i: items[0]!.guid, a: 'user/-/state/com.google/read', T }),
    });
    expect(await edit.text()).toBe('OK');
    expect(unreadOf(await ana.run('reload', 'print-unread'))).toBe(2);

    // Marked read by newsboat itself: A (mark feed read) on the first feed of its list, which its FeedHQ
    // backend sends as a T token request and mark-all-as-read.
    const before = (await listStream(world.database.db, t.ana, { scope: { kind: 'reading-list' }, order: 'newest', limit: 10, exclude: 'read' })).length;
    await markFeedReadInNewsboat(ana);
    const after = (await listStream(world.database.db, t.ana, { scope: { kind: 'reading-list' }, order: 'newest', limit: 10, exclude: 'read' })).length;
    if (after >= before) console.log(fs.readFileSync(`${ana.dir}/log`, 'utf8').split('\n').filter((l) => /FeedHq|mark|edit-tag|post/i.test(l)).slice(-20).join('\n'));
    expect(after).toBeLessThan(before);
    expect(unreadOf(await ana.run('reload', 'print-unread'))).toBe(after);
  }, 180_000);

  it("a second account sees none of the first's subscriptions", async () => {
    const ben = profile('ben');
    expect(unreadOf(await ben.run('reload', 'print-unread'))).toBe(3);
    const feeds = await sqliteRows<{ rssurl: string }>(ben.cache, 'select rssurl from rss_feed');
    expect(feeds).toHaveLength(1);
    expect(decodeURIComponent(feeds[0]!.rssurl)).toContain('/wire/feed.xml');
  }, 120_000);
});

/**
 * Drive newsboat's interface in a pseudo-terminal (util-linux `script`): on the feed list press A (mark the
 * first feed read) and quit. Its debug log (`log` in the profile) shows the requests when this fails.
 */
async function markFeedReadInNewsboat(p: ReturnType<typeof profile>): Promise<void> {
  const keys = 'Aq';
  const command = `newsboat -C ${p.dir}/config -u ${p.dir}/urls -c ${p.cache} -l 6 -d ${p.dir}/log`;
  const script = `(sleep 4; printf '${keys}'; sleep 4) | TERM=xterm COLUMNS=120 LINES=40 script -qfec "${command}" /dev/null`;
  await execFileAsync('bash', ['-c', script], { env: { ...process.env, HOME: p.dir }, timeout: 60_000 }).catch(() => undefined);
}
