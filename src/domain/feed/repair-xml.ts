// Repairs applied before the strict XML parser: feed readers accept these mistakes, so feedfold does too.
// Each repair keeps the document's meaning; none expands entities declared by the document.
import { decodeHTML } from 'entities';
import { replaceCodePoint } from 'entities/decode';
import { createStringBuilder, mapOutsideVerbatim, removeDeclarations } from './xml-scan.ts';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Characters XML 1.0 forbids anywhere, even as references; some feeds carry them from copy-paste.
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// What may follow a '&': a decimal, hexadecimal or named reference (read from just after the '&').
const REFERENCE = /#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});|([A-Za-z][A-Za-z0-9]{0,31});/y;

/** Make a feed acceptable to a strict XML parser without changing what it says. */
export function repairXml(text: string): string {
  let xml = text.replace(/^\uFEFF/, '').trimStart();
  xml = xml.replace(ILLEGAL_CHARS, '');
  xml = stripDoctype(xml);
  // CDATA sections and comments are copied untouched: '&' is literal inside them.
  xml = mapOutsideVerbatim(xml, (s) => repairAmpersands(dropStrayDeclarations(s)));
  xml = addRssVersion(xml);
  return xml;
}

/** Remove DOCTYPE (with any internal subset) and stray ENTITY declarations: no entity expansion, no external entities. */
export function stripDoctype(xml: string): string {
  return mapOutsideVerbatim(xml, removeDeclarations);
}

/**
 * Remove markup declarations outside a DOCTYPE (`<!x …>`: the ones a DOCTYPE may hold, or debris), which sax
 * reads and ignores; an unclosed one, and every `<!` after it, is written as text. sax tests its whole
 * declaration buffer against two patterns at every character it adds: `<!` followed by 10 KB without a `>`
 * took 3 s, by 40 KB 53 s, by 1 MB hours.
 */
function dropStrayDeclarations(s: string): string {
  let at = s.indexOf('<!');
  if (at === -1) return s;
  const out = createStringBuilder();
  let pos = 0;
  // Once one runs to the end unclosed, so does every later one: none is searched again.
  let unclosed = false;
  for (; at !== -1; at = s.indexOf('<!', pos)) {
    out.add(s.slice(pos, at));
    const end = unclosed ? -1 : markupDeclarationEnd(s, at + 2);
    if (end === -1) {
      unclosed = true;
      out.add('&lt;!');
      pos = at + 2;
    } else pos = end;
  }
  out.add(s.slice(pos));
  return out.build();
}

/** The index after the `>` that closes a markup declaration, quotes honoured as sax does; -1 when unclosed. */
function markupDeclarationEnd(s: string, from: number): number {
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i + 1;
  }
  return -1;
}

/**
 * Escape bare '&', turn HTML named entities into numeric references, read references to C1 controls as HTML
 * does, and drop references to illegal characters.
 * One walk from '&' to '&': a global replace with a function collects every match before it calls the function
 * once, and 3 MB of '&' exhausted a 256 MB heap that way.
 */
function repairAmpersands(s: string): string {
  const out = createStringBuilder();
  let pos = 0;
  for (let at = s.indexOf('&'); at !== -1; at = s.indexOf('&', at + 1)) {
    REFERENCE.lastIndex = at + 1;
    const m = REFERENCE.exec(s);
    const whole = m ? `&${m[0]}` : '&';
    out.add(s.slice(pos, at));
    out.add(repairReference(whole, m?.[1], m?.[2], m?.[3]));
    pos = at + whole.length;
    at = pos - 1;
  }
  if (pos === 0) return s;
  out.add(s.slice(pos));
  return out.build();
}

function repairReference(whole: string, dec?: string, hex?: string, name?: string): string {
  if (dec !== undefined || hex !== undefined) {
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    if (!isXmlChar(code)) return '';
    // HTML (and every feed reader) reads references to C1 controls as the windows-1252 characters meant: &#150; is '–'.
    const meant = replaceCodePoint(code);
    return meant === code ? whole : `&#${meant};`;
  }
  if (name === undefined) return '&amp;';
  if (XML_ENTITIES.has(name)) return whole;
  const decoded = decodeHTML(whole);
  if (decoded === whole) return `&amp;${name};`;
  return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** `<rss>` without a version is read as RSS 2.0, as every reader does. */
function addRssVersion(xml: string): string {
  // Found with indexOf: `/<rss(\s[^>]*)?>/` searched the rest of the document from every `<rss ` without a `>`.
  for (let at = xml.indexOf('<rss'); at !== -1; at = xml.indexOf('<rss', at + 1)) {
    const next = xml.charAt(at + 4);
    if (next !== '>' && !/\s/.test(next)) continue;
    const gt = xml.indexOf('>', at);
    if (gt === -1) return xml;
    const attrs = xml.slice(at + 4, gt);
    if (/\bversion\s*=/.test(attrs)) return xml;
    return `${xml.slice(0, at)}<rss version="2.0"${attrs}>${xml.slice(gt + 1)}`;
  }
  return xml;
}

/** Wrap a standalone Atom entry document in a feed element, so it reads as a feed of one entry. */
export function wrapAtomEntry(xml: string): string {
  const body = xml.replace(/^\s*<\?xml[\s\S]*?\?>/, '');
  return `<feed xmlns="http://www.w3.org/2005/Atom">${body}</feed>`;
}

const ATOM_NAMESPACES = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*["'](?:http:\/\/www\.w3\.org\/2005\/Atom|http:\/\/purl\.org\/atom\/ns#)["']/g;

/** In an Atom document, write Atom elements bound to a prefix (`<a:entry>`) without it, as the reader expects. */
export function unprefixAtomElements(xml: string): string {
  const prefixes = [...new Set([...xml.matchAll(ATOM_NAMESPACES)].map((m) => m[1] ?? ''))].filter(Boolean);
  if (prefixes.length === 0) return xml;
  const tag = new RegExp(`<(/?)(?:${prefixes.map((p) => p.replace(/[.-]/g, '\\$&')).join('|')}):`, 'g');
  return mapOutsideVerbatim(xml, (s) => s.replace(tag, '<$1'));
}
