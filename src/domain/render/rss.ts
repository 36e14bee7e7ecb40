// The merged feed as RSS 2.0: one <item> per story, naming its outlet (dc:creator, <source>) and language.
import { storyOutlets } from '../outlet.ts';
import { escapeXml, languageTag, safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { bylineOf, canonicalMember, storyEntryId, storyPageUrl, type FeedMeta, type StoryView } from './story-view.ts';

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** One story as an RSS <item>. */
export function renderRssItem(meta: FeedMeta, s: StoryView): string {
  const link = safeHref(s.url);
  const canonical = canonicalMember(s);
  const page = storyPageUrl(meta, s);
  const creator = bylineOf(canonical);
  const feedUrl = safeHref(canonical?.feedUrl);
  const lang = languageTag(s.language ?? canonical?.language);
  return [
    '<item>',
    `<title>${escapeXml(s.title)}</title>`,
    link ? `<link>${escapeXml(link)}</link>` : '',
    `<guid isPermaLink="false">${escapeXml(storyEntryId(meta, s))}</guid>`,
    `<comments>${escapeXml(page)}</comments>`,
    creator ? `<dc:creator>${escapeXml(creator)}</dc:creator>` : '',
    lang ? `<dc:language>${lang}</dc:language>` : '',
    s.firstPublishedAt ? `<pubDate>${s.firstPublishedAt.toUTCString()}</pubDate>` : '',
    `<description>${cdata(renderStoryHtml(s, page))}</description>`,
    ...s.languages.map((l) => `<category domain="language">${escapeXml(l)}</category>`),
    feedUrl && canonical?.sourceTitle ? `<source url="${escapeXml(feedUrl)}">${escapeXml(canonical.sourceTitle)}</source>` : '',
    `<feedfold:sources>${storyOutlets(s.members).length}</feedfold:sources>`,
    '</item>',
  ].join('');
}

/** Render stories as an RSS 2.0 document. */
export function renderRss(meta: FeedMeta, stories: StoryView[]): string {
  const atomLink = (rel: string, href: string | null) =>
    href ? `<atom:link rel="${rel}" href="${escapeXml(href)}"${rel === 'self' ? ' type="application/rss+xml"' : ''}/>` : '';
  const lang = languageTag(meta.language);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:feedfold="https://feedfold.dev/ns/1.0">',
    '<channel>',
    `<title>${escapeXml(meta.title)}</title>`,
    `<link>${escapeXml(meta.homeUrl)}</link>`,
    `<description>${escapeXml(meta.description)}</description>`,
    lang ? `<language>${lang}</language>` : '',
    `<lastBuildDate>${meta.updatedAt.toUTCString()}</lastBuildDate>`,
    '<generator>feedfold</generator>',
    '<docs>https://www.rssboard.org/rss-specification</docs>',
    atomLink('self', meta.selfUrl),
    atomLink('first', meta.firstUrl),
    atomLink('next', meta.nextUrl),
    atomLink('previous', meta.prevUrl),
    atomLink('hub', meta.hubUrl),
    ...stories.map((s) => renderRssItem(meta, s)),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
