// The writer of the hand-written packed format, version 1 (src/db/packed-json.ts reads it and describes its
// layout), kept here only as bench/packed-signatures.ts's baseline: feedfold writes version 2 (cbor-x).

import { HEX, Tag, V1 as VERSION } from '../src/db/packed-json.ts';

class Writer {
  private buf = new Uint8Array(256);
  private len = 0;
  private readonly strings = new Map<string, number>();

  byte(b: number): void {
    if (this.len === this.buf.length) this.grow(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  varint(n: number): void {
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  /** A string: a reference when it was written before, else its text (hex as bytes). */
  string(s: string): void {
    const seen = this.strings.get(s);
    if (seen !== undefined) {
      this.byte(Tag.Ref);
      this.varint(seen);
      return;
    }
    this.strings.set(s, this.strings.size);
    const hex = HEX.test(s);
    const b = hex ? Buffer.from(s, 'hex') : Buffer.from(s, 'utf8');
    this.byte(hex ? Tag.Hex : Tag.Str);
    this.varint(b.length);
    this.bytes(b);
  }

  done(): Buffer {
    // A Buffer, which both database drivers send as bytea.
    return Buffer.from(this.buf.subarray(0, this.len));
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

function isHexArray(a: readonly unknown[]): a is string[] {
  if (a.length < 2 || typeof a[0] !== 'string' || !HEX.test(a[0])) return false;
  const len = a[0].length;
  return a.every((v) => typeof v === 'string' && v.length === len && HEX.test(v));
}

function writeValue(w: Writer, v: unknown): void {
  if (v === null || v === undefined) w.byte(Tag.Null);
  else if (v === true || v === false) w.byte(v ? Tag.True : Tag.False);
  else if (typeof v === 'number') writeNumber(w, v);
  else if (typeof v === 'string') w.string(v);
  else if (Array.isArray(v)) {
    if (isHexArray(v)) {
      w.byte(Tag.HexArray);
      w.varint(v.length);
      w.varint(v[0]!.length / 2);
      for (const s of v) w.bytes(Buffer.from(s, 'hex'));
      return;
    }
    w.byte(Tag.Array);
    w.varint(v.length);
    for (const x of v) writeValue(w, x);
  } else if (typeof v === 'object') {
    // Keys whose value is undefined are left out, as JSON.stringify leaves them out.
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    w.byte(Tag.Object);
    w.varint(entries.length);
    for (const [k, x] of entries) {
      w.string(k);
      writeValue(w, x);
    }
  } else throw new TypeError(`packJsonV1: ${typeof v} is not a JSON value`);
}

function writeNumber(w: Writer, n: number): void {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) {
    w.byte(n >= 0 ? Tag.UInt : Tag.NegInt);
    w.varint(n >= 0 ? n : -n - 1);
    return;
  }
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  w.byte(Tag.Float);
  w.bytes(b);
}

/** Pack a JSON value (objects, arrays, strings, finite numbers, booleans, null). */
export function packJsonV1(value: unknown): Buffer {
  const w = new Writer();
  w.byte(VERSION);
  writeValue(w, value);
  return w.done();
}

