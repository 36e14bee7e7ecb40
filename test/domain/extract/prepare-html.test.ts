import { describe, expect, it } from 'vitest';
import { prepareHtml } from '../../../src/domain/extract/prepare-html.ts';

describe('prepareHtml', () => {
  it.each([
    ['a script', '<p>before</p><script>var x = "<p>hidden</p>";</script><p>after</p>', ['before', 'after'], ['hidden']],
    ['an end tag with a space before ">"', '<p>before</p><style >.hidden{}</style ><p>after</p>', ['before', 'after'], ['.hidden']],
    // Browsers end `</script` at the next '>', here the end of the comment that follows it.
    ['an end tag left open before a comment', '<script src="a.js"></script\n<!-- note --><p>kept text</p><script>track()</script>', ['kept text'], ['track()', 'note']],
    ['a comment', '<p>before</p><!-- <p>hidden</p> --><p>after</p>', ['before', 'after'], ['hidden']],
  ])('removes %s and keeps the text around it', (_name, html, kept, gone) => {
    const out = prepareHtml(`<html><body>${html}</body></html>`).html;
    for (const k of kept) expect(out).toContain(k);
    for (const g of gone) expect(out).not.toContain(g);
  });
});
