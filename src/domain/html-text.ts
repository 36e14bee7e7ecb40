// Plain text from a fragment of HTML (feed summaries and content), in one linear pass: lazy regexes
// over untrusted HTML take quadratic time, so tags are skipped with indexOf and a sticky regex.
import { decodeHTML } from 'entities';

const BLOCK = /^<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|pre|figure|figcaption|hr)\b/i;
const TAG = /<\/?[A-Za-z][^<>]*>/y;

function stripTags(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (let lt = html.indexOf('<'); lt !== -1; lt = html.indexOf('<', pos)) {
    out += html.slice(pos, lt);
    const raw = lower.startsWith('<script', lt) ? '</script' : lower.startsWith('<style', lt) ? '</style' : null;
    let sep = ' ';
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      pos = end === -1 ? html.length : end + 3;
    } else if (raw) {
      const close = lower.indexOf(raw, lt + 1);
      const end = close === -1 ? -1 : html.indexOf('>', close);
      pos = end === -1 ? html.length : end + 1;
    } else {
      TAG.lastIndex = lt;
      const m = TAG.exec(html);
      if (!m) {
        out += '<';
        pos = lt + 1;
        continue;
      }
      if (BLOCK.test(m[0])) sep = '\n\n';
      pos = lt + m[0].length;
    }
    out += sep;
  }
  return out + html.slice(pos);
}

/** The visible text of an HTML fragment, paragraphs separated by blank lines. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return decodeHTML(stripTags(html))
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The visible text of an HTML fragment on one line (titles, summaries). */
export function htmlToLine(html: string | null | undefined): string {
  return htmlToText(html).replace(/\s+/g, ' ');
}
