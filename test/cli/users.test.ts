// `feedfold users …` and `opml … --user` through the real entry point, as operators run them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword, createAccount } from '../../src/db/accounts.ts';
import { createTestDatabase, TEST_REDIS_URL } from '../helpers/services.ts';
import { cliEnv, runCli } from '../helpers/cli.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-users-'));

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database.url!, TEST_REDIS_URL, 'users', { LOG_LEVEL: 'silent' });
});
afterAll(async () => {
  await database?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('feedfold users', () => {
  it('adds an account with the password from stdin, lists it, changes the password and removes it', async () => {
    const add = await runCli(['users', 'add', 'dora'], env, 'first-password\n');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect((await runCli(['users', 'add', 'dora'], env, 'other-password\n')).code).toBe(2);
    expect((await runCli(['users', 'list'], env)).stdout).toMatch(/\tdora\t0\t/);
    expect(await checkPassword(database.db, 'dora', 'first-password')).not.toBeNull();
    expect((await runCli(['users', 'passwd', 'dora'], env, 'second-password\n')).code).toBe(0);
    expect(await checkPassword(database.db, 'dora', 'first-password')).toBeNull();
    expect(await checkPassword(database.db, 'dora', 'second-password')).not.toBeNull();
    expect((await runCli(['users', 'remove', 'dora'], env)).code).toBe(0);
    expect((await runCli(['users', 'remove', 'dora'], env)).code).toBe(1);
  }, 120_000);

  it('imports and exports an OPML file for one account, with its titles and folders', async () => {
    await createAccount(database.db, 'emil', 'emil-password', new Date());
    const file = path.join(tmp, 'subs.opml');
    fs.writeFileSync(
      file,
      `<?xml version="1.0"?><opml version="2.0"><body><outline text="Tech"><outline type="rss" text="My Blog" xmlUrl="https://blog.example.org/feed.xml"/></outline>
       <outline type="rss" text="News" xmlUrl="https://news.example.org/rss"/></body></opml>`,
    );
    const imp = await runCli(['opml', 'import', file, '--user', 'emil'], env);
    expect(imp.stdout).toContain('2 new subscriptions');
    const out = await runCli(['opml', 'export', '--user', 'emil'], env);
    expect(out.stdout).toMatch(/<outline text="Tech"[^>]*>\s*<outline[^>]*My Blog[^>]*blog\.example\.org/);
    expect(out.stdout).toContain('news.example.org/rss');
    // The feeds are shared: the public list has them once, and another account's export is empty.
    await createAccount(database.db, 'fay', 'fay-password', new Date());
    expect((await runCli(['opml', 'export', '--user', 'fay'], env)).stdout).not.toContain('example.org');
    expect((await runCli(['feeds', 'list'], env)).stdout.match(/example\.org/g)).toHaveLength(2);
    expect((await runCli(['opml', 'export', '--user', 'nobody'], env)).code).toBe(2);
  }, 120_000);
});
