// Plain text from a fragment of feed HTML (summaries and content), paragraphs kept.
import { parseHTML } from 'linkedom';

const BLOCK = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|section|article|tr|table|pre|figure|figcaption|hr)\b[^>]*>/gi;

/** The visible text of an HTML fragment, paragraphs separated by blank lines. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return normaliseSpace(html);
  const marked = html.replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, ' ').replace(BLOCK, '\n\n');
  const { document } = parseHTML(`<!doctype html><html><body><div id="x">${marked}</div></body></html>`);
  return normaliseSpace(document.getElementById('x')?.textContent ?? '');
}

function normaliseSpace(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
