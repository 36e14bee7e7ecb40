// A forgiving element tree of any XML-ish document, for feeds a strict parser rejects. htmlparser2's tokenizer
// (XML mode, one linear pass) reads whatever is there: names are lower-cased, elements left open at the end
// are closed (a truncated document keeps what it has), a close tag closes what it must, a stray one is ignored,
// an <item> opened inside an unclosed <item> starts the next one. Namespaces are resolved by URI to the
// prefixes feed readers use, so `<a:entry xmlns:a="…Atom">` and `<entry>` read alike.
import { Tokenizer } from 'htmlparser2';
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

/** Elements that never contain themselves: opening one while another is open closes the other (an unclosed item). */
const NOT_NESTED = new Set(['item', 'entry']);

interface Open {
  node: LenientNode;
  scope: Map<string, string>;
  name: string;
}

/**
 * Build the tree of `text` (already decoded); never throws on malformed input. htmlparser2's Tokenizer is used
 * without its Parser, whose open-element stack costs time proportional to the depth on every tag: here the
 * stack is capped at MAX_LENIENT_DEPTH, so each tag costs at most that many steps and the whole pass stays linear.
 */
export function buildLenientTree(text: string): LenientTree {
  const root: LenientNode = { ns: '', local: '#document', attrs: {}, children: [], base: null };
  const stack: Open[] = [{ node: root, scope: new Map([['xml', 'xml']]), name: '#document' }];
  // Names of elements opened beyond the depth cap and not closed yet (their content goes to the deepest kept one).
  const skipped: string[] = [];
  let problem: string | null = null;
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  // How many elements of each name are open: a close tag of a name that is not open costs no search.
  const openNames = new Map<string, number>();
  const count = (name: string, by: number): void => {
    openNames.set(name, (openNames.get(name) ?? 0) + by);
  };
  const top = (): Open => stack[stack.length - 1] as Open;
  /** Pop the open elements down to index `at` (exclusive); those above the one being closed had no close tag. */
  const popTo = (at: number, closing: boolean): void => {
    for (let i = stack.length - 1; i >= at; i--) {
      const open = stack[i] as Open;
      count(open.name, -1);
      if (!(closing && i === at)) {
        open.node.unclosed = true;
        problem ??= `<${open.name}> is not closed`;
      }
    }
    stack.length = at;
    skipped.length = 0;
  };
  const indexOfOpen = (name: string): number => {
    if (!openNames.get(name)) return -1;
    for (let i = stack.length - 1; i > 0; i--) if ((stack[i] as Open).name === name) return i;
    return -1;
  };
  /** Open the element just read; false when it is beyond the depth cap (and only counted). */
  const openElement = (): boolean => {
    if (stack.length > MAX_LENIENT_DEPTH) {
      skipped.push(tagName);
      return false;
    }
    const local = tagName.slice(tagName.indexOf(':') + 1);
    if (NOT_NESTED.has(local)) {
      const open = indexOfOpen(tagName);
      if (open !== -1) popTo(open, false);
    }
    const parent = top();
    const scope = scopeOf(parent.scope, attrs);
    const [ns, localName] = resolveName(tagName, scope);
    aliasRdfAttributes(attrs, scope);
    const base = attrs['xml:base'] !== undefined ? (resolveUrl(attrs['xml:base'], parent.node.base) ?? parent.node.base) : parent.node.base;
    const node: LenientNode = { ns, local: localName, attrs, children: [], base };
    parent.node.children.push(node);
    stack.push({ node, scope, name: tagName });
    count(tagName, 1);
    return true;
  };
  const closeElement = (name: string): void => {
    if (skipped.length > 0 && skipped[skipped.length - 1] === name) {
      skipped.pop();
      return;
    }
    const at = indexOfOpen(name);
    if (at === -1) problem ??= `</${name}> closes nothing`;
    else popTo(at, true);
  };
  const slice = (start: number, end: number): string => text.slice(start, end);
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        attrName = slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        attrs[attrName] ??= decodeHTML(attrValue);
      },
      onopentagend() {
        openElement();
      },
      onselfclosingtag() {
        if (!openElement()) skipped.pop();
        else count((stack.pop() as Open).name, -1);
      },
      onclosetag(start, end) {
        closeElement(slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        top().node.children.push(decodeHTML(slice(start, end)));
      },
      ontextentity() {},
      oncdata(start, end, offset) {
        top().node.children.push(slice(start, end - offset));
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(text);
  tokenizer.end();
  if (stack.length > 1) popTo(1, false);
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

/** An attribute in the RDF namespace under another prefix (`r:about`) is also kept as `rdf:…`, the name readers look for. */
function aliasRdfAttributes(attrs: Record<string, string>, scope: Map<string, string>): void {
  for (const [name, value] of Object.entries(attrs)) {
    const colon = name.indexOf(':');
    if (colon <= 0 || name.startsWith('rdf:') || name.startsWith('xmlns:')) continue;
    const [ns, local] = resolveName(name, scope);
    if (ns === 'rdf') attrs[`rdf:${local}`] ??= value;
  }
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
