// Every delimiter the scanners look for, nesting and single huge tokens, at 1 MB, through each linear scanner of
// feeds and pages, in one worker thread where each call has the production budget of a whole document
// (20 s) and heap (256 MB). A linear scan takes milliseconds; the super-linear ones this catches took minutes
// to hours at this size (DOCTYPE brackets, runs of "<body ", CDATA sections, sax's "<!"), so the budget decides
// without measuring time.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openBudgetSession, type BudgetSession } from '../helpers/budget-session.ts';
import { deepNesting, hostileCases, hugeTokens, openedRuns, repeatedDelimiters, SIZES } from './hostile-inputs.ts';
import { DOCUMENT_BUDGET_MS, DOCUMENT_HEAP_MB, expectAnswerOrClearError } from './outcome.ts';
import type { TargetName } from './targets.ts';

const ONE_MB = SIZES['1 MB'];
const SCANNERS: TargetName[] = [
  'detectFeedFormat', 'repairXml', 'splitVerbatim', 'extractRawConstructs', 'unprefixAtomElements', 'readLenientFeed', 'parseFeedDate',
  'decodeXml', 'decodeHtml', 'prepareHtml', 'htmlToText',
];
// Case indices of hostileCases(size): delimiters, opened runs, nesting and huge tokens come first, then the mixtures.
const fixedCases = repeatedDelimiters(ONE_MB).length + openedRuns(ONE_MB).length + deepNesting(ONE_MB).length + hugeTokens(ONE_MB).length;

let session: BudgetSession;
beforeAll(async () => {
  session = await openBudgetSession(new URL('./targets.ts', import.meta.url), DOCUMENT_HEAP_MB);
});
afterAll(async () => session?.close());

describe('linear scanners on 1 MB hostile documents', () => {
  it.each(SCANNERS)('%s answers every case within a document\'s budget', async (target) => {
    const cases = hostileCases(ONE_MB).slice(0, fixedCases);
    for (const [index, hostile] of cases.entries()) {
      const label = `${target} on ${hostile.name}`;
      expectAnswerOrClearError(await session.call('runCase', [target, ONE_MB, index, 'bare'], DOCUMENT_BUDGET_MS, label), label);
    }
  }, 300_000);

  it.each(SCANNERS)('%s answers seeded mixtures of 100 KB within a document\'s budget', async (target) => {
    const size = SIZES['100 KB'];
    const cases = hostileCases(size, 8);
    for (let index = fixedCases; index < cases.length; index++) {
      const label = `${target} on ${cases[index]?.name}`;
      expectAnswerOrClearError(await session.call('runCase', [target, size, index, 'bare'], DOCUMENT_BUDGET_MS, label), label);
    }
  }, 300_000);
});
