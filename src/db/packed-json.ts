// A compact binary form of JSON values, for what is stored per item and read only by feedfold (signatures).
// A signature is mostly short hex hashes and anchor strings the order lists repeat: as jsonb, 0.8-0.9 kB per item,
// the largest column after the text. Generic (any JSON value round-trips), so a signature that gains a field needs
// no change here.
//
// Written as one version byte, then (version 2) packed CBOR (cbor-x with `pack`: a string met twice is a reference)
// of the value with every lowercase hex string as a byte string. `npx tsx bench/packed-signatures.ts`, the dev web's
// 1,312 signatures, mean bytes: JSON text 840; this 452 (0.54 of JSON); the hand-written format it replaced (version 1)
// 441; msgpackr 658, 622 with records, 514 with hex as bytes; cbor-x without `pack` 656, 514 with hex as bytes.
// Within 3 % of the hand-written format, so a library writes it: decoding takes 0.8-0.9x the hand-written reader's
// time, encoding 1.7x (38 µs a dev-web signature, `npx tsx bench/packed-signatures.ts`). It was 6.6x (133 µs) while
// byte strings went to cbor-x as Buffers: `pack`'s search for repeated strings walks every object with for-in, so it
// walked each byte string index by index. They now go wrapped (ByteString): the same bytes, nothing to walk.
// The stored bytes depend on cbor-x's `pack` encoding (the packed-CBOR draft's reference tags): cbor-x is pinned, and
// test/db/packed-json.test.ts reads version 2 bytes written before, so an upgrade that reads them otherwise fails there.
//
// Version 1 (hand-written, stored from migration 0014 until version 2) is still read: one tag byte per value,
// lengths and integers as unsigned LEB128 varints.
//   null, false, true                  tag only
//   integer >= 0 / < 0                 varint n / varint (-n - 1)
//   other number                       float64, little-endian
//   string                             varint byte length, UTF-8 bytes; remembered in a table of strings
//   lowercase hex string (even length) varint byte length, the bytes; remembered likewise
//   a string seen before               varint index in that table
//   array of equal-length hex strings  varint count, varint bytes each, the bytes
//   other array                        varint count, the values
//   object                             varint count, then key (a string value) and value, in key order
import { addExtension, Decoder, Encoder } from 'cbor-x';

/** Version 1's value tags (read here; bench/packed-v1.ts writes them for the comparison). */
export const Tag = {
  Null: 0,
  False: 1,
  True: 2,
  UInt: 3,
  NegInt: 4,
  Float: 5,
  Str: 6,
  Hex: 7,
  Ref: 8,
  HexArray: 9,
  Array: 10,
  Object: 11,
} as const;
type Tag = (typeof Tag)[keyof typeof Tag];

/** The format's first byte, so a reader can tell a packed value (and which) from anything else stored before it. */
export const V1 = 1;
const V2 = 2;
export const HEX = /^(?:[0-9a-f]{2})+$/;
const MAX_DEPTH = 64;

// Self-contained values: no records or string tables shared between rows (a row is read alone).
const encoder = new Encoder({ useRecords: false, mapsAsObjects: true, pack: true });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

/**
 * Bytes that cbor-x writes as a plain byte string (no tag: the extension has none, so the stored bytes are what a
 * Buffer gives), held in a private field so that `pack`'s search for repeated strings finds nothing to walk in it.
 */
class ByteString {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  get bytes(): Uint8Array {
    return this.#bytes;
  }
}
addExtension({
  Class: ByteString,
  tag: undefined as unknown as number,
  encode: (v: ByteString, encode: (x: Uint8Array) => Uint8Array) => encode(v.bytes),
  // Never called: with no tag nothing marks a value as one (the decoder gives byte strings back as Uint8Array).
  decode: (x: Uint8Array) => new ByteString(x),
});

/** The value as JSON.stringify sees it, with every lowercase hex string (and every Uint8Array) as bytes. */
function hexToBytes(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('packJson: value nested too deep');
  if (typeof v === 'string') return HEX.test(v) ? new ByteString(Buffer.from(v, 'hex')) : v;
  // As a Buffer: cbor-x tags any other typed array with its kind.
  if (v instanceof Uint8Array) return new ByteString(Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => hexToBytes(x, depth + 1));
  if (typeof v === 'object') {
    // Keys whose value is undefined are left out, as JSON.stringify leaves them out.
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = hexToBytes(x, depth + 1);
    return out;
  }
  throw new TypeError(`packJson: ${typeof v} is not a JSON value`);
}

/** The decoded value with its byte strings as hex again (in place). */
function bytesToHex(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('packed value nested too deep');
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = bytesToHex(v[i], depth + 1);
    return v;
  }
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = bytesToHex(o[k], depth + 1);
    return o;
  }
  return v;
}

/**
 * Pack a JSON value (objects, arrays, strings, finite numbers, booleans, null). A Uint8Array is packed as the
 * lowercase hex string of its bytes would be (and reads back as that string), so a caller holding bytes need not
 * spell them out first.
 */
export function packJson(value: unknown): Buffer {
  return Buffer.concat([Buffer.of(V2), encoder.encode(hexToBytes(value, 0))]);
}

// Version 1's reader.

class Reader {
  private pos = 0;
  readonly strings: string[] = [];

  constructor(private readonly buf: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('packed value ends early');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('packed varint too long');
    }
  }

  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new RangeError('packed value ends early');
    const b = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return b;
  }

  atEnd(): boolean {
    return this.pos === this.buf.length;
  }
}

function readString(r: Reader, tag: Tag): string {
  if (tag === Tag.Ref) {
    const s = r.strings[r.varint()];
    if (s === undefined) throw new RangeError('packed reference to an unknown string');
    return s;
  }
  const b = r.bytes(r.varint());
  const s = tag === Tag.Hex ? b.toString('hex') : b.toString('utf8');
  r.strings.push(s);
  return s;
}

function readValue(r: Reader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('packed value nested too deep');
  const tag = r.byte() as Tag;
  switch (tag) {
    case Tag.Null: return null;
    case Tag.False: return false;
    case Tag.True: return true;
    case Tag.UInt: return r.varint();
    case Tag.NegInt: return -r.varint() - 1;
    case Tag.Float: return r.bytes(8).readDoubleLE(0);
    case Tag.Str: case Tag.Hex: case Tag.Ref: return readString(r, tag);
    case Tag.HexArray: {
      const count = r.varint();
      const each = r.varint();
      return Array.from({ length: count }, () => r.bytes(each).toString('hex'));
    }
    case Tag.Array: {
      const count = r.varint();
      const out: unknown[] = [];
      for (let i = 0; i < count; i++) out.push(readValue(r, depth + 1));
      return out;
    }
    case Tag.Object: {
      const count = r.varint();
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const kt = r.byte() as Tag;
        if (kt !== Tag.Str && kt !== Tag.Hex && kt !== Tag.Ref) throw new RangeError('packed object key is not a string');
        const key = readString(r, kt);
        out[key] = readValue(r, depth + 1);
      }
      return out;
    }
    default: throw new RangeError(`packed value has an unknown tag ${tag as number}`);
  }
}

/** The JSON value packJson packed (either version); throws a RangeError on bytes that are not one. */
export function unpackJson(bytes: Uint8Array): unknown {
  if (bytes[0] === V2) {
    let value: unknown;
    try {
      value = decoder.decode(bytes.subarray(1));
    } catch (e) {
      throw new RangeError(`packed value unreadable: ${(e as Error).message}`);
    }
    return bytesToHex(value, 0);
  }
  const r = new Reader(bytes);
  if (r.byte() !== V1) throw new RangeError('packed value of an unknown version');
  const value = readValue(r, 0);
  if (!r.atEnd()) throw new RangeError('packed value has trailing bytes');
  return value;
}
