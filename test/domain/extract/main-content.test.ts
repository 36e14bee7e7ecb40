import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/domain/extract/dom.ts';
import { findSemanticContainer } from '../../../src/domain/extract/main-content.ts';

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
    ['a page-wide wrapper whose class merely mentions a dialog', `<div class="dialog-off-canvas-main-canvas"><article id="story">${prose('a')}</article></div>`, 'story'],
  ])('picks %s', (_name, body, id) => {
    expect(findSemanticContainer(parse(body))?.el.id).toBe(id);
  });

  it('finds none on a page with only a log-in box', () => {
    expect(findSemanticContainer(parse(`<article class="login-modal">${prose('a')}</article>`))).toBeNull();
  });
});
