// A downstream app reading from a read replica: a private PostgreSQL primary, a streaming replica made
// with `pg_basebackup -R`, feedfold migrating and writing on the primary (`feedfold run --once` over the
// fixture web), and the app reading feedfold_v1 on the replica and following changes by updated_at.
// NOTIFY does not reach a replica (LISTEN is refused during recovery): polling is the replica's way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startFixtureWeb, type FixtureWeb } from '../../scripts/lib/fixture-web.ts';
import { cliEnv, runCli } from '../helpers/cli.ts';
import { TEST_REDIS_URL } from '../helpers/services.ts';
import {
  createDatabaseOn,
  startPrivatePostgres,
  startPrivateReplica,
  waitForReplay,
  type PrivatePostgres,
} from '../helpers/private-services.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { addFeed } from '../../src/db/feeds.ts';
import { dropQueues, queuesOf } from '../faults/harness.ts';
import { FIXTURE_FEEDS, fixtureStoryOf } from './fixture-stories.ts';

const DB = 'feedfold';

interface StoryRow {
  story_id: string;
  item_count: number;
  updated_at: Date;
}

describe('a read replica for downstream apps', () => {
  let primary: PrivatePostgres | undefined;
  let replica: PrivatePostgres | undefined;
  let web: FixtureWeb | undefined;
  let env: Record<string, string> = {};
  let reader: postgres.Sql | undefined;

  beforeAll(async () => {
    [primary, web] = await Promise.all([startPrivatePostgres(), startFixtureWeb()]);
    await createDatabaseOn(primary.url, DB);
    replica = await startPrivateReplica(primary);
    reader = postgres(replica.databaseUrl(DB), { max: 1, onnotice: () => {} });
    env = cliEnv(primary.databaseUrl(DB), TEST_REDIS_URL, `replica-${primary.port}`, {
      FEEDFOLD_REDIS_AUTOSTART: 'false',
      FEEDFOLD_HOST_MAX_CONCURRENT: '16',
      LOG_LEVEL: 'warn',
    });
  }, 60_000);

  afterAll(async () => {
    await reader?.end();
    if (env.REDIS_URL) await dropQueues(queuesOf(env)).catch(() => {});
    await replica?.close();
    await primary?.close();
    await web?.close();
  });

  /** Subscribe to fixture feeds, run `feedfold run --once` (it migrates first) on the primary, and wait until the replica replayed it. */
  async function foldOnPrimary(feedPaths: string[]): Promise<void> {
    const database = await openDatabase({ url: env.DATABASE_URL as string, dataDir: '', maxConnections: 1 });
    try {
      await migrateDatabase(database);
      for (const p of feedPaths) await addFeed(database.db, { url: (web as FixtureWeb).url(p) }, new Date());
    } finally {
      await database.close();
    }
    const r = await runCli(['run', '--once'], env);
    expect(r.code, r.stderr).toBe(0);
    await waitForReplay(primary as PrivatePostgres, replica as PrivatePostgres);
  }

  /** The replica's stories as sorted fixture story keys. */
  async function storyKeysOnReplica(sql: postgres.Sql): Promise<string[][]> {
    const rows = await sql<{ story_id: string; url: string }[]>`select story_id, url from feedfold_v1.story_items order by story_id, item_id`;
    const byStory = new Map<string, Set<string>>();
    for (const r of rows) byStory.set(r.story_id, (byStory.get(r.story_id) ?? new Set()).add(fixtureStoryOf(r.url)));
    return [...byStory.values()].map((keys) => [...keys].sort()).sort();
  }

  it('reads feedfold_v1 from the replica and follows changes by updated_at; LISTEN is refused there', async () => {
    const sql = reader as postgres.Sql;
    await foldOnPrimary(FIXTURE_FEEDS.slice(0, 2));

    expect((await sql<{ standby: boolean }[]>`select pg_is_in_recovery() as standby`)[0]?.standby).toBe(true);
    expect(await storyKeysOnReplica(sql)).toEqual([['lavrov-ankara'], ['port-strike'], ['syria-call'], ['wheat']]);
    const before = await sql<StoryRow[]>`select story_id, item_count, updated_at from feedfold_v1.stories order by updated_at`;
    const lastSeen = before.at(-1)?.updated_at as Date;

    // The French translation arrives: exactly one story changes, and polling by updated_at finds it.
    await foldOnPrimary(FIXTURE_FEEDS.slice(2));
    const changed = await sql<StoryRow[]>`
      select story_id, item_count, updated_at from feedfold_v1.stories where updated_at > ${lastSeen} order by updated_at`;
    expect(changed).toHaveLength(1);
    const syria = before.find((s) => s.story_id === changed[0]?.story_id);
    expect(syria?.item_count).toBe(2);
    expect(changed[0]?.item_count).toBe(3);
    const members = await sql<{ url: string }[]>`select url from feedfold_v1.story_items where story_id = ${changed[0]?.story_id as string}`;
    expect(new Set(members.map((m) => fixtureStoryOf(m.url)))).toEqual(new Set(['syria-call']));

    // The replica cannot be written to, and NOTIFY does not cross to it: LISTEN is refused during recovery.
    await expect(sql`insert into feeds (url) values ('http://example.test/')`).rejects.toThrow(/read-only transaction/);
    await expect(sql.listen('feedfold_stories', () => {})).rejects.toThrow(/LISTEN/);
  }, 120_000);
});
