// Bytes to text: none of the parsers honours a declared charset, so feedfold decodes before parsing.
// Order of evidence: byte-order mark, HTTP Content-Type, the document's own declaration
// (XML declaration or <meta charset>), then statistical sniffing, then UTF-8.
import iconv from 'iconv-lite';
import chardet from 'chardet';

/** The kind of document being decoded; it says where an in-document declaration may be. */
export type DocumentKind = 'xml' | 'html' | 'json' | 'unknown';

/** Decoded text and the charset that was used, with where it came from. */
export interface DecodedText {
  text: string;
  charset: string;
  source: 'bom' | 'header' | 'document' | 'sniffed' | 'default';
}

const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

/** Charset named by a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Charset declared inside the document's first bytes (XML declaration or HTML meta). */
export function charsetFromDocument(head: string, kind: DocumentKind): string | null {
  if (kind === 'json') return null;
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  if (kind === 'xml') return null;
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1] ? meta[1].toLowerCase() : null;
}

/** Maps labels browsers treat as aliases to the decoder that browsers really use. */
function resolveCharset(label: string | null): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  // WHATWG: these labels decode as windows-1252 in every browser, and real pages rely on it.
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'us-ascii' || l === 'ascii' || l === 'iso8859-1') return 'windows-1252';
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'x-sjis' || l === 'shift-jis') return 'shift_jis';
  if (l === 'gb2312' || l === 'x-gbk') return 'gbk';
  return iconv.encodingExists(l) ? l : null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode a document's bytes using the best evidence available. */
export function decodeText(bytes: Uint8Array, contentType: string | null, kind: DocumentKind): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => buf[i] === b)) {
      return { text: iconv.decode(buf.subarray(bom.bytes.length), bom.charset), charset: bom.charset, source: 'bom' };
    }
  }
  const fromHeader = resolveCharset(charsetFromContentType(contentType));
  // A UTF-8 document mislabelled as Latin-1 is common; valid UTF-8 with multibyte sequences wins over such a label.
  if (fromHeader && !(fromHeader === 'windows-1252' && hasMultibyteUtf8(buf))) {
    return { text: iconv.decode(buf, fromHeader), charset: fromHeader, source: 'header' };
  }
  const head = buf.subarray(0, 2048).toString('latin1');
  const fromDoc = resolveCharset(charsetFromDocument(head, kind));
  if (fromDoc && !(fromDoc === 'windows-1252' && hasMultibyteUtf8(buf))) {
    return { text: iconv.decode(buf, fromDoc), charset: fromDoc, source: 'document' };
  }
  if (kind === 'json' || isValidUtf8(buf)) return { text: buf.toString('utf8'), charset: 'utf-8', source: 'default' };
  const sniffed = resolveCharset(chardet.detect(buf.subarray(0, 64 * 1024)));
  if (sniffed) return { text: iconv.decode(buf, sniffed), charset: sniffed, source: 'sniffed' };
  return { text: buf.toString('utf8'), charset: 'utf-8', source: 'default' };
}

function hasMultibyteUtf8(buf: Buffer): boolean {
  let multibyte = false;
  for (let i = 0; i < buf.length && i < 256 * 1024; i++) {
    if ((buf[i] as number) >= 0x80) {
      multibyte = true;
      break;
    }
  }
  return multibyte && isValidUtf8(buf);
}
