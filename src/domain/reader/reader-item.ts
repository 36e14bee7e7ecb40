// One story as a reader app receives it: the chosen copy, under its feed, with the other sources.
import { htmlToText } from '../html-text.ts';
import { escapeXml, safeHref } from '../render/escape.ts';

/** Another copy of the story, from another source. */
export interface OtherSource {
  sourceTitle: string;
  title: string;
  url: string | null;
}

/** A story in an account's stream, as every reader API renders it. */
export interface ReaderItem {
  storyId: number;
  itemId: number;
  feedId: number;
  feedUrl: string;
  /** The account's title for the feed. */
  feedTitle: string;
  siteUrl: string | null;
  folder: string | null;
  title: string;
  url: string | null;
  author: string | null;
  /** Plain text of the copy (the article's extracted text, else its feed summary). */
  text: string;
  publishedAt: Date | null;
  crawledUsec: string;
  read: boolean;
  starred: boolean;
  alsoReportedBy: OtherSource[];
}

/** Longest text an item carries into an app; the link leads to the rest. */
export const READER_TEXT_MAX_CHARS = 20_000;

/** The item's body as HTML: its text in paragraphs, then "Also reported by" with a link to each other copy. */
export function renderReaderItemHtml(item: ReaderItem): string {
  const text = item.text.length > READER_TEXT_MAX_CHARS ? `${item.text.slice(0, READER_TEXT_MAX_CHARS)}…` : item.text;
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p)}</p>`);
  if (item.alsoReportedBy.length) {
    const links = item.alsoReportedBy.map((o) => {
      const href = safeHref(o.url);
      const name = escapeXml(o.sourceTitle);
      return href ? `<a href="${escapeXml(href)}" title="${escapeXml(o.title)}">${name}</a>` : name;
    });
    paragraphs.push(`<p class="feedfold-sources">Also reported by ${links.join(', ')}.</p>`);
  }
  return paragraphs.join('\n');
}

/** Plain text of a copy: the extracted article text, else its feed summary or content as text. */
export function readerTextOf(copy: { text: string | null; summary: string | null; content: string | null }): string {
  return copy.text || htmlToText(copy.summary) || htmlToText(copy.content) || '';
}
