import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/domain/extract/dom.ts';
import { normalisePageShape } from '../../../src/domain/extract/page-shape.ts';

const body = (html: string) => (new DOMParser().parseFromString(normalisePageShape(html), 'text/html') as unknown as Doc).body?.textContent ?? '';

describe('normalisePageShape', () => {
  it.each([
    ['no <body> tag', '<html><head><title>T</title></head><div><p>Story text</p></div></html>'],
    ['a <link> between </head> and <body>', '<html><head></head><link rel="x"><body><p>Story text</p></body></html>'],
    ['a second <html> from conditional comments', '<html class="ie"><html><head></head><body><p>Story text</p></body></html>'],
    ['<body> inside <head>', '<head><title>T</title><body><p>Story text</p></body></head>'],
    ['head tags before <html>', '<title>T</title><meta name="a" content="b"><html><body><p>Story text</p></body></html>'],
    ['content after </body>', '<html><head></head><body><p>Story</p></body><div>text</div></html>'],
  ])('puts the content of a page with %s in its body', (_name, html) => {
    expect(body(html).replace(/\s+/g, '')).toBe('Storytext');
  });

  it('leaves a well-shaped page as it is', () => {
    const html = '<!DOCTYPE html><html lang="de"><head><title>T</title></head>\n<body class="x"><p>Story</p></body>\n</html>';
    expect(normalisePageShape(html)).toBe(html);
  });

  it('keeps the language of the first <html> and a <header> in the body', () => {
    const out = normalisePageShape('<html lang="fr"><html><head></head><header>H</header><p>x</p></html>');
    expect(out).toMatch(/^<html lang="fr"><head>/);
    expect(out).toContain('<body><header>H</header>');
  });
});
