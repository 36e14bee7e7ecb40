import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/http/fetch.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number | null]>([
    ['120', 120],
    ['0', 0],
    [' 30 ', 30],
    ['Wed, 25 Nov 2026 12:05:00 GMT', 300],
    ['Wed, 25 Nov 2026 12:00:00 GMT', 0],
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0],
    ['Wednesday, 25-Nov-26 12:01:00 GMT', 60],
    ['Wed, 25 Nov 2026 12:00:00.5 GMT', 1],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j gives %j seconds', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
