import { describe, expect, it } from 'vitest';
import { htmlToLine, htmlToText } from '../../src/domain/html-text.ts';

describe('htmlToText', () => {
  it.each([
    ['<p>One.</p><p>Two &amp; three.</p>', 'One.\n\nTwo & three.'],
    ['Line<br>next', 'Line\n\nnext'],
    ['<script>alert(1)</script><p>Kept</p><style>p{}</style>', 'Kept'],
    ['a < b and <b>bold</b>', 'a < b and bold'],
    ['<!-- hidden --><li>item</li><li>other</li>', 'item\n\nother'],
    ['plain   text', 'plain text'],
    ['<p>unclosed <script>never closed', 'unclosed'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('htmlToLine joins paragraphs on one line', () => {
    expect(htmlToLine('<p>One.</p><p>Two.</p>')).toBe('One. Two.');
  });

  it('is linear on hostile input (many unclosed tags)', () => {
    const hostile = '<a'.repeat(200_000);
    expect(htmlToText(hostile).length).toBeGreaterThan(0);
  });
});
