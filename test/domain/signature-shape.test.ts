import { describe, expect, it } from 'vitest';
import { isSignature, signItem } from '../../src/domain/fingerprint.ts';

const good = signItem({ url: 'http://a.example/x', canonicalUrl: null, title: 'A title with words', text: 'Some text here.', links: [], language: 'en', publishedAt: null });

describe('isSignature', () => {
  it('accepts what signItem makes', () => {
    expect(isSignature(good)).toBe(true);
    expect(isSignature(JSON.parse(JSON.stringify(good)))).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'abc'],
    ['another version', { ...good, v: 2 }],
    ['a simhash that is not 16 hex digits', { ...good, sh: 'zz' }],
    ['shingle hashes as strings (the stored form, which src/db/signatures.ts converts)', { ...good, ss: ['0000000a'] }],
    ['shingle hashes that are not 32-bit unsigned integers', { ...good, ss: [1, -2] }],
    ['shingle hashes over 32 bits', { ...good, ss: [2 ** 32] }],
    ['fractional shingle hashes', { ...good, ss: [1.5] }],
    ['no anchors', { ...good, a: undefined }],
  ])('rejects %s', (_name, value) => {
    expect(isSignature(value)).toBe(false);
  });
});
