import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/domain/extract/dom.ts';
import { findSemanticContainer, prefersSemantic, readSemanticMarks } from '../../../src/domain/extract/main-content.ts';

const prose = (words: string) => `<p>${words} ${'and the text of the story goes on for a while so that it reads as prose. '.repeat(3)}</p>`;

function parse(body: string): Doc {
  return new DOMParser().parseFromString(`<html><body>${body}</body></html>`, 'text/html') as unknown as Doc;
}

describe('findSemanticContainer', () => {
  it.each([
    ['the article with the most prose', `<article id="short">${prose('a')}</article><article id="long">${prose('b')}${prose('c')}</article>`, 'long'],
    ['not a log-in box marked up as an article', `<article id="logindialog-registration" class="registration-modal">${prose('a')}${prose('b')}${prose('c')}</article><article id="story">${prose('d')}</article>`, 'story'],
    ['not an article inside a dialog', `<div role="dialog"><article id="signup">${prose('a')}${prose('b')}</article></div><article id="story">${prose('c')}</article>`, 'story'],
    ['not the comments, however long', `<article id="recipe">${prose('a')}</article><article id="recipe-comments" class="recipe-comments">${prose('b')}${prose('c')}${prose('d')}</article>`, 'recipe'],
    ['not a teaser', `<article class="post_teaser" id="teaser">${prose('a')}${prose('b')}</article><div class="entry-content" id="body">${prose('c')}</div>`, 'body'],
    ['an element with the id articleBody', `<h2 class="excerpt"><div id="articleBody">${prose('a')}</div></h2>`, 'articleBody'],
    ['not a slider of teaser cards whose summaries are links', `<article class="author-materials" id="slider">${['a', 'b', 'c', 'd'].map((w) => `<div class="material"><a href="/${w}"><div class="text"><p class="intro">${prose(w).replace(/<\/?p>/g, '')}</p></div></a></div>`).join('')}</article><div class="entry-content" id="body">${prose('e')}${prose('f')}</div>`, 'body'],
    ['a page-wide wrapper whose class merely mentions a dialog', `<div class="dialog-off-canvas-main-canvas"><article id="story">${prose('a')}</article></div>`, 'story'],
  ])('picks %s', (_name, body, id) => {
    expect(findSemanticContainer(parse(body))?.el.id).toBe(id);
  });

  it('finds none on a page with only a log-in box', () => {
    expect(findSemanticContainer(parse(`<article class="login-modal">${prose('a')}</article>`))).toBeNull();
  });
});

describe('prefersSemantic', () => {
  const clubs = Array.from({ length: 4 }, (_, i) => `<p>Club ${i}: walks, talks and outings for all ages, with tea afterwards. Contact the secretary by telephone, evenings only, or leave a note at the library desk.</p>`).join('');

  it('takes the article container when Readability chose another block holding none of its text', () => {
    const doc = parse(`<article id="story">${prose('The county agreed on Tuesday to pay for the cycle lane')}${prose('b')}</article><div id="clubs">${clubs}</div>`);
    const semantic = findSemanticContainer(doc);
    if (!semantic) throw new Error('no semantic container');
    const marks = readSemanticMarks(semantic);
    const chosen = doc.querySelector('#clubs');
    expect(prefersSemantic(chosen, semantic, marks)).toBe(true);
  });

  it("keeps Readability's choice when it holds the article's text", () => {
    const doc = parse(`<div id="wrap"><article id="story">${prose('The county agreed on Tuesday to pay for the cycle lane')}${prose('b')}</article><div id="clubs">${clubs}</div></div>`);
    const semantic = findSemanticContainer(doc);
    if (!semantic) throw new Error('no semantic container');
    expect(prefersSemantic(doc.querySelector('#wrap'), semantic, readSemanticMarks(semantic))).toBe(false);
  });
});
