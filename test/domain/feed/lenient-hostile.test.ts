// Hostile documents that reach the lenient reader (the strict parser rejects them), each read by parseFeed in
// a worker thread under a deadline and the image's heap bound: the lenient path keeps the parse budget too.
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../../src/model.ts';
import { runWithinBudget } from '../../helpers/budget.ts';

const PARSE_FEED = new URL('../../../src/domain/feed/parse-feed.ts', import.meta.url);
/** Wide enough for a loaded 2-core machine; a path quadratic in these inputs takes minutes. */
const BUDGET_MS = 8_000;

describe('the lenient path on hostile input', () => {
  it.each([
    ['400 KB of unclosed nested elements', '<rss><channel><title>t</title>' + '<a>'.repeat(130_000), 0],
    ['100,000 stray close tags under 200 open elements', '<rss><channel><title>t</title>' + '<x>'.repeat(200) + '</b>'.repeat(100_000), 0],
    ['20,000 unclosed items with unclosed titles', '<rss><channel><title>t</title>' + '<item><title>x'.repeat(20_000), 20_000],
    ['400 KB of "<" in a title', '<rss><channel><item><title>' + '<'.repeat(400_000), 1],
    ['a 1 MB unclosed attribute value', '<rss><channel><item><title a="' + 'x'.repeat(1_000_000), 1],
    ['50,000 unclosed CDATA openers', '<rss><channel><item><title>' + '<![CDATA['.repeat(50_000), 1],
  ])('%s', async (_name, input, items) => {
    const feed = await runWithinBudget<ParsedFeed>(PARSE_FEED, 'parseFeed', [input], BUDGET_MS);
    expect(feed.items).toHaveLength(items);
    expect(feed.recovered).toMatch(/invalid XML/);
  });
});
