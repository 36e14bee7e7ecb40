// Signatures are stored packed: every JSON value must come back equal, real signatures at a fraction of their
// JSON size, and rows stored before (JSON text, packed version 1, packed version 2 by this cbor-x) must still read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packJson, unpackJson } from '../../src/db/packed-json.ts';
import { packSignature, parseSignature, storedForm } from '../../src/db/signatures.ts';
import { signItem, type Signature } from '../../src/domain/fingerprint.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/fold');
const signatures: Signature[] = fs
  .readdirSync(fixtures)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => {
    const [title = '', ...rest] = fs.readFileSync(path.join(fixtures, f), 'utf8').split('\n');
    return signItem({
      url: `https://example.org/${f}`,
      canonicalUrl: null,
      title,
      text: rest.join('\n'),
      links: ['https://wire.example.net/2026/11/24/story.html'],
      language: f.match(/-([a-z]{2})\.txt$/)?.[1] ?? null,
      publishedAt: null,
    });
  });

describe('packJson', () => {
  it.each([
    ['null', null],
    ['booleans', [true, false]],
    ['integers', [0, 1, 127, 128, 300, 2 ** 40, -1, -128, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]],
    ['fractions', [0.5, -1.25, 1e300, 3.141592653589793]],
    ['strings', ['', 'a', 'abc', 'ab', '0f', 'ABCD', '00ff', 'zürich', '東京', '=frs', '#2020']],
    ['hex arrays', [['d16abf24', '6374b764'], ['00', 'ff', '0a'], ['d16abf24', 'ABCDEF12'], ['d16abf24', '6374b7']]],
    ['repeats', { a: ['x', 'y', 'x'], q: ['y', 'x', 'y', 'z'], x: 'x' }],
    ['nesting', { a: { b: { c: [1, [2, [3, { d: null }]]] } }, e: [] }],
  ])('returns %s unchanged', (_, value) => {
    expect(unpackJson(packJson(value))).toEqual(value);
  });

  it('still writes the bytes version 2 wrote before (what is stored does not depend on how it was written)', () => {
    const stored = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/packed/v2.json'), 'utf8')) as
      { value: unknown; packed: string }[];
    for (const { value, packed } of stored) expect(packJson(value).toString('hex')).toBe(packed);
  });

  it('packs a Uint8Array as the hex string of its bytes', () => {
    const value = { h: ['d16abf24', '00ff'], s: 'x' };
    const asBytes = { h: [Buffer.from('d16abf24', 'hex'), new Uint8Array([0, 255])], s: 'x' };
    expect(packJson(asBytes).equals(packJson(value))).toBe(true);
    expect(unpackJson(packJson(asBytes))).toEqual(value);
  });

  it('refuses bytes that are not a packed value', () => {
    const good = packJson({ a: [1, 'two'] });
    expect(() => unpackJson(good.subarray(0, good.length - 1))).toThrow(RangeError);
    expect(() => unpackJson(Buffer.concat([good, Buffer.from([0])]))).toThrow(RangeError);
    expect(() => unpackJson(Buffer.from([9, 0]))).toThrow(RangeError);
    expect(() => unpackJson(Buffer.from([1, 200]))).toThrow(RangeError);
    expect(() => unpackJson(Buffer.from([2, 0xff]))).toThrow(RangeError);
  });

  it('writes lowercase hex strings as bytes, other strings as text', () => {
    const hex = 'd16abf24'.repeat(8);
    expect(packJson({ h: hex }).length).toBeLessThan(hex.length / 2 + 12);
    expect(packJson({ h: hex.toUpperCase() }).length).toBeGreaterThan(hex.length);
  });

  it.each(['v1', 'v2'])('reads the bytes version %s wrote', (version) => {
    const stored = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../fixtures/packed/${version}.json`), 'utf8')) as
      { value: unknown; packed: string }[];
    expect(stored.length).toBeGreaterThan(9);
    for (const { value, packed } of stored) {
      expect(packed.slice(0, 2)).toBe(`0${version.slice(1)}`);
      expect(unpackJson(Buffer.from(packed, 'hex'))).toEqual(value);
    }
    // The signatures among them read with their shingle hashes as numbers.
    const sigs = stored.filter((s) => typeof s.value === 'object' && s.value !== null && 'ss' in s.value);
    expect(sigs.length).toBeGreaterThan(0);
    for (const { value, packed } of sigs) {
      const hex = (value as { ss: string[] }).ss;
      expect(parseSignature(Buffer.from(packed, 'hex'))?.ss).toEqual(hex.map((h) => parseInt(h, 16)));
    }
  });
});

describe('stored signatures', () => {
  it('read back equal to what was signed, in under 60 % of their JSON size', () => {
    expect(signatures.length).toBeGreaterThan(5);
    let packed = 0;
    let json = 0;
    for (const sig of signatures) {
      const bytes = packSignature(sig);
      expect(parseSignature(bytes)).toEqual(JSON.parse(JSON.stringify(sig)));
      packed += bytes.length;
      json += Buffer.byteLength(JSON.stringify(sig));
    }
    expect(packed).toBeLessThan(json * 0.6);
  });

  it('keep shingle hashes as 8 hex digits when stored and as numbers when read', () => {
    const sig = signatures.find((s) => s.ss.some((h) => h >= 2 ** 31))!;
    expect(sig.ss.every((h) => Number.isInteger(h) && h >= 0 && h < 2 ** 32)).toBe(true);
    const stored = unpackJson(packSignature(sig)) as { ss: unknown[] };
    expect(stored.ss).toEqual(sig.ss.map((h) => h.toString(16).padStart(8, '0')));
    expect(parseSignature(packJson(stored))?.ss).toEqual(sig.ss);
    // Packed from numbers, the same bytes as packed from the stored form's hex digits.
    for (const s of signatures) expect(packSignature(s).equals(packJson(storedForm(s)))).toBe(true);
  });

  it('read rows stored before packing (JSON text, shingle hashes as hex) and refuse damaged ones', () => {
    const sig = signatures[0]!;
    expect(parseSignature(Buffer.from(JSON.stringify(storedForm(sig))))).toEqual(sig);
    expect(parseSignature(Buffer.from(JSON.stringify({ ...storedForm(sig), ss: ['0a1b'] })))).toBeNull();
    expect(parseSignature(new Uint8Array(packSignature(sig)))).toEqual(JSON.parse(JSON.stringify(sig)));
    expect(parseSignature(packSignature(sig).subarray(0, 10))).toBeNull();
    expect(parseSignature(Buffer.from('{"v": 1'))).toBeNull();
    expect(parseSignature(packJson({ v: 2 }))).toBeNull();
    expect(parseSignature(null)).toBeNull();
  });
});
