// The entry limits are settings: each field at its configured limit is kept as written, one past it is brought
// within it (guid hashed, link dropped, title, author and text cut), whatever the limit is set to.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { limitEntry } from '../../../src/domain/feed/entry-limits.ts';
import type { NormalisedItem } from '../../../src/model.ts';

const limits = loadConfig({
  FEEDFOLD_MAX_GUID_CHARS: '64',
  FEEDFOLD_MAX_LINK_CHARS: '256',
  FEEDFOLD_MAX_TITLE_CHARS: '20',
  FEEDFOLD_MAX_AUTHOR_CHARS: '30',
  FEEDFOLD_MAX_TEXT_CHARS: '1000',
}).entryLimits;

const entry = (over: Partial<NormalisedItem>): NormalisedItem => ({
  itemKey: 'k', url: null, canonicalUrl: null, title: 't', summary: null, content: null, author: null, publishedAt: null, ...over,
});
const link = (n: number) => `https://e.org/${'l'.repeat(n - 14)}`;

describe('entry limits from the settings', () => {
  it('reads them from FEEDFOLD_MAX_…_CHARS', () => {
    expect(limits).toEqual({ maxGuidChars: 64, maxLinkChars: 256, maxTitleChars: 20, maxAuthorChars: 30, maxTextChars: 1000 });
    expect(loadConfig({}).entryLimits).toEqual({ maxGuidChars: 512, maxLinkChars: 4096, maxTitleChars: 1000, maxAuthorChars: 500, maxTextChars: 1_000_000 });
  });

  it.each([
    ['guid', { itemKey: 'g'.repeat(64) }, (e: NormalisedItem) => e.itemKey, 'g'.repeat(64)],
    ['link', { url: link(256), canonicalUrl: link(256) }, (e: NormalisedItem) => e.url, link(256)],
    ['title', { title: 't'.repeat(20) }, (e: NormalisedItem) => e.title, 't'.repeat(20)],
    ['author', { author: 'a'.repeat(30) }, (e: NormalisedItem) => e.author, 'a'.repeat(30)],
    ['text', { summary: 's'.repeat(1000), content: 'c'.repeat(1000) }, (e: NormalisedItem) => `${e.summary}|${e.content}`, `${'s'.repeat(1000)}|${'c'.repeat(1000)}`],
  ])('a %s at its limit is kept as written', (_field, over, read, expected) => {
    expect(read(limitEntry(entry(over), limits))).toBe(expected);
  });

  it.each([
    ['guid', { itemKey: 'g'.repeat(65) }, (e: NormalisedItem) => e.itemKey, /^g:[0-9a-f]{64}$/],
    ['link', { url: link(257), canonicalUrl: link(257) }, (e: NormalisedItem) => `${e.url}|${e.canonicalUrl}`, /^null\|null$/],
    ['title', { title: 't'.repeat(21) }, (e: NormalisedItem) => e.title, /^t{19}…$/],
    ['author', { author: 'a'.repeat(31) }, (e: NormalisedItem) => e.author, /^a{29}…$/],
    ['text', { summary: 's'.repeat(1001), content: 'c'.repeat(1001) }, (e: NormalisedItem) => `${e.summary}|${e.content}`, /^s{999}…\|c{999}…$/],
  ])('a %s one past its limit is brought within it', (_field, over, read, expected) => {
    expect(read(limitEntry(entry(over), limits))).toMatch(expected);
  });

  it.each([['FEEDFOLD_MAX_GUID_CHARS', '63'], ['FEEDFOLD_MAX_TEXT_CHARS', 'lots'], ['FEEDFOLD_MAX_LINK_CHARS', '100000']])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
