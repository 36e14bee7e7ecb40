// Bytes to text: none of the parsers honours a declared charset, so feedfold decodes before parsing.
// Order of evidence, after XML 1.0 appendix F: a byte-order mark; UTF-16/32 without one, recognised from
// the first bytes (`<` in two or four bytes); then the charsets the HTTP Content-Type and the document's own
// declaration (XML declaration or <meta charset>) name, UTF-8, statistical sniffing and windows-1252, taking
// the first that reads the bytes without an undecodable sequence. A declaration the bytes contradict (UTF-8
// declared, bytes that are not UTF-8) is passed over, and the result says so in `note`.
import iconv from 'iconv-lite';
import chardet from 'chardet';

/** The kind of document being decoded; it says where an in-document declaration may be. */
export type DocumentKind = 'xml' | 'html' | 'json' | 'unknown';

/** Decoded text and the charset that was used, with where it came from. */
export interface DecodedText {
  text: string;
  charset: string;
  source: 'bom' | 'bytes' | 'header' | 'document' | 'sniffed' | 'default';
  /** Set when a declared charset was passed over because the bytes contradict it. */
  note?: string;
}

/** Largest prefix read by the statistical sniffer; enough bytes to tell legacy encodings apart. */
const SNIFF_BYTES = 64 * 1024;
/** Prefix in which the XML declaration or <meta charset> is looked for (HTML: the spec's 1024 bytes, doubled). */
const DECLARATION_BYTES = 2048;

// Longest first: the UTF-32LE mark begins with the UTF-16LE one.
const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
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
  // regex-safe: `head` is the document's first DECLARATION_BYTES (2 KB), so these searches stay small.
  const decl = /^\s*<\?xml\b([^>]{0,400})\?>/i.exec(head)?.[1];
  const xml = decl ? /\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(decl) : null;
  if (xml?.[1]) return xml[1].toLowerCase();
  if (kind === 'xml') return null;
  // regex-safe: `head` is at most DECLARATION_BYTES (2 KB).
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1] ? meta[1].toLowerCase() : null;
}

/** Maps labels to the decoder that browsers (and iconv-lite) really use; null for an unknown label. */
export function resolveCharset(label: string | null): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase();
  // WHATWG: these labels decode as windows-1252 in every browser, and real pages rely on it.
  if (l === 'iso-8859-1' || l === 'latin1' || l === 'us-ascii' || l === 'ascii' || l === 'iso8859-1' || l === 'iso_8859-1') return 'windows-1252';
  // UTF-8, most documents' label, is answered without loading iconv-lite's tables (CLI start-up).
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  if (l === 'x-sjis' || l === 'shift-jis' || l === 'sjis' || l === 'ms_kanji' || l === 'csshiftjis') return 'shift_jis';
  if (l === 'gb2312' || l === 'x-gbk') return 'gbk';
  if (l === 'x-euc-jp') return 'euc-jp';
  if (l === 'unicode' || l === 'ucs-2' || l === 'iso-10646-ucs-2') return 'utf-16';
  return iconv.encodingExists(l) ? l : null;
}

/** UTF-16 and UTF-32 (any byte order) can only be told from the bytes, never from an 8-bit declaration. */
function isWide(charset: string): boolean {
  return /^(?:utf-?(?:16|32)|ucs-?[24])/.test(charset);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * XML 1.0 appendix F.1 without a byte-order mark: a document starts with `<` (or white space), so the
 * zero bytes among its first four say the width and byte order of UTF-16 or UTF-32.
 */
export function sniffWideCharset(buf: Uint8Array): string | null {
  if (buf.length < 4) return null;
  const z = [0, 1, 2, 3].map((i) => buf[i] === 0);
  if (z[0] && z[1] && z[2] && !z[3]) return 'utf-32be';
  if (!z[0] && z[1] && z[2] && z[3]) return 'utf-32le';
  if (z[0] && !z[1] && z[2] && !z[3]) return 'utf-16be';
  if (!z[0] && z[1] && !z[2] && z[3]) return 'utf-16le';
  return null;
}

/**
 * Decode with `charset` when the bytes are valid in it. Multi-byte charsets (UTF-8, Big5, Shift_JIS, EUC, GBK)
 * have invalid sequences, shown as U+FFFD; a single-byte charset reads any byte, so a declared one is trusted.
 */
function decodeStrict(buf: Buffer, charset: string): string | null {
  if (charset === 'utf-8') return isValidUtf8(buf) ? stripBom(buf.toString('utf8')) : null;
  const text = iconv.decode(buf, charset);
  if (isSingleByte(charset)) return text;
  return text.includes('\uFFFD') ? null : text;
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const singleByte = new Map<string, boolean>();

/** A charset that maps each of the 256 bytes to one character. */
function isSingleByte(charset: string): boolean {
  let known = singleByte.get(charset);
  if (known === undefined) singleByte.set(charset, (known = iconv.decode(ALL_BYTES, charset).length === 256));
  return known;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decode a document's bytes using the best evidence available. */
export function decodeText(bytes: Uint8Array, contentType: string | null, kind: DocumentKind): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => buf[i] === b)) {
      return { text: iconv.decode(buf.subarray(bom.bytes.length), bom.charset), charset: bom.charset, source: 'bom' };
    }
  }
  const wide = sniffWideCharset(buf);
  if (wide) return { text: iconv.decode(buf, wide), charset: wide, source: 'bytes' };
  const candidates = declaredCharsets(buf, contentType, kind);
  const passedOver: string[] = [];
  for (const { charset, source } of candidates) {
    const text = decodeStrict(buf, charset);
    if (text !== null) return withNote({ text, charset, source }, passedOver);
    passedOver.push(`${source} declares ${charset}`);
  }
  if (kind !== 'json') {
    const sniffed = resolveCharset(chardet.detect(buf.subarray(0, SNIFF_BYTES)));
    const text = sniffed && !isWide(sniffed) ? decodeStrict(buf, sniffed) : null;
    if (sniffed && text !== null) return withNote({ text, charset: sniffed, source: 'sniffed' }, passedOver);
  }
  // windows-1252 reads every byte; it is what a lenient reader falls back to for 8-bit text.
  const fallback = kind === 'json' ? 'utf-8' : 'windows-1252';
  const text = fallback === 'utf-8' ? stripBom(buf.toString('utf8')) : iconv.decode(buf, fallback);
  return withNote({ text, charset: fallback, source: 'default' }, passedOver);
}

/** The charsets to try in order: HTTP header, the document's declaration, then UTF-8. */
function declaredCharsets(buf: Buffer, contentType: string | null, kind: DocumentKind): { charset: string; source: DecodedText['source'] }[] {
  const out: { charset: string; source: DecodedText['source'] }[] = [];
  const add = (charset: string | null, source: DecodedText['source']): void => {
    // A wide charset declared in bytes that sniffWideCharset did not recognise as wide is a wrong label.
    if (!charset || isWide(charset) || out.some((c) => c.charset === charset)) return;
    // A UTF-8 document mislabelled as Latin-1 is common; valid UTF-8 with multibyte sequences wins over such a label.
    if (charset === 'windows-1252' && hasMultibyteUtf8(buf)) return;
    out.push({ charset, source });
  };
  add(resolveCharset(charsetFromContentType(contentType)), 'header');
  add(resolveCharset(charsetFromDocument(buf.subarray(0, DECLARATION_BYTES).toString('latin1'), kind)), 'document');
  add('utf-8', 'default');
  return out;
}

function withNote(decoded: DecodedText, passedOver: string[]): DecodedText {
  if (passedOver.length === 0) return decoded;
  return { ...decoded, note: `${passedOver.join(', ')} but the bytes are not valid in it; read as ${decoded.charset}` };
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
