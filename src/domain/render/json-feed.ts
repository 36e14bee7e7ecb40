// The merged feed as JSON Feed 1.1: one item per story, its outlet as author, copies under "_feedfold".
import { storyOutlets } from '../outlet.ts';
import { languageTag, safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { bylineOf, canonicalMember, otherSources, storyEntryId, storyPageUrl, type FeedMeta, type StoryView } from './story-view.ts';

/** JSON Feed's summary is plain text; longer ledes are cut at a word boundary with an ellipsis. */
export const JSON_SUMMARY_CHARS = 500;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** One story as a JSON Feed item. */
export function renderJsonFeedItem(meta: FeedMeta, s: StoryView): Record<string, unknown> {
  const canonical = canonicalMember(s);
  const page = storyPageUrl(meta, s);
  const language = languageTag(s.language ?? canonical?.language);
  const authorName = bylineOf(canonical);
  const authorUrl = safeHref(canonical?.sourceUrl);
  return {
    id: storyEntryId(meta, s),
    ...(safeHref(s.url) ? { url: safeHref(s.url) } : {}),
    title: s.title,
    content_html: renderStoryHtml(s, page),
    ...(s.summary ? { summary: shorten(s.summary, JSON_SUMMARY_CHARS) } : {}),
    ...(s.firstPublishedAt ? { date_published: s.firstPublishedAt.toISOString() } : {}),
    date_modified: s.updatedAt.toISOString(),
    ...(authorName ? { authors: [{ name: authorName, ...(authorUrl ? { url: authorUrl } : {}) }] } : {}),
    ...(language ? { language } : {}),
    tags: s.languages.map((l) => `lang:${l}`),
    _feedfold: {
      story_id: s.id,
      story_url: page,
      sources: storyOutlets(s.members).length,
      items: s.itemCount,
      languages: s.languages,
      also_reported_by: otherSources(s).map((m) => ({
        title: m.sourceTitle ?? m.title,
        url: safeHref(m.url),
        language: m.language,
        date_published: m.publishedAt?.toISOString() ?? null,
      })),
    },
  };
}

/** Render stories as a JSON Feed 1.1 document. */
export function renderJsonFeed(meta: FeedMeta, stories: StoryView[]): string {
  const language = languageTag(meta.language);
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    description: meta.description,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    ...(meta.nextUrl ? { next_url: meta.nextUrl } : {}),
    ...(language ? { language } : {}),
    authors: [{ name: 'feedfold', url: meta.homeUrl }],
    ...(meta.hubUrl ? { hubs: [{ type: 'WebSub', url: meta.hubUrl }] } : {}),
    items: stories.map((s) => renderJsonFeedItem(meta, s)),
  };
  return JSON.stringify(doc, null, 2);
}
