import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type Doc, textLength, textOf } from '../../../src/domain/extract/dom.ts';

describe('textLength', () => {
  it.each([
    ['plain text', '<p>The ferry runs again.</p>'],
    ['runs of whitespace across elements', '<div>\n  <p>  The ferry </p>\n\n<p>runs\tagain. </p>  </div>'],
    ['no-break spaces and nested inline tags', '<p>12&nbsp;km <b>of <i>new</i></b> road</p>'],
    ['only whitespace', '<div>  \n  </div>'],
    ['an empty element', '<div></div>'],
  ])('equals the length of textOf for %s', (_name, html) => {
    const doc = new DOMParser().parseFromString(`<html><body>${html}</body></html>`, 'text/html') as unknown as Doc;
    const el = doc.body?.firstChild ?? null;
    expect(textLength(el)).toBe(textOf(el).length);
  });
});
