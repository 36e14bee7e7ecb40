// What the fuzz tests accept from a reader given a hostile document: an answer, or the document's own clear error.
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { CallOutcome } from '../helpers/budget-session.ts';

/** The time one document may take in production (FEEDFOLD_SANDBOX_TIMEOUT_MS's default), and the heap (FEEDFOLD_SANDBOX_HEAP_MB). */
export const { sandboxTimeoutMs: DOCUMENT_BUDGET_MS, sandboxHeapMb: DOCUMENT_HEAP_MB } = loadConfig({});

/** Errors that say what is wrong with the document; anything else (a TypeError, a stack overflow) is a bug. */
const CLEAR_ERROR = /^(ParseError|ExtractError): \S/;

/** The call answered, or failed with a ParseError / ExtractError that names the problem. */
export function expectAnswerOrClearError(outcome: CallOutcome<unknown>, label: string): void {
  if (!outcome.ok) expect(outcome.error, label).toMatch(CLEAR_ERROR);
}
