// DOM subtree to plain text: paragraphs separated by a blank line, list items and table rows as lines.
import type { El } from './dom.ts';

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'pre', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'hr', 'center',
  'details', 'summary', 'nav', 'caption', 'tbody', 'thead', 'tfoot',
]);
const LINE_TAGS = new Set(['li', 'tr', 'dt', 'dd', 'br', 'option']);
const CELL_TAGS = new Set(['td', 'th']);
// Ruby annotations (<rt>, <rp>: furigana over Japanese text) are read aloud, not part of the sentence.
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'button', 'select', 'textarea', 'input', 'rt', 'rp']);

const PARA = '\u0001';
const LINE = '\u0002';

/** Text of a subtree with block structure kept: "\n\n" between paragraphs, "\n" between lines. */
export function renderText(root: El): string {
  const out: string[] = [];
  // Iterative walk: pages can nest deeply and recursion would risk the stack.
  let node: El | null = root.firstChild;
  while (node) {
    const tag = node.nodeType === 1 ? node.localName : '';
    if (node.nodeType === 3) out.push(node.textContent ?? '');
    else if (tag && !SKIP_TAGS.has(tag)) {
      if (BLOCK_TAGS.has(tag)) out.push(PARA);
      else if (LINE_TAGS.has(tag)) out.push(LINE);
      else if (CELL_TAGS.has(tag)) out.push(' ');
      if (node.firstChild) {
        node = node.firstChild;
        continue;
      }
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === 1) {
        if (BLOCK_TAGS.has(node.localName)) out.push(PARA);
        else if (LINE_TAGS.has(node.localName) && node.localName !== 'br') out.push(LINE);
      }
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return tidyText(out.join(''));
}

/** Collapse whitespace inside lines and the break markers between them. */
function tidyText(raw: string): string {
  const paras = raw.split(PARA);
  const result: string[] = [];
  for (const p of paras) {
    const lines = p
      .split(LINE)
      .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
      .filter((l) => l !== '');
    if (lines.length) result.push(lines.join('\n'));
  }
  return result.join('\n\n');
}
