// The eval's "canonical item is the original" score: which of feedfold's stories chose the labelled original.
import { describe, expect, it } from 'vitest';
import { scoreCanonical, type CanonicalLabels, type MemberRow } from '../../scripts/lib/canonical-score.ts';

const labels: CanonicalLabels = {
  items: [
    { url: 'http://a.test/1', canonical_url: null, story: 's1', is_original: true, site: 'a.test' },
    { url: 'http://b.test/1', canonical_url: null, story: 's1', is_original: false, site: 'b.test' },
    { url: 'http://c.test/1', canonical_url: 'http://c.test/canon/1', story: 's2', is_original: true, site: 'c.test' },
    { url: 'http://d.test/1', canonical_url: null, story: 's2', is_original: false, site: 'd.test' },
  ],
};

const row = (story: string, url: string, isCanonical: boolean, canonicalUrl: string | null = null): MemberRow =>
  ({ story_id: story, url, canonical_url: canonicalUrl, is_canonical: isCanonical });

describe('scoreCanonical', () => {
  it.each([
    ['the original chosen', [row('1', 'http://a.test/1', true), row('1', 'http://b.test/1', false)], 1, []],
    ['a copy chosen', [row('1', 'http://a.test/1', false), row('1', 'http://b.test/1', true)], 0, [{ chosen: 'b.test', original: 'a.test' }]],
    // One article listed in two of its site's feeds: two items with the original's URL, either one is the original.
    ['the second item of the original chosen', [row('1', 'http://a.test/1', false), row('1', 'http://a.test/1', true), row('1', 'http://b.test/1', false)], 1, []],
    ['the original known by its canonical URL', [row('2', 'http://c.test/moved', true, 'http://c.test/canon/1'), row('2', 'http://d.test/1', false)], 1, []],
  ])('%s', (_, rows, original, misses) => {
    expect(scoreCanonical(rows, labels)).toEqual({ stories: 1, original, twoOriginals: 0, misses });
  });

  it('counts a story holding two originals apart, and as a hit when either is chosen', () => {
    const rows = [row('1', 'http://a.test/1', false), row('1', 'http://c.test/1', true), row('1', 'http://b.test/1', false)];
    expect(scoreCanonical(rows, labels)).toEqual({ stories: 1, original: 1, twoOriginals: 1, misses: [] });
  });

  it('leaves out stories without their original or without another item', () => {
    const rows = [row('1', 'http://a.test/1', true), row('2', 'http://d.test/1', true), row('3', 'http://b.test/1', true)];
    expect(scoreCanonical(rows, labels)).toEqual({ stories: 0, original: 0, twoOriginals: 0, misses: [] });
  });
});
