// Text elements that hold markup (Atom type="xhtml", or HTML written as naked elements in Atom or RSS) taken
// from the source text. xml2js, under rss-parser, keeps text and child elements apart, so a sentence such as
// `Example <a href="x">test</a> more` would come back with its words out of order.
// Tags are found with one global regex and paired in a single pass: no lazy `[\s\S]*?` over untrusted text.
import { hasElementOutsideVerbatim } from './xml-scan.ts';

/** Raw inner markup of an entry's (or the feed's) text elements, by element name, when they hold elements. */
export type RawConstructs = Partial<Record<string, string>>;

const ATOM_NAMES = ['title', 'subtitle', 'summary', 'content'];
const RSS_NAMES = ['title', 'description'];

interface Tag {
  close: boolean;
  prefix: string;
  name: string;
  attrs: string;
  start: number;
  end: number;
}

/** Raw constructs of the feed (outside entries/items) and of each entry or item, in document order. */
export function extractRawConstructs(xml: string, format: 'atom' | 'rss' | 'rdf'): { feed: RawConstructs; entries: RawConstructs[] } {
  const [entryName, names] = format === 'atom' ? ['entry', ATOM_NAMES] : ['item', RSS_NAMES];
  const wanted = new Set([entryName, 'source', ...names]);
  const tags = scanTags(xml, wanted);
  const feed: RawConstructs = {};
  const entries: RawConstructs[] = [];
  let current: RawConstructs = feed;
  // Atom prefixes are removed before parsing (unprefixAtomElements), so the feed's own elements have none.
  let scopePrefix = '';
  let open: Tag | null = null;
  let inSource = false;
  for (const tag of tags) {
    if (tag.name === entryName) {
      if (!tag.close) entries.push((current = {}));
      else current = feed;
      scopePrefix = tag.close ? '' : tag.prefix;
      open = null;
    } else if (tag.name === 'source') {
      // A <source> element describes another feed; its title is not this entry's.
      inSource = !tag.close;
    } else if (!inSource && tag.prefix === scopePrefix) {
      if (!tag.close && open === null) open = tag;
      else if (tag.close && open && open.name === tag.name && open.prefix === tag.prefix) {
        record(current, open, xml.slice(open.end, tag.start));
        open = null;
      }
    }
  }
  return { feed, entries };
}

function scanTags(xml: string, wanted: Set<string>): Tag[] {
  const tags: Tag[] = [];
  // The attributes cannot start with a name character, so the name never gives characters back to them: a
  // prefix and name as two overlapping quantifiers took quadratic time on a long run of word characters.
  const re = /<(\/?)([\w.:-]+)([^<>\w.:-][^<>]*)?>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const qname = m[2] ?? '';
    const colon = qname.indexOf(':');
    const [prefix, rest] = colon === -1 ? ['', qname] : [qname.slice(0, colon + 1), qname.slice(colon + 1)];
    const second = rest.indexOf(':');
    const name = second === -1 ? rest : rest.slice(0, second);
    const attrs = (second === -1 ? '' : rest.slice(second)) + (m[3] ?? '');
    if (!name || !wanted.has(name) || attrs.endsWith('/')) continue;
    tags.push({ close: m[1] === '/', prefix, name, attrs, start: m.index, end: m.index + m[0].length });
  }
  return tags;
}

function record(target: RawConstructs, open: Tag, inner: string): void {
  if (target[open.name] !== undefined || !hasElementOutsideVerbatim(inner)) return;
  // Extension elements such as <media:title> carry another prefix than the entry's and never get here.
  target[open.name] = /\b(type|mode)\s*=\s*["'](xhtml|xml)["']/i.test(open.attrs) ? unwrapDiv(inner) : inner.trim();
}

/** Atom wraps XHTML content in one <div>; the content is what is inside it. */
function unwrapDiv(inner: string): string {
  const trimmed = inner.trim();
  const open = /^<([\w.-]+:)?div\b[^>]*>/.exec(trimmed);
  if (!open) return trimmed;
  const closeTag = `</${open[1] ?? ''}div>`;
  return trimmed.endsWith(closeTag) ? trimmed.slice(open[0].length, trimmed.length - closeTag.length).trim() : trimmed;
}
