// `feedfold feeds list | head` through a real pipe: the reader closes it early and the CLI stops quietly
// (exit 0, no EPIPE stack trace) instead of dying on an unhandled 'error' event.
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { createTestDatabase, testDatabaseUrl } from '../helpers/services.ts';

/** Enough feeds that the listing (about 90 bytes a line) overflows a 64 KiB pipe buffer several times. */
const FEEDS = 5_000;
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`insert into feeds (url) select 'https://feeds' || g || '.example/rss.xml' from generate_series(1, ${FEEDS}) g`);
});
afterAll(async () => {
  await database?.drop();
});

describe('CLI output into a pipe closed early', () => {
  it('feeds list | head -n 3 exits 0 without an EPIPE error', async () => {
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl(database.name), LOG_LEVEL: 'silent' };
    const result = await new Promise<{ status: string; stderr: string; stdout: string }>((resolve) => {
      // bash's PIPESTATUS gives the CLI's own exit status, not head's.
      const child = spawn('bash', ['-c', `"${process.execPath}" "${BIN}" feeds list | head -n 3; echo "status=\${PIPESTATUS[0]}" >&2`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', () => resolve({ status: /status=(\d+)/.exec(stderr)?.[1] ?? '', stderr, stdout }));
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled|Error/);
    expect(result.status).toBe('0');
  }, 60_000);
});
