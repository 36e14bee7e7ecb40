// The merged feed as JSON Feed 1.1: one item per story, copies under the "_feedfold" extension.
import { safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { otherSources, storyEntryId, type FeedMeta, type StoryView } from './story-view.ts';

/** Render stories as a JSON Feed 1.1 document. */
export function renderJsonFeed(meta: FeedMeta, stories: StoryView[]): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    description: meta.description,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    ...(meta.nextUrl ? { next_url: meta.nextUrl } : {}),
    ...(meta.hubUrl ? { hubs: [{ type: 'WebSub', url: meta.hubUrl }] } : {}),
    items: stories.map((s) => ({
      id: storyEntryId(meta, s),
      ...(safeHref(s.url) ? { url: safeHref(s.url) } : {}),
      title: s.title,
      content_html: renderStoryHtml(s),
      summary: s.summary.slice(0, 500),
      ...(s.firstPublishedAt ? { date_published: s.firstPublishedAt.toISOString() } : {}),
      date_modified: s.updatedAt.toISOString(),
      ...(s.languages.length === 1 ? { language: s.languages[0] } : {}),
      tags: s.languages.map((l) => `lang:${l}`),
      _feedfold: {
        story_id: s.id,
        sources: s.itemCount,
        languages: s.languages,
        also_reported_by: otherSources(s).map((m) => ({
          title: m.sourceTitle ?? m.title,
          url: safeHref(m.url),
          language: m.language,
          date_published: m.publishedAt?.toISOString() ?? null,
        })),
      },
    })),
  };
  return JSON.stringify(doc, null, 2);
}
