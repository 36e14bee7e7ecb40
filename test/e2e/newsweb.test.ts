// End to end over the labelled dev news web (../shared/data/newsweb-dev, present on development machines
// and in CI, absent from a user's clone): serve it on its loopback addresses, run `feedfold run --once`,
// read the stories back from feedfold_v1.story_items and score them against the labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { sharedDir, waitForUrl } from '../../scripts/lib/shared.ts';
import { queryRows } from '../../src/db/client.ts';
import { createTestDatabase, testDatabaseUrl, TEST_REDIS_URL } from '../helpers/services.ts';
import { cliEnv, runCli } from '../helpers/cli.ts';
import { createQueues } from '../../src/queue/queues.ts';

const web = path.join(sharedDir, 'data/newsweb-dev');
const present = fs.existsSync(path.join(web, 'labels.json'));
const PORT = 8741;

interface Score {
  pairwise: { p: number; r: number; f1: number };
  hardNegatives: { itemPairsMerged: number };
}

describe.runIf(present)('the dev news web, end to end', () => {
  let server: ChildProcess;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-e2e-'));

  beforeAll(async () => {
    server = spawn(process.execPath, [path.join(sharedDir, 'tools/newsweb/serve.mjs'), web, '--port', String(PORT), '--quiet'], { stdio: 'ignore' });
    database = await createTestDatabase();
    // The dev web serves hundreds of pages from one aggregator host: a test needs no politeness budget.
    env = cliEnv(testDatabaseUrl(database.name), TEST_REDIS_URL, `e2e-${database.name.slice(-6)}`, {
      FEEDFOLD_HOST_MAX_CONCURRENT: '100',
      FEEDFOLD_HOST_MAX_PER_MINUTE: '10000',
      LOG_LEVEL: 'error',
    });
    await waitForUrl(`http://127.0.1.11:${PORT}/robots.txt`, 10_000);
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    const q = createQueues({ redisUrl: TEST_REDIS_URL, prefix: env.FEEDFOLD_QUEUE_PREFIX as string, attempts: 1 });
    await Promise.allSettled([q.poll.obliterate({ force: true }), q.ingest.obliterate({ force: true })]);
    await q.close();
    await database?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('folds copies into their stories and keeps distinct stories apart (pairwise F1 >= 0.85)', async () => {
    const opml = path.join(tmp, 'feeds.opml');
    fs.writeFileSync(opml, fs.readFileSync(path.join(web, 'feeds.opml'), 'utf8').replaceAll(':8731/', `:${PORT}/`));
    expect((await runCli(['opml', 'import', opml], env)).code).toBe(0);
    const once = await runCli(['run', '--once'], env);
    expect(once.code, once.stderr).toBe(0);
    const summary = JSON.parse(once.stdout.trim()) as { feeds: number; feeds_failed: number; items_folded: number; items: number };
    expect(summary.feeds_failed).toBe(0);
    expect(summary.items_folded).toBe(summary.items);

    const rows = await queryRows<{ url: string; story_id: string }>(database.db, sql`select url, story_id from feedfold_v1.story_items`);
    const assign = path.join(tmp, 'assign.jsonl');
    fs.writeFileSync(assign, rows.map((r) => JSON.stringify({ item: r.url, story: r.story_id })).join('\n'));
    const scored = spawnSync(
      process.execPath,
      [path.join(sharedDir, 'tools/newsweb/score.mjs'), '--labels', path.join(web, 'labels.json'), '--assign', assign, '--json'],
      { encoding: 'utf8' },
    );
    const [score] = JSON.parse(scored.stdout) as Score[];
    expect(score?.pairwise.f1).toBeGreaterThanOrEqual(0.85);
    expect(score?.pairwise.p).toBeGreaterThanOrEqual(0.95);
    expect(score?.hardNegatives.itemPairsMerged).toBe(0);
  }, 240_000);
});
