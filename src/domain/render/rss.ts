// The merged feed as RSS 2.0: one <item> per story.
import { escapeXml, safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { storyEntryId, type FeedMeta, type StoryView } from './story-view.ts';

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Render stories as an RSS 2.0 document. */
export function renderRss(meta: FeedMeta, stories: StoryView[]): string {
  const atomLink = (rel: string, href: string | null) =>
    href ? `<atom:link rel="${rel}" href="${escapeXml(href)}"${rel === 'self' ? ' type="application/rss+xml"' : ''}/>` : '';
  const items = stories.map((s) => {
    const link = safeHref(s.url);
    return [
      '<item>',
      `<title>${escapeXml(s.title)}</title>`,
      link ? `<link>${escapeXml(link)}</link>` : '',
      `<guid isPermaLink="false">${escapeXml(storyEntryId(meta, s))}</guid>`,
      s.firstPublishedAt ? `<pubDate>${s.firstPublishedAt.toUTCString()}</pubDate>` : '',
      `<description>${cdata(renderStoryHtml(s))}</description>`,
      ...s.languages.map((l) => `<category domain="language">${escapeXml(l)}</category>`),
      `<feedfold:sources>${s.itemCount}</feedfold:sources>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:feedfold="https://feedfold.dev/ns/1.0">',
    '<channel>',
    `<title>${escapeXml(meta.title)}</title>`,
    `<link>${escapeXml(meta.homeUrl)}</link>`,
    `<description>${escapeXml(meta.description)}</description>`,
    `<lastBuildDate>${meta.updatedAt.toUTCString()}</lastBuildDate>`,
    atomLink('self', meta.selfUrl),
    atomLink('first', meta.firstUrl),
    atomLink('next', meta.nextUrl),
    atomLink('previous', meta.prevUrl),
    atomLink('hub', meta.hubUrl),
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
