// The merged feed as Atom 1.0 (RFC 4287): one <entry> per story in its canonical item's language, the
// outlet as author, the canonical item's feed as <source>, copies as rel="related" links.
import { escapeXml, languageTag, safeHref } from './escape.ts';
import { renderStoryHtml } from './story-html.ts';
import { bylineOf, canonicalMember, feedDocumentId, otherSources, storyEntryId, storyPageUrl, type FeedMeta, type StoryView } from './story-view.ts';

const link = (rel: string, href: string | null, extra = '') => (href ? `<link rel="${rel}" href="${escapeXml(href)}"${extra}/>` : '');
const attr = (name: string, value: string | null | undefined) => (value ? ` ${name}="${escapeXml(value)}"` : '');

/** One story as an Atom <entry>. */
export function renderAtomEntry(meta: FeedMeta, s: StoryView): string {
  const canonical = canonicalMember(s);
  const lang = languageTag(s.language ?? canonical?.language);
  const updated = (s.updatedAt ?? s.firstPublishedAt ?? meta.updatedAt).toISOString();
  const page = storyPageUrl(meta, s);
  const outlet = canonical?.sourceTitle ?? null;
  const authorName = bylineOf(canonical);
  const feedUrl = safeHref(canonical?.feedUrl);
  return [
    `<entry${attr('xml:lang', lang)}>`,
    `<id>${escapeXml(storyEntryId(meta, s))}</id>`,
    `<title type="text">${escapeXml(s.title)}</title>`,
    link('alternate', safeHref(s.url), ' type="text/html"'),
    link('related', page, ` type="text/html" title="Every copy of this story"`),
    ...otherSources(s).map((m) => link('related', safeHref(m.url), `${attr('hreflang', languageTag(m.language))}${attr('title', m.sourceTitle ?? m.title)}`)),
    s.firstPublishedAt ? `<published>${s.firstPublishedAt.toISOString()}</published>` : '',
    `<updated>${updated}</updated>`,
    authorName ? `<author><name>${escapeXml(authorName)}</name>${safeHref(canonical?.sourceUrl) ? `<uri>${escapeXml(safeHref(canonical?.sourceUrl) as string)}</uri>` : ''}</author>` : '',
    feedUrl ? `<source><id>${escapeXml(feedUrl)}</id>${outlet ? `<title>${escapeXml(outlet)}</title>` : ''}${link('self', feedUrl)}</source>` : '',
    s.summary ? `<summary type="text">${escapeXml(s.summary)}</summary>` : '',
    `<content type="html">${escapeXml(renderStoryHtml(s, page))}</content>`,
    '</entry>',
  ].join('');
}

/** Render stories as an Atom 1.0 document. */
export function renderAtom(meta: FeedMeta, stories: StoryView[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attr('xml:lang', languageTag(meta.language))}>`,
    `<id>${feedDocumentId(meta)}</id>`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<subtitle>${escapeXml(meta.description)}</subtitle>`,
    `<updated>${meta.updatedAt.toISOString()}</updated>`,
    '<author><name>feedfold</name></author>',
    '<generator>feedfold</generator>',
    link('self', meta.selfUrl, ' type="application/atom+xml"'),
    link('alternate', meta.homeUrl, ' type="text/html"'),
    link('first', meta.firstUrl),
    link('next', meta.nextUrl),
    link('previous', meta.prevUrl),
    link('hub', meta.hubUrl),
    ...stories.map((s) => renderAtomEntry(meta, s)),
    '</feed>',
    '',
  ].join('\n');
}
