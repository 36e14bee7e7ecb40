// A forgiving element tree of any XML-ish document, for feeds a strict parser rejects. htmlparser2's tokenizer
// (XML mode, one linear pass) reads whatever is there: names are lower-cased, elements left open at the end
// are closed (a truncated document keeps what it has), a close tag closes what it must. Namespaces are
// resolved by URI to the prefixes feed readers use, so `<a:entry xmlns:a="…Atom">` and `<entry>` read alike.
import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { resolveUrl } from '../url.ts';

/** One element: canonical namespace (`atom`, `rss`, `dc`, … or the prefix as written), local name, children. */
export interface LenientNode {
  ns: string;
  local: string;
  /** Attribute names lower-cased, values with references decoded. */
  attrs: Record<string, string>;
  children: (LenientNode | string)[];
  /** xml:base in scope, resolved against the enclosing ones (null when none is set). */
  base: string | null;
  /** Set when the element had no close tag: what follows it up to an enclosing close tag became its content. */
  unclosed?: true;
}

/** The tree and the first sign that the document was not well-formed (null when none was seen). */
export interface LenientTree {
  root: LenientNode;
  problem: string | null;
}

/** Namespace URIs (lower-cased, without a trailing slash or '#') and the name feed readers know them by. */
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns': 'atom',
  'http://purl.org/rss/1.0': 'rss',
  'http://my.netscape.com/rdf/simple/0.9': 'rss',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/elements/1.0': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
};

/** Deepest nesting kept; deeper elements are read as part of their ancestor at this depth. */
export const MAX_LENIENT_DEPTH = 256;

interface Open {
  node: LenientNode;
  scope: Map<string, string>;
  name: string;
  selfClosing: boolean;
}

/** Build the tree of `text` (already decoded); never throws on malformed input. */
export function buildLenientTree(text: string): LenientTree {
  const root: LenientNode = { ns: '', local: '#document', attrs: {}, children: [], base: null };
  const stack: Open[] = [{ node: root, scope: new Map([['xml', 'xml']]), name: '#document', selfClosing: false }];
  let skipped = 0;
  let inCdata = false;
  let problem: string | null = null;
  const top = (): Open => stack[stack.length - 1] as Open;
  const parser: Parser = new Parser(
    {
      onopentag(name, rawAttrs) {
        if (stack.length > MAX_LENIENT_DEPTH) {
          skipped++;
          return;
        }
        const parent = top();
        const scope = scopeOf(parent.scope, rawAttrs);
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeHTML(v);
        const [ns, local] = resolveName(name, scope);
        const base = attrs['xml:base'] !== undefined ? (resolveUrl(attrs['xml:base'], parent.node.base) ?? parent.node.base) : parent.node.base;
        const node: LenientNode = { ns, local, attrs, children: [], base };
        parent.node.children.push(node);
        stack.push({ node, scope, name, selfClosing: text[parser.endIndex - 1] === '/' });
      },
      onclosetag(name, isImplied) {
        if (skipped > 0) {
          skipped--;
          return;
        }
        const open = stack.pop();
        if (isImplied && open && !open.selfClosing) {
          open.node.unclosed = true;
          problem ??= `<${open.name}> is not closed`;
        }
      },
      ontext(data) {
        const parent = top().node;
        parent.children.push(inCdata ? data : decodeHTML(data));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, recognizeSelfClosing: true, decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(text);
  parser.end();
  return { root, problem };
}

function scopeOf(parent: Map<string, string>, attrs: Record<string, string>): Map<string, string> {
  let scope = parent;
  for (const [k, v] of Object.entries(attrs)) {
    if (k !== 'xmlns' && !k.startsWith('xmlns:')) continue;
    if (scope === parent) scope = new Map(parent);
    scope.set(k === 'xmlns' ? '' : k.slice(6), v);
  }
  return scope;
}

/** [canonical namespace, local name]: a known URI gives its usual name; an unknown default namespace none. */
function resolveName(name: string, scope: Map<string, string>): [string, string] {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const local = colon === -1 ? name : name.slice(colon + 1);
  const uri = scope.get(prefix);
  if (uri === undefined) return [prefix, local];
  const known = NAMESPACES[uri.trim().toLowerCase().replace(/[/#]$/, '')];
  return [known ?? prefix, local];
}

/** The element children of a node. */
export function elementsOf(node: LenientNode): LenientNode[] {
  return node.children.filter((c): c is LenientNode => typeof c !== 'string');
}

/** All text inside a node, in document order (markup dropped); iterative, so depth cannot overflow the stack. */
export function textContent(node: LenientNode): string {
  const parts: string[] = [];
  const stack: (LenientNode | string)[] = [node];
  while (stack.length) {
    const n = stack.pop() as LenientNode | string;
    if (typeof n === 'string') parts.push(n);
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as LenientNode | string);
  }
  return parts.join('');
}

/** The inner markup of a node, re-serialised (XHTML content, HTML written as naked elements). */
export function innerMarkup(node: LenientNode): string {
  const out: string[] = [];
  const stack: (LenientNode | string | { close: string })[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop() as LenientNode | string | { close: string };
    if (typeof n === 'string') out.push(escapeText(n));
    else if ('close' in n) out.push(n.close);
    else {
      const attrs = Object.entries(n.attrs)
        .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
        .map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`)
        .join('');
      out.push(`<${n.local}${attrs}>`);
      stack.push({ close: `</${n.local}>` });
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as LenientNode | string);
    }
  }
  return out.join('');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
