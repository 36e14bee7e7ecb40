// The article's standfirst: the lead paragraph that templates print beside the headline, outside the body that
// Readability keeps. Found as the element that prints the page's own meta description.
import { type Doc, type El, forEachTextNode } from './dom.ts';
import { renderText } from './to-text.ts';

/** Characters of the description (whitespace removed) looked for on the page: enough to be unambiguous. */
const PROBE_CHARS = 40;

/** A standfirst longer than this many times the description is a container that holds more than the lead. */
const MAX_LEAD_RATIO = 2;

/** Longest standfirst, and longest description looked for: a page whose description is its whole text has no lead. */
const MAX_LEAD_CHARS = 1000;

/** Elements a lead sits in; the nearest one around the description's text is the lead. */
const LEAD_TAGS = new Set(['p', 'div', 'section', 'header', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'td', 'span', 'strong', 'em']);

/** Where a printed description is not the article's lead: links (a teaser), navigation, forms, overlays, hidden blocks. */
const NOT_LEAD = 'a, nav, aside, footer, form, button, dialog, [role="dialog"], [aria-hidden="true"], [hidden]';

/** The text of the element printing the meta description, or null when the page does not print it. */
export function findLead(doc: Doc, description: string | null): string | null {
  const want = (description ?? '').replace(/\s+/g, '').replace(/(\.\.\.|…)$/, '');
  if (want.length < PROBE_CHARS || want.length > MAX_LEAD_CHARS || !doc.body) return null;
  const start = findTextNode(doc.body, want.slice(0, PROBE_CHARS));
  for (let el = start?.parentNode ?? null; el && el !== doc.body; el = el.parentNode) {
    if (!LEAD_TAGS.has(el.localName)) continue;
    const squeezed = (el.textContent ?? '').replace(/\s+/g, '');
    // A lead is one paragraph: a block of several is the article, or a teaser list, around the printed summary.
    if (squeezed.length > want.length * MAX_LEAD_RATIO || squeezed.length > MAX_LEAD_CHARS || hasParagraphs(el)) return null;
    if (squeezed.length < want.length / 3 || !squeezed.includes(want.slice(0, PROBE_CHARS))) continue;
    return el.closest(NOT_LEAD) ? null : renderText(el).replace(/\s+/g, ' ').trim() || null;
  }
  return null;
}

/** True when el holds more than one paragraph. */
function hasParagraphs(el: El): boolean {
  return el.getElementsByTagName('p').length > 1;
}

/** The text node where probe (text without whitespace) begins, read across inline markup, or null. */
function findTextNode(root: El, probe: string): El | null {
  const nodes: El[] = [];
  const ends: number[] = [];
  let all = '';
  forEachTextNode(root, (node) => {
    all += (node.textContent ?? '').replace(/\s+/g, '');
    nodes.push(node);
    ends.push(all.length);
  });
  const at = all.indexOf(probe);
  if (at === -1) return null;
  const i = ends.findIndex((end) => end > at);
  return nodes[i] ?? null;
}

/** text with the lead before it, unless the text already holds the lead or the description. */
export function withLead(text: string, lead: string | null, description: string | null): string {
  if (!lead) return text;
  const squeezed = text.replace(/\s+/g, '');
  const probes = [lead, description ?? ''].map((s) => s.replace(/\s+/g, '').slice(0, PROBE_CHARS));
  if (probes.some((p) => p.length === PROBE_CHARS && squeezed.includes(p))) return text;
  return text ? `${lead}\n\n${text}` : lead;
}
