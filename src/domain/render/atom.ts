// The merged feed as Atom 1.0: one <entry> per story, copies as rel="related" links.
import { escapeXml, safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { otherSources, storyEntryId, type FeedMeta, type StoryView } from './story-view.ts';

/** Render stories as an Atom 1.0 document. */
export function renderAtom(meta: FeedMeta, stories: StoryView[]): string {
  const link = (rel: string, href: string | null, extra = '') =>
    href ? `<link rel="${rel}" href="${escapeXml(href)}"${extra}/>` : '';
  const entries = stories.map((s) => {
    const updated = (s.updatedAt ?? s.firstPublishedAt ?? meta.updatedAt).toISOString();
    return [
      '<entry>',
      `<id>${escapeXml(storyEntryId(meta, s))}</id>`,
      `<title type="text">${escapeXml(s.title)}</title>`,
      link('alternate', safeHref(s.url)),
      ...otherSources(s).map((m) =>
        link('related', safeHref(m.url), `${m.language ? ` hreflang="${escapeXml(m.language)}"` : ''} title="${escapeXml(m.sourceTitle ?? m.title)}"`),
      ),
      s.firstPublishedAt ? `<published>${s.firstPublishedAt.toISOString()}</published>` : '',
      `<updated>${updated}</updated>`,
      ...s.languages.map((l) => `<category scheme="language" term="${escapeXml(l)}"/>`),
      `<content type="html">${escapeXml(renderStoryHtml(s))}</content>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(meta.homeUrl)}</id>`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<subtitle>${escapeXml(meta.description)}</subtitle>`,
    `<updated>${meta.updatedAt.toISOString()}</updated>`,
    '<author><name>feedfold</name></author>',
    link('self', meta.selfUrl, ' type="application/atom+xml"'),
    link('alternate', meta.homeUrl, ' type="text/html"'),
    link('first', meta.firstUrl),
    link('next', meta.nextUrl),
    link('previous', meta.prevUrl),
    link('hub', meta.hubUrl),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
