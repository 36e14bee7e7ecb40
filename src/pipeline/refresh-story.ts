// Re-summarising a story from its members: canonical item, title, counts, languages. Run after members leave
// (feed removal) and by the admin and CLI refold; keeps its id, locks its row, announces the change.
import { inTransaction, type Db, type SendBatch } from '../db/client.ts';
import { deleteEmptyStory, lockStories, notifyStories, readStoryMembers, writeStorySummary } from '../db/stories.ts';
import { summariseStory } from '../domain/fold.ts';

/**
 * Inside a transaction: lock the story row (so a concurrent fold's write is not overwritten with an older
 * read), read its members, write the summary they give (a story left without members is deleted: it is no
 * longer news anyone reports), and NOTIFY feedfold_stories.
 */
export async function refreshStoryWith(send: SendBatch, storyId: number, now: Date): Promise<void> {
  const [, members] = await send([lockStories([storyId]), readStoryMembers(storyId)]);
  const summary = summariseStory(members);
  await send([summary ? writeStorySummary(storyId, summary, now) : deleteEmptyStory(storyId), notifyStories([storyId])]);
}

/** Recompute a story's canonical item, title, counts and languages from its members, in its own transaction. */
export async function refreshStory(db: Db, storyId: number, now: Date): Promise<void> {
  await inTransaction(db, (send) => refreshStoryWith(send, storyId, now));
}
