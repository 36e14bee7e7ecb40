// Stream items as the Google Reader API gives them: JSON (stream/contents) and Atom (/reader/atom, which
// newsboat's FeedHQ backend reads: the entry <id> is the long item id it sends back to edit-tag, and a
// category in Google's scheme labelled "read" or "fresh" carries the read state).
import { escapeXml, safeHref } from '../render/escape.ts';
import { renderReaderItemHtml, type ReaderItem } from './reader-item.ts';
import { longItemId } from './item-id.ts';
import { feedStreamId, labelStreamId, stateStreamId } from './stream-id.ts';

/** The categories of an item: reading list, its folder, and its read and starred state. */
export function itemCategories(item: ReaderItem): string[] {
  const out = [stateStreamId('reading-list')];
  if (item.folder) out.push(labelStreamId(item.folder));
  out.push(stateStreamId(item.read ? 'read' : 'fresh'));
  if (item.starred) out.push(stateStreamId('starred'));
  return out;
}

function seconds(usec: string): number {
  return Math.floor(Number(BigInt(usec) / 1_000_000n));
}

/** One item in the JSON shape FreshRSS and Miniflux answer with. */
export function readerItemJson(item: ReaderItem): Record<string, unknown> {
  const html = renderReaderItemHtml(item);
  const href = safeHref(item.url);
  const published = item.publishedAt ? Math.floor(item.publishedAt.getTime() / 1000) : seconds(item.crawledUsec);
  return {
    id: longItemId(item.storyId),
    crawlTimeMsec: String(BigInt(item.crawledUsec) / 1000n),
    timestampUsec: item.crawledUsec,
    published,
    updated: published,
    title: item.title,
    author: item.author ?? '',
    canonical: href ? [{ href }] : [],
    alternate: href ? [{ href, type: 'text/html' }] : [],
    categories: itemCategories(item),
    origin: { streamId: feedStreamId(item.feedUrl), title: item.feedTitle, htmlUrl: item.siteUrl ?? '' },
    summary: { direction: 'ltr', content: html },
    content: { direction: 'ltr', content: html },
  };
}

/** What an Atom stream document says about itself. */
export interface ReaderAtomMeta {
  streamId: string;
  title: string;
  selfUrl: string;
  updated: Date;
  continuation: string | null;
}

const GOOGLE_SCHEME = 'http://www.google.com/reader/';

/** A stream as an Atom 1.0 document in Google Reader's form. */
export function renderReaderAtom(meta: ReaderAtomMeta, items: ReaderItem[]): string {
  const entries = items.map((item) => {
    const href = safeHref(item.url);
    const published = item.publishedAt ?? new Date(seconds(item.crawledUsec) * 1000);
    const categories = itemCategories(item).map((term) => {
      const label = term.slice(term.lastIndexOf('/') + 1);
      return `<category term="${escapeXml(term)}" scheme="${GOOGLE_SCHEME}" label="${escapeXml(label)}"/>`;
    });
    return [
      '<entry>',
      `<id>${longItemId(item.storyId)}</id>`,
      ...categories,
      `<title type="html">${escapeXml(item.title)}</title>`,
      `<published>${published.toISOString()}</published>`,
      `<updated>${published.toISOString()}</updated>`,
      href ? `<link rel="alternate" href="${escapeXml(href)}" type="text/html"/>` : '',
      `<content type="html">${escapeXml(renderReaderItemHtml(item))}</content>`,
      `<author><name>${escapeXml(item.author || item.feedTitle)}</name></author>`,
      `<source><id>tag:google.com,2005:reader/${escapeXml(feedStreamId(item.feedUrl))}</id><title>${escapeXml(item.feedTitle)}</title>` +
        `${safeHref(item.siteUrl) ? `<link rel="alternate" href="${escapeXml(safeHref(item.siteUrl)!)}" type="text/html"/>` : ''}</source>`,
      '</entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">',
    `<id>tag:google.com,2005:reader/${escapeXml(meta.streamId)}</id>`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<updated>${meta.updated.toISOString()}</updated>`,
    `<link rel="self" href="${escapeXml(meta.selfUrl)}"/>`,
    meta.continuation ? `<gr:continuation>${escapeXml(meta.continuation)}</gr:continuation>` : '',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
