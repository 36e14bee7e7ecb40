// The readers that run on the calling thread, not in the sandbox: feed autodiscovery (a page fetched by
// `feeds add` or the admin API), OPML import (a file or an admin request body) and the item's signature
// (computed from feed or page text at ingestion); with the in-process feed and page readers beside them.
// Each call runs in one worker thread under a document's production budget and heap.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openBudgetSession, type BudgetSession } from '../helpers/budget-session.ts';
import { hostileCases, namedCases, SIZES, type FrameName } from './hostile-inputs.ts';
import { DOCUMENT_BUDGET_MS, DOCUMENT_HEAP_MB, expectAnswerOrClearError } from './outcome.ts';
import type { TargetName } from './targets.ts';

let session: BudgetSession;
beforeAll(async () => {
  session = await openBudgetSession(new URL('./targets.ts', import.meta.url), DOCUMENT_HEAP_MB);
});
afterAll(async () => session?.close());

describe('readers on the calling thread, on hostile documents', () => {
  it.each<[TargetName, FrameName]>([
    ['discoverFeedLinks', 'page'],
    ['readOpml', 'opml'],
    ['signItem', 'bare'],
    ['parseFeed', 'atom'],
    ['extractArticle', 'bare'],
  ])('%s, every case at 10 KB (%s), within a document\'s budget', async (target, frame) => {
    const size = SIZES['10 KB'];
    const cases = hostileCases(size, 8);
    for (const [index, hostile] of cases.entries()) {
      const label = `${target} on ${hostile.name} (${frame})`;
      expectAnswerOrClearError(await session.call('runCase', [target, size, index, frame], DOCUMENT_BUDGET_MS, label), label);
    }
  }, 600_000);

  it.each<[TargetName, FrameName, keyof typeof SIZES]>([
    ['discoverFeedLinks', 'page', '1 MB'],
    ['readOpml', 'opml', '1 MB'],
    ['signItem', 'bare', '1 MB'],
  ])('%s, the named cases (%s) at %s, within a document\'s budget', async (target, frame, sizeName) => {
    const size = SIZES[sizeName];
    const all = hostileCases(size, 8);
    for (const hostile of namedCases(size)) {
      const index = all.findIndex((c) => c.name === hostile.name);
      const label = `${target} on ${hostile.name} (${frame})`;
      expectAnswerOrClearError(await session.call('runCase', [target, size, index, frame], DOCUMENT_BUDGET_MS, label), label);
    }
  }, 600_000);
});
