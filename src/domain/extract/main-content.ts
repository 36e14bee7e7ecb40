// The article's main content element, found by Mozilla Readability on a linkedom document.
import { Readability } from '@mozilla/readability';
import type { Doc, El } from './dom.ts';

/** Readability's default char threshold (500) drops short news briefs; below this it retries with it lowered. */
const READABILITY_CHAR_THRESHOLD = 500;

/** Readability's view of the page: the content element and its byline. */
export interface ReadabilityResult {
  content: El | null;
  byline: string | null;
}

/** Runs Readability on doc (which it modifies) and returns the content element, or null. */
export function runReadability(doc: Doc): ReadabilityResult {
  // Readability takes a DOM Document; linkedom's is close enough once typed loosely.
  const reader = new Readability<El>(doc as never, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    serializer: (node: unknown) => node as El,
    keepClasses: true,
  });
  const result = reader.parse();
  return { content: result?.content ?? null, byline: result?.byline ?? null };
}
