// A compact binary form of JSON values, for what is stored per item and read only by feedfold (signatures).
// A signature is mostly short hex hashes and anchor strings the order lists repeat: as jsonb, 0.8–0.9 kB per
// item, the largest column after the text; packed, about a third of that. Generic (any JSON value round-trips),
// so a signature that gains a field needs no change here.
//
// Layout: one tag byte per value, lengths and integers as unsigned LEB128 varints.
//   null, false, true                  tag only
//   integer ≥ 0 / < 0                  varint n / varint (-n - 1)
//   other number                       float64, little-endian
//   string                             varint byte length, UTF-8 bytes; remembered in a table of strings
//   lowercase hex string (even length) varint byte length, the bytes; remembered likewise
//   a string seen before               varint index in that table (the order lists repeat the anchors)
//   array of equal-length hex strings  varint count, varint bytes each, the bytes (sampled shingle hashes)
//   other array                        varint count, the values
//   object                             varint count, then key (a string value) and value, in key order

const enum Tag {
  Null = 0,
  False = 1,
  True = 2,
  UInt = 3,
  NegInt = 4,
  Float = 5,
  Str = 6,
  Hex = 7,
  Ref = 8,
  HexArray = 9,
  Array = 10,
  Object = 11,
}

/** The format's first byte, so a reader can tell a packed value from anything else stored before it. */
const VERSION = 1;
const HEX = /^(?:[0-9a-f]{2})+$/;

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
  } else throw new TypeError(`packJson: ${typeof v} is not a JSON value`);
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
export function packJson(value: unknown): Buffer {
  const w = new Writer();
  w.byte(VERSION);
  writeValue(w, value);
  return w.done();
}

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
  if (depth > 64) throw new RangeError('packed value nested too deep');
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

/** The JSON value packJson packed; throws a RangeError on bytes that are not one. */
export function unpackJson(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  if (r.byte() !== VERSION) throw new RangeError('packed value of an unknown version');
  const value = readValue(r, 0);
  if (!r.atEnd()) throw new RangeError('packed value has trailing bytes');
  return value;
}
