import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type Doc, textOf } from '../../../src/domain/extract/dom.ts';
import { pruneBoilerplate } from '../../../src/domain/extract/boilerplate.ts';

const story = '<p>Ingrid Solberg first climbed the one hundred and twelve steps of the lighthouse in the spring of 1985, when the lamp was still wound by hand.</p>';

function prune(html: string): string {
  const doc = new DOMParser().parseFromString(`<html><body><div id="content">${html}</div></body></html>`, 'text/html') as unknown as Doc;
  const content = doc.querySelector('#content');
  if (!content) throw new Error('no content');
  pruneBoilerplate(content);
  return textOf(content);
}

describe('pruneBoilerplate trailing headings', () => {
  it.each([
    ['drops a heading left last', `${story}<h3>Related stories</h3>`, 'Ingrid Solberg', 'Related stories'],
    // An <h2> opened for the standfirst and never closed wraps the whole article body.
    ['keeps a heading that wraps the body', `<h2 class="excerpt">After four decades the last keeper hands over the keys.<div id="articleBody">${story.repeat(3)}</div></h2>`, 'Ingrid Solberg', null],
  ])('%s', (_name, html, kept, gone) => {
    const text = prune(html);
    expect(text).toContain(kept);
    if (gone) expect(text).not.toContain(gone);
  });
});
