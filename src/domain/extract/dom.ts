// The few DOM shapes the extractor relies on, typed structurally (the project has no DOM lib types).

/** A parsed element as linkedom exposes it. */
export interface El {
  nodeType: number;
  tagName: string;
  localName: string;
  id: string;
  className: string;
  textContent: string | null;
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
