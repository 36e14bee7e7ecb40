// Text constructs that carry base64: Atom 0.3 `mode="base64"`, Atom 1.0 with a MIME type that is neither text nor XML.

/** Atom 1.0 §3.1.1 / §4.1.3.3: a MIME type that is neither text nor XML means the element holds base64. */
export function isBinaryType(type: string | null): boolean {
  if (type === null || !type.includes('/')) return false;
  return !/^text\/|[/+]xml$/i.test(type.trim());
}

/** The UTF-8 text that base64 encodes; null when it is not base64 of text. */
export function decodeBase64Text(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  // Text under an unknown media type that merely looks like base64 ("test") does not decode to UTF-8 text.
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    // eslint-disable-next-line no-control-regex
    return /[\u0000-\u0008\u000E-\u001F]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}
