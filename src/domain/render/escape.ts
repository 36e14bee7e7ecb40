// Escaping for the XML and HTML feedfold writes.

/** Escape text for an XML/HTML text node or attribute value; drops characters XML forbids. */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- characters XML 1.0 forbids are what it removes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A URL safe to put in an href: http(s) only, else null (no javascript: or data: links). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8}){0,8}$/;

/** A value for `xml:lang`, `hreflang`, `lang` or `<language>` when the code is a well-formed BCP 47 tag, else null. */
export function languageTag(code: string | null | undefined): string | null {
  return code && LANGUAGE_TAG.test(code) ? code : null;
}
