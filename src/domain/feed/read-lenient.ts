// RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF read from a forgiving tree (lenient-tree.ts): for documents the strict
// path rejects or reads as empty. Whatever elements are there are used: a channel without items, items
// without a channel, an unclosed document, upper-case names, elements bound to any prefix.
import type { FeedFormat, ParsedFeed, ParsedItem } from '../../model.ts';
import { resolveUrl } from '../url.ts';
import { buildLenientTree, elementsOf, innerMarkup, textContent, type LenientNode } from './lenient-tree.ts';
import { decodeBase64Text, isBinaryType } from './base64-text.ts';
import { resolveRelativeId } from './read-atom.ts';
import { ttlMinutesOf } from './read-rss.ts';

/** A feed read by the lenient reader, and why the document was not well-formed (null when it was). */
export interface LenientFeed {
  feed: ParsedFeed;
  problem: string | null;
}

type Spaces = readonly string[];
/** Namespaces whose elements a format's reader takes as its own ('' is no namespace). */
const OWN: Record<'atom' | 'rss', Spaces> = { atom: ['', 'atom'], rss: ['', 'rss'] };

/** Read a feed from any XML-ish text; null when no rss, RDF, feed or channel element is found. */
export function readLenientFeed(text: string): LenientFeed | null {
  const { root, problem } = buildLenientTree(text);
  const top = findFeedRoot(root) ?? entryDocument(root);
  if (!top) return null;
  const format: Exclude<FeedFormat, 'json'> = top.local === 'feed' ? 'atom' : top.local === 'rdf' ? 'rdf' : 'rss';
  const own = format === 'atom' ? OWN.atom : OWN.rss;
  const channel = format === 'atom' || top.local === 'channel' ? top : (findFirst(top, (n) => is(n, own, 'channel')) ?? top);
  const entryName = format === 'atom' ? 'entry' : 'item';
  const items = findAll(top, (n) => is(n, own, entryName));
  const feed: ParsedFeed = {
    format,
    title: fieldText(child(channel, own, 'title') ?? child(channel, ['dc'], 'title') ?? child(top, own, 'title')),
    link: format === 'atom' ? atomLink(channel) : rssLink(channel, own),
    language: plain(child(channel, own, 'language') ?? child(channel, ['dc'], 'language')) ?? (channel.attrs['xml:lang']?.trim() || null),
    ttlMinutes: readTtl(channel, own),
    items: items.map((item) => (format === 'atom' ? readEntry(item) : readItem(item, own, format === 'rdf'))),
  };
  return { feed, problem };
}

/** The first rss, rdf:RDF, feed or channel element in document order (a feed may be wrapped in other markup). */
function findFeedRoot(root: LenientNode): LenientNode | null {
  return findFirst(root, (n) => (n.local === 'rss' || n.local === 'feed' || n.local === 'channel' || (n.local === 'rdf' && n.ns === 'rdf')) && n.ns !== 'xhtml');
}

/** A standalone Atom entry document (RFC 4287 §4.1.2) reads as a feed of that one entry. */
function entryDocument(root: LenientNode): LenientNode | null {
  const entry = elementsOf(root).find((n) => n.local === 'entry' && OWN.atom.includes(n.ns));
  return entry ? { ns: 'atom', local: 'feed', attrs: {}, children: [entry], base: null } : null;
}

function is(n: LenientNode, spaces: Spaces, local: string): boolean {
  return n.local === local && spaces.includes(n.ns);
}

function child(node: LenientNode, spaces: Spaces, local: string): LenientNode | null {
  for (const c of node.children) if (typeof c !== 'string' && is(c, spaces, local)) return c;
  return null;
}

function children(node: LenientNode, spaces: Spaces, local: string): LenientNode[] {
  const out: LenientNode[] = [];
  for (const c of node.children) if (typeof c !== 'string' && is(c, spaces, local)) out.push(c);
  return out;
}

/** Matching elements in document order (iterative depth-first), not looking inside a match. */
function findAll(root: LenientNode, match: (n: LenientNode) => boolean, limit = Infinity): LenientNode[] {
  const out: LenientNode[] = [];
  const stack: LenientNode[] = elementsOf(root).reverse();
  while (stack.length && out.length < limit) {
    const n = stack.pop() as LenientNode;
    if (match(n)) out.push(n);
    else for (const c of elementsOf(n).reverse()) stack.push(c);
  }
  return out;
}

function findFirst(root: LenientNode, match: (n: LenientNode) => boolean): LenientNode | null {
  return findAll(root, match, 1)[0] ?? null;
}

/** Trimmed text of an element without markup; null when absent or empty. */
function plain(node: LenientNode | null): string | null {
  const t = node ? textContent(node).trim() : '';
  return t === '' ? null : t;
}

/** A text construct: base64 decoded, markup children kept as markup (Atom xhtml: inside its div), else text. */
function fieldText(node: LenientNode | null): string | null {
  if (!node) return null;
  const type = node.attrs.type ?? null;
  if (node.attrs.mode === 'base64' || isBinaryType(type)) {
    const raw = textContent(node);
    return decodeBase64Text(raw) ?? (raw.trim() || null);
  }
  const elements = elementsOf(node);
  if (elements.length === 0) return plain(node);
  const only = elements.length === 1 && elements[0]?.local === 'div' && node.children.every((c) => typeof c !== 'string' || c.trim() === '');
  const markup = (only && type === 'xhtml' ? innerMarkup(elements[0] as LenientNode) : innerMarkup(node)).trim();
  return markup === '' ? null : markup;
}

function withBase(link: string | null, node: LenientNode): string | null {
  if (!link) return null;
  return resolveUrl(link, node.base) ?? link;
}

/** RSS: a text <link>, else a CDF href, else an alternate link given by href (atom:link). */
function rssLink(node: LenientNode, own: Spaces): string | null {
  for (const l of children(node, own, 'link')) {
    const t = plain(l);
    if (t) return withBase(t, l);
  }
  if (node.attrs.href) return withBase(node.attrs.href.trim(), node);
  return atomLink(node);
}

/** Atom: rel="alternate" (or none) preferring an HTML type, else the first link with an href that is not self. */
function atomLink(node: LenientNode): string | null {
  const links = [...children(node, OWN.atom, 'link'), ...children(node, ['atom'], 'link')].filter((l) => l.attrs.href?.trim());
  const alternates = links.filter((l) => (l.attrs.rel ?? 'alternate').trim().toLowerCase() === 'alternate');
  const html = alternates.find((l) => /html/i.test(l.attrs.type ?? 'text/html'));
  const chosen = html ?? alternates[0] ?? links.find((l) => l.attrs.rel !== 'self');
  return chosen ? withBase(chosen.attrs.href?.trim() ?? null, chosen) : null;
}

function readTtl(channel: LenientNode, own: Spaces): number | null {
  return ttlMinutesOf(plain(child(channel, own, 'ttl')), plain(child(channel, ['sy'], 'updateperiod')), plain(child(channel, ['sy'], 'updatefrequency')));
}

function firstOf(node: LenientNode, names: [Spaces, string][]): LenientNode | null {
  for (const [spaces, local] of names) {
    const n = child(node, spaces, local);
    if (n && textContent(n).trim() !== '') return n;
  }
  return null;
}

function readItem(item: LenientNode, own: Spaces, isRdf: boolean): ParsedItem {
  const guidNode = child(item, own, 'guid');
  const guidText = plain(guidNode);
  // RSS 1.0 names an item by its rdf:about, as read-rss.ts does; a <guid> still wins.
  const about = isRdf && !guidText ? item.attrs['rdf:about']?.trim() || null : null;
  const guid = resolveRelativeId(guidText ?? about, guidText ? (guidNode?.base ?? null) : item.base) ?? plain(child(item, ['atom'], 'id'));
  const permaLink = about === null ? guidNode?.attrs.ispermalink?.trim().toLowerCase() : undefined;
  const guidAsLink = guid && permaLink !== 'false' && /^https?:\/\//i.test(guid) ? guid : null;
  return {
    guid,
    ...(about !== null && guid !== null ? { guidFromAbout: true } : {}),
    link: rssLink(item, own) ?? guidAsLink,
    title: fieldText(firstOf(item, [[own, 'title'], [['dc'], 'title']])),
    published: plain(firstOf(item, [[own, 'pubdate'], [['dc'], 'date'], [['atom'], 'published'], [['atom'], 'updated']])) ?? item.attrs.lastmod ?? null,
    author: plain(firstOf(item, [[['dc'], 'creator'], [own, 'author'], [['dc'], 'author'], [['itunes'], 'author']])) ?? atomAuthors(item, ['atom']),
    summary: fieldText(firstOf(item, [[own, 'description'], [own, 'abstract'], [['dc'], 'description'], [['itunes'], 'summary']])),
    content: fieldText(firstOf(item, [[['content'], 'encoded'], [['atom'], 'content']])),
    categories: unique([...[...children(item, own, 'category'), ...children(item, ['dc'], 'subject')].map(plain), ...atomCategories(item, ['atom'])]),
    enclosures: enclosures(children(item, own, 'enclosure'), 'url'),
  };
}

function readEntry(entry: LenientNode): ParsedItem {
  const own = OWN.atom;
  const content = child(entry, own, 'content');
  return {
    guid: resolveRelativeId(plain(child(entry, own, 'id')), child(entry, own, 'id')?.base ?? null),
    link: atomLink(entry),
    title: fieldText(child(entry, own, 'title')),
    published: plain(firstOf(entry, [[own, 'published'], [own, 'issued'], [own, 'updated'], [own, 'modified'], [own, 'created']])),
    author: atomAuthors(entry, own),
    summary: fieldText(child(entry, own, 'summary')),
    // Out-of-line content (`<content src="…"/>`) has no body.
    content: content && !(content.attrs.src && plain(content) === null) ? fieldText(content) : null,
    categories: atomCategories(entry, own),
    enclosures: enclosures(children(entry, own, 'link').filter((l) => l.attrs.rel === 'enclosure'), 'href'),
  };
}

function atomAuthors(node: LenientNode, spaces: Spaces): string | null {
  const names = children(node, spaces, 'author').map((a) => plain(child(a, spaces, 'name')) ?? plain(child(a, spaces, 'email')) ?? plain(a));
  return unique(names).join(', ') || null;
}

/** The label is the human-readable name; the term is often a slug or URI. */
function atomCategories(node: LenientNode, spaces: Spaces): string[] {
  return unique(children(node, spaces, 'category').map((c) => c.attrs.label?.trim() || c.attrs.term?.trim() || plain(c)));
}

function enclosures(nodes: LenientNode[], attr: 'url' | 'href'): ParsedItem['enclosures'] {
  const seen = new Set<string>();
  const out: ParsedItem['enclosures'] = [];
  for (const n of nodes) {
    const url = withBase(n.attrs[attr]?.trim() ?? null, n);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const length = Number(n.attrs.length);
    out.push({ url, type: n.attrs.type?.trim() || null, length: n.attrs.length !== undefined && Number.isFinite(length) && length >= 0 ? length : null });
  }
  return out;
}

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}
