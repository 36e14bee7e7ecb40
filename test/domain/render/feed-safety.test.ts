// The merged feed in all three formats: hostile item text comes out inert (escaped text, checked links),
// RFC 5005 paging links and WebSub hub links appear where the metadata asks for them.
import { describe, expect, it } from 'vitest';
import { DOMParser } from 'linkedom';
import { renderAtom } from '../../../src/domain/render/atom.ts';
import { renderJsonFeed } from '../../../src/domain/render/json-feed.ts';
import { renderRss } from '../../../src/domain/render/rss.ts';
import type { FeedMeta, StoryView } from '../../../src/domain/render/story-view.ts';

const HOSTILE_TITLE = 'Breaking <script>alert(1)</script> <img src=x onerror="alert(2)">';
const HOSTILE_SUMMARY = 'First <a href="javascript:alert(3)">click</a> paragraph of the story, on what the council decided today.\n\n<iframe src="https://evil.example"></iframe><svg onload=alert(4)>';

const story: StoryView = {
  id: 7,
  title: HOSTILE_TITLE,
  url: 'javascript:alert(5)',
  summary: HOSTILE_SUMMARY,
  firstPublishedAt: new Date('2026-11-24T08:00:00Z'),
  updatedAt: new Date('2026-11-24T09:00:00Z'),
  itemCount: 3,
  languages: ['en', 'fr"><script>alert(6)</script>'],
  members: [
    { itemId: 1, title: HOSTILE_TITLE, url: 'javascript:alert(5)', sourceTitle: 'Wire', sourceUrl: null, language: 'en', publishedAt: null, isCanonical: true },
    { itemId: 2, title: 'copy', url: 'https://ok.example/a?x=1&y=<2>', sourceTitle: '<b onmouseover=alert(7)>Digest</b>', sourceUrl: null, language: 'fr', publishedAt: null, isCanonical: false },
    { itemId: 3, title: 'copy', url: 'data:text/html,<script>alert(8)</script>', sourceTitle: 'Data', sourceUrl: null, language: null, publishedAt: null, isCanonical: false },
  ],
};

const meta: FeedMeta = {
  title: 'merged',
  description: 'test',
  homeUrl: 'http://feeds.example/',
  selfUrl: 'http://feeds.example/feed?page=2',
  firstUrl: 'http://feeds.example/feed',
  nextUrl: 'http://feeds.example/feed?page=3',
  prevUrl: 'http://feeds.example/feed',
  hubUrl: 'https://hub.example/',
  updatedAt: new Date('2026-11-24T09:00:00Z'),
  installationId: '6f1c1d8e-3b7a-4c55-9a40-0d9e2f3c4b5a',
};

type Parsed = { entryHtml: string; entryTitle: string; doc: string };

const xmlText = (xml: string, selector: string) =>
  (new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document).querySelector(selector)?.textContent ?? '';

const FORMATS: [string, () => Parsed][] = [
  ['RSS 2.0', () => { const doc = renderRss(meta, [story]); return { doc, entryHtml: xmlText(doc, 'item > description'), entryTitle: xmlText(doc, 'item > title') }; }],
  ['Atom 1.0', () => { const doc = renderAtom(meta, [story]); return { doc, entryHtml: xmlText(doc, 'entry > content'), entryTitle: xmlText(doc, 'entry > title') }; }],
  ['JSON Feed 1.1', () => {
    const doc = renderJsonFeed(meta, [story]);
    const item = (JSON.parse(doc) as { items: { content_html: string; title: string }[] }).items[0];
    return { doc, entryHtml: item?.content_html ?? '', entryTitle: item?.title ?? '' };
  }],
];

/** Every way a fragment of HTML could run script when a reader displays it. */
function activeContent(html: string): string[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html') as unknown as Document;
  const found: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'svg', 'img', 'style', 'form', 'base', 'meta', 'link'].includes(tag)) found.push(`<${tag}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
      if (['href', 'src', 'action', 'formaction'].includes(a.name) && !/^https?:\/\//i.test(a.value)) found.push(`${tag}[${a.name}=${a.value}]`);
    }
  }
  return found;
}

describe.each(FORMATS)('%s', (_name, render) => {
  it('entry HTML carries hostile text as text, with no active content', () => {
    const { entryHtml } = render();
    expect(activeContent(entryHtml)).toEqual([]);
    const text = (new DOMParser().parseFromString(`<html><body>${entryHtml}</body></html>`, 'text/html') as unknown as Document).body.textContent;
    expect(text).toContain('<a href="javascript:alert(3)">click</a>');
    expect(text).toContain('<b onmouseover=alert(7)>Digest</b>');
  });

  it('keeps the only safe copy link and the story page link, and drops javascript: and data: links', () => {
    const { entryHtml } = render();
    const hrefs = [...entryHtml.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://ok.example/a?x=1&amp;y=%3C2%3E', 'http://feeds.example/stories/7']);
  });

  it('entry title is the plain text, unchanged', () => {
    expect(render().entryTitle).toBe(HOSTILE_TITLE);
  });

  it('has no javascript: or data: URL anywhere in the document, and no raw markup in XML', () => {
    const { doc } = render();
    expect(doc).not.toMatch(/(href|src|url)"?\s*[:=]\s*"(javascript|data):/i);
    // JSON Feed's title and summary are plain text by spec; in XML every hostile tag must be escaped.
    if (doc.startsWith('<?xml')) expect(doc).not.toMatch(/<(script|img|iframe|svg|b)\b/i);
  });
});

describe('paging (RFC 5005) and WebSub links', () => {
  it.each([
    ['RSS 2.0', () => renderRss(meta, [story]), (rel: string, href: string) => `<atom:link rel="${rel}" href="${href}"`],
    ['Atom 1.0', () => renderAtom(meta, [story]), (rel: string, href: string) => `<link rel="${rel}" href="${href}"`],
  ])('%s links first, next, previous, self and hub', (_name, render, linkOf) => {
    const doc = render();
    for (const [rel, href] of [['first', meta.firstUrl], ['next', meta.nextUrl], ['previous', meta.prevUrl], ['hub', meta.hubUrl], ['self', meta.selfUrl]]) {
      expect(doc).toContain(linkOf(rel as string, (href as string).replace(/&/g, '&amp;')));
    }
  });

  it('JSON Feed gives next_url and a WebSub hub', () => {
    const doc = JSON.parse(renderJsonFeed(meta, [story])) as { next_url: string; hubs: { type: string; url: string }[]; feed_url: string };
    expect(doc.next_url).toBe(meta.nextUrl);
    expect(doc.feed_url).toBe(meta.selfUrl);
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
  });

  it.each([
    ['RSS 2.0', () => renderRss({ ...meta, hubUrl: null, nextUrl: null, prevUrl: null }, [story])],
    ['Atom 1.0', () => renderAtom({ ...meta, hubUrl: null, nextUrl: null, prevUrl: null }, [story])],
    ['JSON Feed 1.1', () => renderJsonFeed({ ...meta, hubUrl: null, nextUrl: null, prevUrl: null }, [story])],
  ])('%s omits hub and paging links the metadata lacks', (_name, render) => {
    expect(render()).not.toMatch(/rel="(hub|next|previous)"|"hubs"|"next_url"/);
  });
});
