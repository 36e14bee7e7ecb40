// Repairs applied before the strict XML parser: feed readers accept these mistakes, so feedfold does too.
// Each repair keeps the document's meaning; none expands entities declared by the document.
import { decodeHTML } from 'entities';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Characters XML 1.0 forbids anywhere, even as references; some feeds carry them from copy-paste.
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// CDATA sections and comments are copied untouched: '&' is literal inside them.
const VERBATIM = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;
const AMPERSAND = /&(?:#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});|([A-Za-z][A-Za-z0-9]{0,31});)?/g;

/** Make a feed acceptable to a strict XML parser without changing what it says. */
export function repairXml(text: string): string {
  let xml = text.replace(/^\uFEFF/, '').trimStart();
  xml = xml.replace(ILLEGAL_CHARS, '');
  xml = stripDoctype(xml);
  xml = mapOutsideVerbatim(xml, repairAmpersands);
  xml = addRssVersion(xml);
  return xml;
}

/** Remove DOCTYPE (with any internal subset) and stray ENTITY declarations: no entity expansion, no external entities. */
export function stripDoctype(xml: string): string {
  return xml
    .replace(/<!DOCTYPE(?:[^[>]|"[^"]*"|'[^']*')*(?:\[[\s\S]*?\]\s*)?>/gi, '')
    .replace(/<!ENTITY(?:[^>"']|"[^"]*"|'[^']*')*>/gi, '');
}

function mapOutsideVerbatim(xml: string, fn: (s: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of xml.matchAll(VERBATIM)) {
    out += fn(xml.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fn(xml.slice(last));
}

/** Escape bare '&', turn HTML named entities into numeric references, and drop references to illegal characters. */
function repairAmpersands(s: string): string {
  return s.replace(AMPERSAND, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      return isXmlChar(code) ? whole : '';
    }
    if (name === undefined) return '&amp;';
    if (XML_ENTITIES.has(name)) return whole;
    const decoded = decodeHTML(whole);
    if (decoded === whole) return `&amp;${name};`;
    return Array.from(decoded, (ch) => `&#${ch.codePointAt(0)};`).join('');
  });
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** `<rss>` without a version is read as RSS 2.0, as every reader does. */
function addRssVersion(xml: string): string {
  return xml.replace(/<rss(\s[^>]*)?>/, (tag, attrs?: string) => (attrs && /\bversion\s*=/.test(attrs) ? tag : `<rss version="2.0"${attrs ?? ''}>`));
}
