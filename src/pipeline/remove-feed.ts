// Unsubscribing: the feed and its items go; the stories they were in stay (ids are never reused), re-summarised.
import { inTransaction, type Db } from '../db/client.ts';
import { deleteFeed, findFeedStories } from '../db/feeds.ts';
import { refreshStoryWith } from './refresh-story.ts';

/** Delete a feed with its items and refresh the stories they belonged to, in one transaction. Returns whether it existed. */
export async function removeFeed(db: Db, feedId: number, now: Date = new Date()): Promise<boolean> {
  return inTransaction(db, async (send) => {
    const [affected, existed] = await send([findFeedStories(feedId), deleteFeed(feedId)]);
    for (const storyId of affected) await refreshStoryWith(send, storyId, now);
    return existed;
  });
}
