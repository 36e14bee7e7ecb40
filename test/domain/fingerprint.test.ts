import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldSettings, hammingDistance, lookupKeyIds, lookupKeys, signItem, type SignInput } from '../../src/domain/fingerprint.ts';
import { computeSimhash, hash32, simhashBands } from '../../src/domain/fingerprint/simhash.ts';
import { selectStoryParagraphs } from '../../src/domain/fingerprint/clean-body.ts';

const FIX = new URL('../fixtures/fold/', import.meta.url);
const read = (name: string): string => fs.readFileSync(new URL(name, FIX), 'utf8');

function input(over: Partial<SignInput>): SignInput {
  return { url: 'https://example.org/a', canonicalUrl: null, title: 'A title', text: '', links: [],
    language: 'en', publishedAt: new Date('2025-03-03T10:00:00Z'), ...over };
}

/** Flip the given bit positions (0 = most significant) of a 16-hex simhash. */
function flip(hex: string, bits: number[]): string {
  let v = BigInt(`0x${hex}`);
  for (const b of bits) v ^= 1n << BigInt(63 - b);
  return v.toString(16).padStart(16, '0');
}

describe('hammingDistance', () => {
  it.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', 'ffffffffffffffff', 64],
    ['8000000000000000', '0000000000000000', 1],
    ['0000000000000001', '0000000000000000', 1],
    ['00000000ffffffff', 'ffffffff00000000', 64],
    ['0f0f0f0f0f0f0f0f', '0f0f0f0f0f0f0f0e', 1],
  ])('%s vs %s = %i', (a, b, d) => {
    expect(hammingDistance(a, b)).toBe(d);
    expect(hammingDistance(b, a)).toBe(d);
  });

  it('rejects strings that are not 16 hex digits', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(RangeError);
    expect(() => hammingDistance('zzzzzzzzzzzzzzzz', '0000000000000000')).toThrow(RangeError);
  });
});

describe('computeSimhash', () => {
  /** The definition: bit i of each half is set where most features' hash32 (one seed per half) has it set. */
  function reference(features: string[]): string {
    const half = (seed: number): string => {
      let bits = 0;
      for (let b = 0; b < 32; b++) {
        const ones = features.filter((f) => (hash32(f, seed) >>> b) & 1).length;
        if (2 * ones > features.length) bits |= 1 << b;
      }
      return (bits >>> 0).toString(16).padStart(8, '0');
    };
    return half(0x811c9dc5) + half(0x9747b28c);
  }

  it.each([
    ['one feature', ['moscow talks']],
    ['ascii shingles', read('ferry-original-en.txt').split(/\s+/).slice(0, 400).map((w, i, a) => `${w} ${a[i + 1] ?? ''}`)],
    ['non-latin and astral', ['переговоры в москве', '東京 会談', 'emoji 🦊 fox', 'ü', '']],
  ])('is the majority vote of two seeded hashes: %s', (_, features) => {
    const set = new Set(features);
    expect(computeSimhash(set)).toBe(reference([...set]));
  });

  it('is null without features', () => {
    expect(computeSimhash(new Set())).toBeNull();
  });
});

describe('simhashBands (pigeonhole)', () => {
  const base = '9e3779b97f4a7c15';
  it.each([
    [3, [0, 16, 32, 48]],
    [3, [15, 31, 47]],
    [3, [0, 1, 2]],
    [3, [60, 61, 62, 63]],
    [3, [5, 21, 37, 53]],
    [2, [10, 30, 50]],
    [5, [0, 11, 22, 33, 44]],
  ])('k=%i, flipped bits %j: distance <= k shares a band, one flip per band shares none', (k, bits) => {
    const other = flip(base, bits);
    const shared = simhashBands(base, k).filter((b) => simhashBands(other, k).includes(b));
    expect(simhashBands(base, k)).toHaveLength(k + 1);
    if (hammingDistance(base, other) <= k) expect(shared.length).toBeGreaterThan(0);
    else expect(shared.length).toBeLessThan(k + 1);
  });

  it('holds for every distance-k flip pattern sampled across the blocks', () => {
    const k = foldSettings.nearDistance;
    for (let seed = 0; seed < 200; seed++) {
      const bits = new Set<number>();
      let x = seed + 1;
      while (bits.size < k) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        bits.add((x >>> 16) % 64);
      }
      const other = flip(base, [...bits]);
      expect(simhashBands(base, k).some((b) => simhashBands(other, k).includes(b))).toBe(true);
    }
  });
});

describe('republisher lines', () => {
  it.each([
    ['site header', 'World News Hub | Latest Headlines'],
    ['English source line', 'Source link'],
    ['French source line', 'Lien source'],
    ['read more', 'Read more at Global Press Digest'],
    ['first appeared', 'This article first appeared on The Daily Ledger.'],
    ['ad marker', 'ADVERTISEMENT'],
    ['Spanish ad marker', 'PUBLICIDAD'],
    ['editor note (Chinese)', '编者按：本文转载自Northfield Courier，仅供参考。'],
    ['update note', 'UPDATE (11:34 AM): This story has been updated with additional information.'],
    ['web address', 'Read the full story at https://example.org/news/2025/03/some-long-story-name'],
  ])('%s is not story text', (_name, line) => {
    const body = read('council-original-en.txt');
    const kept = selectStoryParagraphs(`${line}\n\n${body}\n\n${line}`).map((p) => p.text);
    expect(kept.join('\n')).not.toContain(line);
    expect(kept.length).toBe(6);
  });
});

describe('signItem / lookupKeys', () => {
  const sig = signItem(input({ text: read('council-original-en.txt'), title: 'Riverton closes Market Street bridge to cars',
    links: ['https://other.example/news/original-story', 'https://example.org/internal'] }));

  it('is compact and survives a JSON round trip', () => {
    expect(JSON.parse(JSON.stringify(sig))).toEqual(sig);
    expect(sig.sh).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(sig).length).toBeLessThan(2000);
  });

  it('keeps only links to other sites', () => {
    expect(sig.l).toHaveLength(1);
  });

  it('gives a bounded number of short keys', () => {
    const keys = lookupKeys(sig);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.length).toBeLessThanOrEqual(64);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(24);
  });

  it('gives the index one distinct 32-bit integer per distinct key, the same for the same signature', () => {
    const ids = lookupKeyIds(sig);
    expect(ids.length).toBe(new Set(lookupKeys(sig)).size);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(Number.isInteger(id) && id >= -(2 ** 31) && id < 2 ** 31).toBe(true);
    expect(lookupKeyIds(JSON.parse(JSON.stringify(sig)))).toEqual(ids);
  });

  it('signs a title-only item without a simhash', () => {
    const s = signItem(input({ text: '', title: 'McDonald\'s posts weak February sales results' }));
    expect(s.sh).toBeNull();
    expect(s.th).toBeNull();
    expect(lookupKeys(s).some((k) => k.startsWith('t:'))).toBe(true);
  });

  it('maps an own URL and another item\'s canonical URL to the same key', () => {
    const a = signItem(input({ url: 'https://www.example.org/story/1/?utm_source=x#top' }));
    const b = signItem(input({ url: 'https://mirror.example/p/9', canonicalUrl: 'http://example.org/story/1' }));
    expect(b.c).toBe(a.u);
  });
});
