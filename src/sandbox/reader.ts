// Reading untrusted documents apart from the event loop. Every fetched feed and page is decoded, parsed and
// extracted in a pool of worker threads (piscina), each with a bounded heap and each task with a deadline that
// the main thread enforces from outside: a document that would block the loop or exhaust the heap terminates
// its thread instead (piscina starts another) and fails alone, as the feed's or page's own failure.
import { Piscina } from 'piscina';
import { ExtractError, ParseError } from '../errors.ts';
import { readArticlePage } from '../domain/extract/read-page.ts';
import { readFeedDocument, type FeedDocument } from '../domain/feed/read-feed-document.ts';
import type { Article } from '../model.ts';
import type { ReadLimits, ReadTask, TaskResult } from './tasks.ts';
import { settingDefaults, type Config } from '../config.ts';

export type { ReadLimits } from './tasks.ts';

/** Reads fetched bytes into a feed document or an article; ParseError / ExtractError for the document's own failures. */
export interface DocumentReader {
  readFeed(body: Uint8Array, contentType: string | null, url: string): Promise<FeedDocument>;
  readPage(body: Uint8Array, contentType: string | null, url: string): Promise<Article>;
  close(): Promise<void>;
}

/** Limits of the sandbox (config: FEEDFOLD_SANDBOX_*). */
export interface SandboxSettings {
  threads: number;
  heapMb: number;
  timeoutMs: number;
  /** Young generation of one thread, at most a quarter of its heap (default FEEDFOLD_SANDBOX_YOUNG_MB's). */
  youngMb?: number;
}

/** The readers run on the calling thread, within `limits`: for tools and tests that trust their input. */
export function createInProcessReader(limits: ReadLimits): DocumentReader {
  return {
    readFeed: (body, contentType, url) => readFeedDocument(body, contentType, url, limits.entries),
    readPage: async (body, contentType, url) => readArticlePage(body, contentType, url, { maxLinks: limits.maxLinks }),
    close: async () => {},
  };
}

/** The reading limits a Config sets (FEEDFOLD_MAX_…_CHARS, FEEDFOLD_PAGE_MAX_LINKS). */
export function readLimitsFrom(config: Pick<Config, 'entryLimits' | 'pageMaxLinks'>): ReadLimits {
  return { entries: config.entryLimits, maxLinks: config.pageMaxLinks };
}

// dist/sandbox-worker.mjs beside the compiled chunks, or src/sandbox/sandbox-worker.mjs (tsx) beside this file.
const WORKER_URL = new URL('./sandbox-worker.mjs', import.meta.url);

/** A reader that runs every document in the worker-thread pool, within the settings' heap and time. */
export function createSandboxReader(settings: SandboxSettings, limits: ReadLimits): DocumentReader {
  const pool = new Piscina({
    filename: WORKER_URL.href,
    minThreads: 0,
    maxThreads: settings.threads,
    // Threads stay between documents (starting one costs a module load); an idle process gives them back.
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: settings.heapMb, maxYoungGenerationSizeMb: Math.min(settings.youngMb ?? settingDefaults.FEEDFOLD_SANDBOX_YOUNG_MB, settings.heapMb / 4) },
  });
  const run = async <T>(name: 'readFeed' | 'readPage', task: ReadTask, fail: (message: string) => Error): Promise<T> => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), settings.timeoutMs);
    try {
      const result = (await pool.run(task, { name, signal: deadline.signal })) as TaskResult<T>;
      if (!result.ok) throw fail(result.error);
      return result.value;
    } catch (err) {
      if (deadline.signal.aborted) throw fail(`not read within ${settings.timeoutMs} ms (FEEDFOLD_SANDBOX_TIMEOUT_MS); the reading thread was stopped`);
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw fail(`needed more than ${settings.heapMb} MB of memory to read (FEEDFOLD_SANDBOX_HEAP_MB); the reading thread was stopped`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    readFeed: (body, contentType, url) => run('readFeed', { body, contentType, url, limits }, (m) => new ParseError(m)),
    readPage: (body, contentType, url) => run('readPage', { body, contentType, url, limits }, (m) => new ExtractError(m)),
    close: () => pool.destroy(),
  };
}
