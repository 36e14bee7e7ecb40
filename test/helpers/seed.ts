// Fill a test database by running the real pipeline over the fixture web.
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

/** Subscribe to the fixture feeds, poll them and ingest every queued item. */
export async function seedFixtureWeb(deps: Deps, web: FixtureWeb): Promise<void> {
  for (const f of FIXTURE_FEEDS) {
    const { feed } = await addFeed(deps.db, { url: web.url(f.path), folder: f.folder }, deps.now());
    await pollFeed(deps, { feedId: feed.id, dueAt: 0 });
  }
  const jobs = await deps.queues.ingest.getJobs(['waiting']);
  for (const job of jobs) {
    await ingestItem(deps, job.data);
    await job.remove();
  }
}
