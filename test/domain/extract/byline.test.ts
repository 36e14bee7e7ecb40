import { describe, expect, it } from 'vitest';
import { dropBylineLines, isBylineLine } from '../../../src/domain/extract/byline.ts';

describe('isBylineLine', () => {
  it.each([
    ['Wire Staff', 'Wire Staff', true],
    ['By Wire Staff', 'Wire Staff', true],
    ['Wire Staff March 9, 2025 at 4:39 PM', 'Wire Staff', true],
    ['Von Anna Berg | 04.06.2019, 20:37 Uhr', 'Anna Berg', true],
    ['News Desk', 'By News Desk', true],
    ['Wire Staff reported that the bridge will close in May.', 'Wire Staff', false],
    ['The mayor said the bridge will close.', 'Wire Staff', false],
    ['Wire Staff', null, false],
    ['Al', 'Al', false],
  ])('%s (author %s) → %s', (line, author, expected) => {
    expect(isBylineLine(line, author)).toBe(expected);
  });
});

describe('dropBylineLines', () => {
  it('drops the byline paragraph and keeps the text around it', () => {
    const text = 'Wire Staff March 9, 2025 at 4:39 PM\n\nNight trains return.\n\nTickets go on sale next week.';
    expect(dropBylineLines(text, 'Wire Staff')).toBe('Night trains return.\n\nTickets go on sale next week.');
  });
});
