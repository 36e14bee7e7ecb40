import { describe, expect, it } from 'vitest';
import { normaliseFeedItems } from '../../../src/domain/feed/normalise.ts';
import { htmlToLine as htmlToText } from '../../../src/domain/html-text.ts';
import type { ParsedFeed, ParsedItem } from '../../../src/model.ts';
import { loadConfig } from '../../../src/config.ts';

const LIMITS = loadConfig({}).entryLimits;
const normalise = (feed: Parameters<typeof normaliseFeedItems>[0], url: string) => normaliseFeedItems(feed, url, LIMITS);

const item = (over: Partial<ParsedItem>): ParsedItem => ({
  guid: null, link: null, title: null, published: null, author: null, summary: null, content: null, categories: [], enclosures: [], ...over,
});
const feed = (items: ParsedItem[], link: string | null = 'https://site.example/blog/'): ParsedFeed => ({
  format: 'rss', title: 'F', link, language: null, ttlMinutes: null, items,
});

describe('normaliseFeedItems', () => {
  it('resolves relative links against the feed link and canonicalises them', () => {
    const [n] = normalise(feed([item({ link: 'posts/1?utm_source=rss#top', title: 'T' })]), 'https://feeds.example/rss');
    expect(n).toMatchObject({ url: 'https://site.example/blog/posts/1?utm_source=rss#top', canonicalUrl: 'https://site.example/blog/posts/1' });
  });

  it('falls back to the feed URL when the feed has no link', () => {
    const [n] = normalise(feed([item({ link: '/p/2', title: 'T' })], null), 'https://feeds.example/rss');
    expect(n?.url).toBe('https://feeds.example/p/2');
  });

  it.each([
    ['tags stripped and entities decoded', { title: '<b>Fish</b> &amp; Chips&nbsp;now' }, 'Fish & Chips now'],
    ['space collapsed', { title: '  a \n\t b  ' }, 'a b'],
    ['empty title uses the summary', { title: ' ', summary: '<p>One two three four five six seven eight nine ten eleven twelve thirteen</p>' }, 'One two three four five six seven eight nine ten eleven twelve…'],
    ['short summary used whole', { summary: 'Short news' }, 'Short news'],
    ['nothing at all', {}, '(untitled)'],
  ])('title: %s', (_name, over, expected) => {
    expect(normalise(feed([item(over)]), 'https://f.example/')[0]?.title).toBe(expected);
  });

  it.each([
    ['guid first', { guid: ' g-1 ', link: 'https://a.example/x' }, 'g-1'],
    ['canonical link next', { link: 'https://a.example/x?utm_medium=x' }, 'https://a.example/x'],
    ['hash of title and date last', { title: 'T', published: '2024-05-06' }, /^h:[0-9a-f]{32}$/],
  ])('itemKey: %s', (_name, over, expected) => {
    const key = normalise(feed([item(over)]), 'https://f.example/')[0]?.itemKey;
    if (expected instanceof RegExp) expect(key).toMatch(expected);
    else expect(key).toBe(expected);
  });

  it('gives the same hash key for the same title and date, a different one otherwise', () => {
    const keys = normalise(
      feed([item({ title: 'T', published: 'd1' }), item({ title: 'U', published: 'd1' }), item({ title: 'T', published: 'd2' })]),
      'https://f.example/',
    ).map((n) => n.itemKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('drops later items with a duplicate key, keeping the first', () => {
    const out = normalise(feed([item({ guid: 'a', title: 'first' }), item({ guid: 'a', title: 'second' }), item({ guid: 'b', title: 'third' })]), 'https://f.example/');
    expect(out.map((n) => n.title)).toEqual(['first', 'third']);
  });

  it('parses the date and keeps summary and content as HTML', () => {
    const [n] = normalise(feed([item({ title: 'T', published: 'Tue, 03 Jun 2003 09:39:21 GMT', summary: '<p>s</p>', content: '<p>c</p>', author: 'Ann &amp; Bob' })]), 'https://f.example/');
    expect(n).toMatchObject({ publishedAt: new Date('2003-06-03T09:39:21Z'), summary: '<p>s</p>', content: '<p>c</p>', author: 'Ann & Bob' });
  });

  it('keeps a non-http link but gives it no canonical URL', () => {
    const [n] = normalise(feed([item({ link: 'tag:mefi.social,2024-01-26:objectId=1', title: 'T' })]), 'https://f.example/');
    expect(n).toMatchObject({ url: 'tag:mefi.social,2024-01-26:objectId=1', canonicalUrl: null });
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
    ['x<script>alert(1)</script>y', 'x y'],
    ['1 &lt; 2 &amp;&amp; 3 &gt; 2', '1 < 2 && 3 > 2'],
    ['a <!-- c --> b', 'a b'],
  ])('%s', (html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});
