// Atom text constructs that hold markup (type="xhtml", or HTML written as naked elements) taken from the
// source text. xml2js, under rss-parser, keeps text and child elements apart, so a sentence such as
// `Example <a href="x">test</a> more` would come back with its words out of order.

/** Raw inner markup of an entry's (or the feed's) title, summary and content, when they hold elements. */
export interface RawConstructs {
  title?: string;
  subtitle?: string;
  summary?: string;
  content?: string;
}

const ENTRY = /<((?:[\w.-]+:)?)entry\b[^>]*>([\s\S]*?)<\/\1entry\s*>/g;
const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;

/** Raw constructs of the feed (outside entries) and of each entry, in document order. */
export function extractAtomRawConstructs(xml: string): { feed: RawConstructs; entries: RawConstructs[] } {
  const entries: RawConstructs[] = [];
  const outside = xml.replace(ENTRY, (_m, prefix: string, body: string) => {
    entries.push(readConstructs(body, prefix));
    return '';
  });
  const rootPrefix = /<((?:[\w.-]+:)?)feed\b/.exec(outside)?.[1] ?? '';
  return { feed: readConstructs(outside, rootPrefix), entries };
}

function readConstructs(chunk: string, prefix: string): RawConstructs {
  // Only Atom's own elements, written with the entry's prefix: <media:title> is not the title.
  const p = prefix.replace(/[.-]/g, '\\$&');
  const construct = new RegExp(`<(${p})(title|subtitle|summary|content)(?=[\\s>/])([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/\\1\\2\\s*>)`, 'g');
  const found: RawConstructs = {};
  // A <source> element describes another feed; its title is not this entry's.
  const own = chunk.replace(/<((?:[\w.-]+:)?)source\b[\s\S]*?<\/\1source\s*>/g, '');
  for (const m of own.matchAll(construct)) {
    const name = m[2] as keyof RawConstructs;
    const inner = m[4];
    if (found[name] !== undefined || inner === undefined) continue;
    if (!hasElements(inner)) continue;
    const attrs = m[3] ?? '';
    found[name] = /\b(type|mode)\s*=\s*["'](xhtml|xml)["']/i.test(attrs) ? unwrapDiv(inner) : inner.trim();
  }
  return found;
}

function hasElements(inner: string): boolean {
  return /<[A-Za-z]/.test(inner.replace(CDATA, ''));
}

/** Atom wraps XHTML content in one <div>; the content is what is inside it. */
function unwrapDiv(inner: string): string {
  const m = /^\s*<((?:[\w.-]+:)?)div\b[^>]*>([\s\S]*)<\/\1div>\s*$/.exec(inner);
  return (m?.[2] ?? inner).trim();
}
