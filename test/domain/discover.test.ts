import { describe, expect, it } from 'vitest';
import { commonFeedPaths, discoverFeedLinks, feedCandidates } from '../../src/domain/discover.ts';
import { loadConfig } from '../../src/config.ts';
import { runWithinBudget } from '../helpers/budget.ts';

describe('discoverFeedLinks', () => {
  it('returns feed links in document order, absolute and without duplicates', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="https://cdn.example/rss">
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="Alternate Feed" type="application/RSS+XML; charset=utf-8" href="/atom.xml">
    </head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-element">x</a></body></html>`;
    expect(discoverFeedLinks(html, 'https://site.example/blog/post', 10)).toEqual([
      'https://site.example/atom.xml',
      'https://cdn.example/rss',
      'https://site.example/blog/feed.json',
    ]);
  });

  it('honours <base href>', () => {
    const html = '<html><head><base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="rss"></head></html>';
    expect(discoverFeedLinks(html, 'https://site.example/', 10)).toEqual(['https://other.example/x/rss']);
  });

  it.each([
    ['no links', '<html><head></head><body></body></html>'],
    ['not html at all', 'just text'],
    ['javascript href', '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'],
  ])('finds nothing: %s', (_name, html) => {
    expect(discoverFeedLinks(html, 'https://site.example/', 10)).toEqual([]);
  });

  it('offers the common feed paths to try', () => {
    expect(commonFeedPaths).toEqual(expect.arrayContaining(['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feed.json']));
  });

});

describe('autodiscovery limit', () => {
  const announcing = (n: number) =>
    `<html><head>${Array.from({ length: n }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/f${i}.xml">`).join('')}</head></html>`;
  const max = loadConfig({}).discoverMaxCandidates;

  it.each([
    ['at the limit', max, max],
    ['one over the limit', max + 1, max],
    ['300 announced', 300, max],
  ])('a page announcing feeds %s yields %i candidates, the first ones in order', (_name, announced, expected) => {
    const found = feedCandidates(announcing(announced), 'https://site.example/', max);
    expect(found).toHaveLength(expected);
    expect(found[0]).toBe('https://site.example/f0.xml');
    expect(found.at(-1)).toBe(`https://site.example/f${expected - 1}.xml`);
  });

  it('fills up with the common paths, still within the limit', () => {
    expect(feedCandidates(announcing(2), 'https://site.example/', 4)).toEqual([
      'https://site.example/f0.xml',
      'https://site.example/f1.xml',
      `https://site.example${commonFeedPaths[0]}`,
      `https://site.example${commonFeedPaths[1]}`,
    ]);
  });

  it('reads the link and base tags alone: none in comments or scripts, and a 1 MB page of "<" within a 256 MB heap', async () => {
    const html = `<head><base href="https://other.example/b/"><!-- <link rel="alternate" type="application/rss+xml" href="/commented"> -->
      <script>document.write('<link rel="alternate" type="application/rss+xml" href="/scripted">')</script>
      <link rel="alternate" type="application/rss+xml" title="a > b" href="feed"></head>`;
    expect(discoverFeedLinks(html, 'https://site.example/', 12)).toEqual(['https://other.example/b/feed']);
    // Parsed whole, this page needed more than 256 MB of heap.
    const links = await runWithinBudget<string[]>(new URL('../../src/domain/discover.ts', import.meta.url), 'discoverFeedLinks', ['<'.repeat(1_000_000), 'https://site.example/', 12], 10_000);
    expect(links).toEqual([]);
  });
});
