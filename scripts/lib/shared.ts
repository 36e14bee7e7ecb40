// Where the evaluation data lives (../shared beside the repository), and small helpers for scripts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared relative to the repository root, or FEEDFOLD_SHARED_DIR. */
export const sharedDir = process.env.FEEDFOLD_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');

/** Wait until `url` answers (any status), or throw after `ms`. */
export async function waitForUrl(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > until) throw new Error(`${url} did not answer within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
