// Items a crash left stored but never queued have one owner, the scheduler's stranded-item sweep, with one
// age rule: an item still new STRANDED_AFTER_MS after it was stored is queued again, a younger one is not.
import { describe, expect, it } from 'vitest';
import { addFeed } from '../../src/db/feeds.ts';
import { insertItems } from '../../src/db/items.ts';
import { requeueStrandedItems, STRANDED_AFTER_MS } from '../../src/pipeline/schedule-polls.ts';
import { ingestJobId } from '../../src/queue/queues.ts';
import { bareEntry } from '../helpers/entries.ts';
import { testConfig, testDeps, useTestStore } from '../helpers/services.ts';

const store = useTestStore();

describe('stranded-item sweep', () => {
  it('queues an item still new after the age rule, and not before', async () => {
    const stored = new Date();
    const { feed } = await addFeed(store.database.db, { url: 'http://stranded.example/feed.xml' }, stored);
    const [itemId] = await insertItems(store.database.db, feed.id, [bareEntry('stranded.example', 'k1')]);
    const id = ingestJobId(itemId as number);
    const clock = { now: new Date(stored.getTime() + STRANDED_AFTER_MS - 30_000) };
    const deps = testDeps(testConfig(), store.database, store.queues, clock);
    expect(await requeueStrandedItems(deps)).toBe(0);
    expect(await store.queues.ingest.getJob(id)).toBeUndefined();
    clock.now = new Date(stored.getTime() + STRANDED_AFTER_MS + 30_000);
    expect(await requeueStrandedItems(deps)).toBe(1);
    expect(await store.queues.ingest.getJobState(id)).toBe('waiting');
    // Queued twice, still one job.
    expect(await requeueStrandedItems(deps)).toBe(1);
    expect(await store.queues.ingest.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
