import { describe, expect, it } from 'vitest';
import { trimChar, trimCharEnd } from '../../src/domain/trim-chars.ts';

describe('trimCharEnd and trimChar', () => {
  it.each([
    ['http://x.org///', 'http://x.org', 'http://x.org'],
    ['/World/', '/World', 'World'],
    ['', '', ''],
    ['///', '', ''],
    ['a/b', 'a/b', 'a/b'],
  ])('%j', (input, end, both) => {
    expect(trimCharEnd(input, '/')).toBe(end);
    expect(trimChar(input, '/')).toBe(both);
  });
});
