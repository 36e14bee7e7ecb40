import { describe, expect, it } from 'vitest';
import { dropBlockWhitespace, prepareHtml } from '../../../src/domain/extract/prepare-html.ts';
import { maxNestingDepth } from '../../../src/domain/extract/nesting.ts';

describe('prepareHtml', () => {
  it.each([
    ['a script', '<p>before</p><script>var x = "<p>hidden</p>";</script><p>after</p>', ['before', 'after'], ['hidden']],
    ['an end tag with a space before ">"', '<p>before</p><style >.hidden{}</style ><p>after</p>', ['before', 'after'], ['.hidden']],
    // Browsers end `</script` at the next '>', here the end of the comment that follows it.
    ['an end tag left open before a comment', '<script src="a.js"></script\n<!-- note --><p>kept text</p><script>track()</script>', ['kept text'], ['track()', 'note']],
    ['a comment', '<p>before</p><!-- <p>hidden</p> --><p>after</p>', ['before', 'after'], ['hidden']],
    ['upper-case tags', '<p>before</p><SCRIPT>x = 1</Script ><p>after</p>', ['before', 'after'], ['x = 1']],
    // Browsers read the rest of the page as the script's text, or as the comment.
    ['a script never closed', '<p>before</p><script>var a = "<p>hidden</p>"; <p>more', ['before'], ['hidden', 'more']],
    ['a comment never closed', '<p>before</p><!-- <p>hidden</p>', ['before'], ['hidden']],
  ])('removes %s and keeps the text around it', (_name, html, kept, gone) => {
    const out = prepareHtml(`<html><body>${html}</body></html>`).html;
    for (const k of kept) expect(out).toContain(k);
    for (const g of gone) expect(out).not.toContain(g);
  });
});

describe('prepareHtml JSON-LD', () => {
  it.each([
    ['a JSON-LD block', '<script type="application/ld+json">{"a":1}</script>', ['{"a":1}']],
    ['an unquoted type beside other attributes', '<script id="ld" type=application/ld+json >{"b":2}</script>', ['{"b":2}']],
    ['a plain script', '<script>{"c":3}</script>', []],
    ['JSON-LD in a comment', '<!-- <script type="application/ld+json">{"d":4}</script> -->', []],
  ])('keeps %s', (_name, html, blocks) => {
    expect(prepareHtml(`<html><head>${html}</head><body><p>x</p></body></html>`).jsonLd).toEqual(blocks);
  });
});

describe('maxNestingDepth', () => {
  it.each([
    ['nested blocks', '<div><div><span>x</span></div></div>', 3],
    ['void and optional-end tags', '<div><p>a<p>b<br><img src="a.png"><li>c</div>', 1],
    ['a self-closed tag', '<div><div/></div>', 1],
    ['a "<" inside an attribute value', '<div><img alt="<b>"><span>x</span></div>', 2],
    ['an end tag run into a comment', '<div><ul><li>a</li--></ul></div>', 2],
    ['an end tag with a space before ">"', '<div\n>x</div ><div>y</div>', 1],
    ['unbalanced end tags', '</div></div><div>x</div>', 1],
  ])('%s', (_name, html, depth) => {
    expect(maxNestingDepth(html)).toBe(depth);
  });
});

describe('dropBlockWhitespace', () => {
  it.each([
    ['indentation between blocks', '<div>\n  <p>a</p>\n  <p>b</p>\n</div>', '<div><p>a</p><p>b</p></div>'],
    ['a line break after <br>', 'one<br>\n  <b>two</b>', 'one<br><b>two</b>'],
    ['whitespace between inline elements stays', '<p><b>big</b> <i>news</i></p>', '<p><b>big</b> <i>news</i></p>'],
    ['whitespace inside text stays', '<p>one \n two</p>', '<p>one \n two</p>'],
    ['a <pre> is not a <p>', '<span>a</span> <pre>b</pre>', '<span>a</span> <pre>b</pre>'],
  ])('%s', (_name, html, out) => {
    expect(dropBlockWhitespace(html)).toBe(out);
  });
});
