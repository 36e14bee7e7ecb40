// What a sandbox thread runs: the two readers of untrusted bytes, with their failures returned as data (an
// error object loses its class on the way back to the main thread).
import { readArticlePage } from '../domain/extract/read-page.ts';
import { readFeedDocument, type FeedDocument } from '../domain/feed/read-feed-document.ts';
import type { EntryLimits } from '../domain/feed/entry-limits.ts';
import type { Article } from '../model.ts';

/** A task's answer: the value, or why the document could not be read. */
export type TaskResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** What reading one document may keep: entry field lengths of a feed, links of a page (from the settings). */
export interface ReadLimits {
  entries: EntryLimits;
  maxLinks: number;
}

/** Arguments of both tasks: the fetched bytes, their Content-Type, the URL they came from and the limits. */
export interface ReadTask {
  body: Uint8Array;
  contentType: string | null;
  url: string;
  limits: ReadLimits;
}

/** Read a feed document in this thread. */
export async function readFeed(task: ReadTask): Promise<TaskResult<FeedDocument>> {
  try {
    return { ok: true, value: await readFeedDocument(task.body, task.contentType, task.url, task.limits.entries) };
  } catch (err) {
    return { ok: false, error: messageOf(err) };
  }
}

/** Read an article page in this thread. */
export function readPage(task: ReadTask): TaskResult<Article> {
  try {
    return { ok: true, value: readArticlePage(task.body, task.contentType, task.url, { maxLinks: task.limits.maxLinks }) };
  } catch (err) {
    return { ok: false, error: messageOf(err) };
  }
}

// Whatever throws while reading a document (a ParseError, or a library tripping over crafted input) is that
// document's failure: the same bytes fail the same way, so it is never retried as ours.
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
