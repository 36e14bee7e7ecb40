import { describe, expect, it } from 'vitest';
import { commonFeedPaths, discoverFeedLinks } from '../../src/domain/discover.ts';

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
    expect(discoverFeedLinks(html, 'https://site.example/blog/post')).toEqual([
      'https://site.example/atom.xml',
      'https://cdn.example/rss',
      'https://site.example/blog/feed.json',
    ]);
  });

  it('honours <base href>', () => {
    const html = '<html><head><base href="https://other.example/x/"><link rel="alternate" type="application/rss+xml" href="rss"></head></html>';
    expect(discoverFeedLinks(html, 'https://site.example/')).toEqual(['https://other.example/x/rss']);
  });

  it.each([
    ['no links', '<html><head></head><body></body></html>'],
    ['not html at all', 'just text'],
    ['javascript href', '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'],
  ])('finds nothing: %s', (_name, html) => {
    expect(discoverFeedLinks(html, 'https://site.example/')).toEqual([]);
  });

  it('offers the common feed paths to try', () => {
    expect(commonFeedPaths).toEqual(expect.arrayContaining(['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feed.json']));
  });
});
