// Links collected from one page are a setting (FEEDFOLD_PAGE_MAX_LINKS): at the limit all are kept, past it the
// first ones in document order, and a page of 40,000 links is not searched to its end.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createInProcessReader, readLimitsFrom } from '../../../src/sandbox/reader.ts';

const reader = createInProcessReader(readLimitsFrom(loadConfig({ FEEDFOLD_PAGE_MAX_LINKS: '3' })));
const words = 'the council voted on the new budget after a long debate about schools roads and the harbour'.split(' ');
const page = (links: number) =>
  Buffer.from(`<!doctype html><html><head><title>Budget</title></head><body><article><h1>Budget</h1>${Array.from(
    { length: Math.max(links, 4) },
    (_, i) => `<p>${words.join(' ')} ${words.join(' ')}${i < links ? ` as <a href="https://source${i}.example/story">source ${i}</a> reported` : ''}.</p>`,
  ).join('')}</article></body></html>`);

describe('links collected from a page', () => {
  it.each([
    ['at the limit', 3, 3],
    ['one past it', 4, 3],
  ])('%s: %i links in the article give %i, the first ones', async (_name, links, kept) => {
    const article = await reader.readPage(page(links), 'text/html', 'https://city.example/budget');
    expect(article.links).toEqual(Array.from({ length: kept }, (_, i) => `https://source${i}.example/story`));
  });

  it('defaults to FEEDFOLD_PAGE_MAX_LINKS=500', () => {
    expect(loadConfig({}).pageMaxLinks).toBe(500);
  });
});
