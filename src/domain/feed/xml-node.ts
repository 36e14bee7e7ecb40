// Reading xml2js nodes (as rss-parser hands them over): `{ _: text, $: attributes, child: [nodes] }` or a bare string.

/** A node of the xml2js tree. */
export type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

/** The nodes in a field that may be absent, a single node or an array of nodes. */
export function nodesOf(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((n): n is XmlNode => typeof n === 'string' || (typeof n === 'object' && n !== null));
}

/** All text inside a node, children included (for titles written as XHTML). */
export function textOf(node: unknown): string | null {
  const text = collectText(node).trim();
  return text === '' ? null : text;
}

function collectText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(collectText).join('');
  if (typeof node !== 'object' || node === null) return '';
  const obj = node as Record<string, unknown>;
  if (typeof obj._ === 'string') return obj._;
  return Object.entries(obj)
    .filter(([key]) => key !== '$')
    .map(([, v]) => collectText(v))
    .join(' ');
}

/** The first non-empty text of a field. */
export function firstText(value: unknown): string | null {
  for (const n of nodesOf(value)) {
    const t = textOf(n);
    if (t !== null) return t;
  }
  return null;
}

/** An attribute of a node, trimmed; null when absent or empty. */
export function attrOf(node: unknown, name: string): string | null {
  if (typeof node !== 'object' || node === null) return null;
  const attrs = (node as { $?: Record<string, unknown> }).$;
  const v = attrs?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** A value that rss-parser already reduced to a string, or the text of the node it left. */
export function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return textOf(value);
}

/** A length attribute as a number, when it is one. */
export function lengthOf(v: string | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Enclosures from RSS `<enclosure>`, Media RSS `<media:content>` (also inside `<media:group>`), one per URL. */
export function readEnclosures(raw: Record<string, unknown>): { url: string; type: string | null; length: number | null }[] {
  const groups = nodesOf(raw.mediaGroup).flatMap((g) => (typeof g === 'object' ? nodesOf(g['media:content']) : []));
  const nodes = [...nodesOf(raw.enclosureRaw), ...nodesOf(raw.mediaContent), ...groups];
  const seen = new Set<string>();
  const out: { url: string; type: string | null; length: number | null }[] = [];
  for (const n of nodes) {
    const url = attrOf(n, 'url') ?? attrOf(n, 'href');
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, type: attrOf(n, 'type'), length: lengthOf(attrOf(n, 'length') ?? attrOf(n, 'fileSize')) });
  }
  return out;
}
