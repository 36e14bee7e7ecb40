// The few DOM shapes the extractor relies on, typed structurally (the project has no DOM lib types).

/** A parsed element as linkedom exposes it. */
export interface El {
  nodeType: number;
  tagName: string;
  localName: string;
  id: string;
  className: string;
  textContent: string | null;
  outerHTML: string;
  parentNode: El | null;
  firstChild: El | null;
  nextSibling: El | null;
  childNodes: ArrayLike<El>;
  children: ArrayLike<El>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  hasAttribute(name: string): boolean;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  getElementsByTagName(name: string): ArrayLike<El>;
  remove(): void;
  cloneNode(deep: boolean): El;
  contains(other: El): boolean;
  matches(sel: string): boolean;
  closest(sel: string): El | null;
}

/** A parsed document as linkedom exposes it. */
export interface Doc extends El {
  documentElement: El | null;
  body: El | null;
  head: El | null;
  title: string;
}

/** Element text with runs of whitespace collapsed. */
export function textOf(el: El | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * textOf(el).length without building the string: the pruning rules weigh the text of every block, and
 * textContent copies the text of each nested block once more (a string per block per level).
 */
export function textLength(el: El | null | undefined): number {
  if (!el) return 0;
  if (el.nodeType === 3) return collapsedLength(el.textContent ?? '', { pending: false, started: false });
  const state = { pending: false, started: false };
  let n = 0;
  forEachTextNode(el, (node) => {
    n += collapsedLength(node.textContent ?? '', state);
  });
  return n;
}

/** Calls visit on every text node under root, in document order (iterative: pages can nest deeply). */
export function forEachTextNode(root: El, visit: (node: El) => void): void {
  let node: El | null = root.firstChild;
  while (node) {
    if (node.nodeType === 3) visit(node);
    else if (node.nodeType === 1 && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
}

/** Characters of s once whitespace runs count as one and leading or trailing ones (across the walk) as none. */
function collapsedLength(s: string, state: { pending: boolean; started: boolean }): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000) {
      if (state.started) state.pending = true;
      continue;
    }
    if (state.pending) n++;
    state.pending = false;
    state.started = true;
    n++;
  }
  return n;
}

/** An absolute http(s) URL for href against base, or null. */
export function resolveHttpUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
