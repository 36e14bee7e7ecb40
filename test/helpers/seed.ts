// Fill a test database by running the real pipeline over the fixture web.
import { afterAll, beforeAll } from 'vitest';
import { addFeed } from '../../src/db/feeds.ts';
import { ingestItem } from '../../src/pipeline/ingest-item.ts';
import { pollFeed } from '../../src/pipeline/poll-feed.ts';
import type { Deps } from '../../src/pipeline/deps.ts';
import type { FixtureWeb } from '../../scripts/lib/fixture-web.ts';

export const FIXTURE_FEEDS = [
  { path: '/wire/feed.xml', folder: 'World' },
  { path: '/digest/atom.xml', folder: 'World' },
  { path: '/digest-fr/feed.json', folder: 'Français' },
];

/** Sites in right-to-left and CJK scripts (Arabic, Hebrew, Chinese), for browser tests and screenshots. */
export const SCRIPT_FEEDS = [
  { path: '/sada/feed.xml', folder: 'المنطقة' },
  { path: '/haifa/atom.xml', folder: 'World' },
  { path: '/gangkou/feed.json', folder: 'World' },
];

/** Subscribe to the fixture feeds, poll them and ingest every queued item. */
export async function seedFixtureWeb(deps: Deps, web: FixtureWeb, feeds: readonly { path: string; folder: string }[] = FIXTURE_FEEDS): Promise<void> {
  for (const f of feeds) {
    const { feed } = await addFeed(deps.db, { url: web.url(f.path), folder: f.folder }, deps.now());
    await pollFeed(deps, { feedId: feed.id, dueAt: 0 });
  }
  const jobs = await deps.queues.ingest.getJobs(['waiting']);
  for (const job of jobs) {
    await ingestItem(deps, job.data);
    await job.remove();
  }
}

/** A test file's seeded world: fixture web, fresh database and queues, set up once and torn down after. */
export interface SeededWorld {
  web: FixtureWeb;
  database: Awaited<ReturnType<typeof import('./services.ts').createTestDatabase>>;
  queues: import('../../src/queue/queues.ts').Queues;
}

/** Register beforeAll/afterAll hooks that seed the fixture web through the pipeline; read the world after beforeAll. */
export function useSeededWorld(configOverrides: Record<string, string> = {}): SeededWorld {
  const world = {} as SeededWorld;
  beforeAll(async () => {
    const { startFixtureWeb } = await import('../../scripts/lib/fixture-web.ts');
    const { createTestDatabase, createTestQueues, testConfig, testDeps } = await import('./services.ts');
    world.web = await startFixtureWeb();
    world.database = await createTestDatabase();
    const config = testConfig(configOverrides);
    world.queues = createTestQueues(config);
    await seedFixtureWeb(testDeps(config, world.database, world.queues), world.web);
  });
  afterAll(async () => {
    await world.queues?.close();
    await world.database?.drop();
    await world.web?.close();
  });
  return world;
}
