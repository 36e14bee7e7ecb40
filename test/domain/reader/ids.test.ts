import { describe, expect, it } from 'vitest';
import { longItemId, parseItemId, shortItemId } from '../../../src/domain/reader/item-id.ts';
import { decodeContinuation, encodeContinuation, parseStreamId, toMicroseconds } from '../../../src/domain/reader/stream-id.ts';
import { stateChangeOf } from '../../../src/server/greader/edits.ts';

describe('item ids', () => {
  it.each([
    ['tag:google.com,2005:reader/item/00000000000000ff', 255],
    ['tag:google.com,2005:reader/item/ff', 255],
    ['255', 255],
    [' 42 ', 42],
    ['-1', null], // 2^64 - 1: beyond any story id
    ['0', null],
    ['tag:google.com,2005:reader/item/xyz', null],
    ['tag:google.com,2005:reader/item/00000000000000001', null],
    ['12abc', null],
    ['', null],
  ])('%j → %j', (raw, id) => expect(parseItemId(raw)).toBe(id));

  it('round-trips both forms', () => {
    for (const id of [1, 4096, 2 ** 40 + 3]) {
      expect(longItemId(id)).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
      expect(parseItemId(longItemId(id))).toBe(id);
      expect(parseItemId(shortItemId(id))).toBe(id);
    }
  });
});

describe('stream ids', () => {
  it.each([
    ['user/-/state/com.google/reading-list', { kind: 'reading-list' }],
    ['user/1234/state/com.google/starred', { kind: 'starred' }],
    ['user/-/state/com.google/kept-unread', { kind: 'kept-unread' }],
    ['feed/https://example.org/feed.xml', { kind: 'feed', url: 'https://example.org/feed.xml' }],
    ['feed/17', { kind: 'feed-id', feedId: 17 }],
    ['user/-/label/World News', { kind: 'label', name: 'World News' }],
    ['user/-/state/com.google/broadcast', null],
    ['feed/', null],
    ['splat', null],
  ])('%j → %j', (raw, stream) => expect(parseStreamId(raw)).toEqual(stream));

  it('continuations round-trip and refuse what they did not make', () => {
    expect(decodeContinuation(encodeContinuation('1796292064441123', 77))).toEqual({ usec: '1796292064441123', storyId: 77 });
    expect(decodeContinuation('bogus')).toBeNull();
  });

  it.each([
    ['1796292064', '1796292064000000'],
    ['1796292064441', '1796292064441000'],
    ['1796292064441123', '1796292064441123'],
    ['-5', null],
    ['soon', null],
  ])('time %j → µs %j', (raw, usec) => expect(toMicroseconds(raw)).toBe(usec));
});

describe('edit-tag tags', () => {
  it.each([
    [['user/-/state/com.google/read'], [], { read: true }],
    [['user/-/state/com.google/kept-unread', 'user/-/state/com.google/tracking-kept-unread'], ['user/-/state/com.google/read'], { read: false }],
    [['user/-/state/com.google/starred'], [], { starred: true }],
    [[], ['user/-/state/com.google/starred'], { starred: false }],
    [['user/-/state/com.google/broadcast', 'user/-/label/Later'], [], {}],
  ])('a=%j r=%j → %j', (a, r, change) => expect(stateChangeOf(a, r)).toEqual(change));
});
