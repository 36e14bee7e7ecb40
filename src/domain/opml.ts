// OPML subscription lists, as feed readers export them: outlines with an xmlUrl are feeds, the others folders.
import { LimitError, ParseError } from '../errors.ts';
import { buildLenientTree, elementsOf, type LenientNode } from './feed/lenient-tree.ts';
import { stripDoctype } from './feed/repair-xml.ts';
import { trimChar } from './trim-chars.ts';

/** One subscription in an OPML file. */
export interface OpmlFeed {
  url: string;
  title: string | null;
  htmlUrl: string | null;
  /** Enclosing folders joined with "/", or the `category` attribute; null at top level. */
  folder: string | null;
  /** The feed's language (ISO 639-1), written as the outline's `language` attribute. */
  language?: string | null;
}

/**
 * Read the feeds of an OPML document, at most `maxFeeds`; tolerant of missing titles, nesting and attribute case.
 * Read with the linear, depth-capped tree of the lenient feed reader: a DOM parse of 1 MB of nested elements
 * took longer than 20 s on the thread that serves the admin API.
 */
export function readOpml(xml: string, maxFeeds: number): OpmlFeed[] {
  const { root } = buildLenientTree(stripDoctype(xml.replace(/^\uFEFF/, '')));
  const body = findBody(root);
  if (!body) throw new ParseError('not an OPML document: no <body>');
  const feeds: OpmlFeed[] = [];
  walkOutlines(body, [], feeds);
  if (feeds.length > maxFeeds) throw new LimitError(`the OPML lists ${feeds.length} feeds; one import takes at most ${maxFeeds} (FEEDFOLD_OPML_MAX_FEEDS)`);
  return feeds;
}

function walkOutlines(parent: LenientNode, folders: string[], out: OpmlFeed[]): void {
  for (const el of elementsOf(parent)) {
    if (el.local !== 'outline') continue;
    const url = attr(el, 'xmlUrl') ?? attr(el, 'url');
    const text = attr(el, 'text');
    // writeOpml puts the URL in `text` (required by OPML) when a feed has no title.
    const label = attr(el, 'title') ?? (text !== url ? text : null);
    if (url) {
      const firstCategory = attr(el, 'category')?.split(',')[0];
      const category = trimChar(firstCategory ?? '', '/') || null;
      const language = attr(el, 'language');
      out.push({ url, title: label, htmlUrl: attr(el, 'htmlUrl'), folder: folders.length ? folders.join('/') : category, ...(language ? { language } : {}) });
    }
    // Depth is bounded by the tree (MAX_LENIENT_DEPTH), so this recursion is too.
    if (elementsOf(el).length) walkOutlines(el, url || !label ? folders : [...folders, label], out);
  }
}

/** An attribute's trimmed value, null when absent or empty; names are read lower-cased (xmlurl, XMLURL alike). */
function attr(el: LenientNode, name: string): string | null {
  const v = el.attrs[name.toLowerCase()]?.trim();
  return v ? v : null;
}

/** The first <body> in document order, found without recursion (the tree may be deep). */
function findBody(root: LenientNode): LenientNode | null {
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.local === 'body') return node;
    stack.push(...elementsOf(node).reverse());
  }
  return null;
}
/** Write feeds as an OPML 2.0 document, one folder outline per distinct folder path. */
export function writeOpml(feeds: OpmlFeed[], title: string): string {
  const root: FolderNode = { name: '', folders: new Map(), feeds: [] };
  for (const feed of feeds) {
    let node = root;
    for (const part of (feed.folder ?? '').split('/').filter(Boolean)) {
      let next = node.folders.get(part);
      if (!next) node.folders.set(part, (next = { name: part, folders: new Map(), feeds: [] }));
      node = next;
    }
    node.feeds.push(feed);
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', `  <head><title>${escapeXml(title)}</title></head>`, '  <body>'];
  writeFolder(root, 2, lines);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

interface FolderNode {
  name: string;
  folders: Map<string, FolderNode>;
  feeds: OpmlFeed[];
}

function writeFolder(node: FolderNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  for (const feed of node.feeds) {
    const title = feed.title ? ` title="${escapeXml(feed.title)}"` : '';
    const html = feed.htmlUrl ? ` htmlUrl="${escapeXml(feed.htmlUrl)}"` : '';
    const text = escapeXml(feed.title ?? feed.url);
    // OPML 2.0 categories are slash-delimited paths; readers that ignore nesting still learn the folder.
    const category = feed.folder ? ` category="/${escapeXml(feed.folder)}"` : '';
    const language = feed.language ? ` language="${escapeXml(feed.language)}"` : '';
    lines.push(`${pad}<outline type="rss" text="${text}"${title} xmlUrl="${escapeXml(feed.url)}"${html}${category}${language}/>`);
  }
  for (const child of node.folders.values()) {
    lines.push(`${pad}<outline text="${escapeXml(child.name)}" title="${escapeXml(child.name)}">`);
    writeFolder(child, depth + 1, lines);
    lines.push(`${pad}</outline>`);
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
