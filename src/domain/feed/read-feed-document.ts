// A fetched feed document, read the way a poll needs it: bytes → text → parsed feed → normalised entries. This is
// the one function the poll runs on untrusted bytes, so the sandbox (src/sandbox/) wraps exactly this.
import type { NormalisedItem, ParsedFeed } from '../../model.ts';
import { decodeText } from '../encoding.ts';
import { limitFeedFields, type EntryLimits } from './entry-limits.ts';
import { normaliseFeedItems } from './normalise.ts';
import { parseFeed } from './parse-feed.ts';

/** What a poll keeps of a feed document: the feed's own fields, its normalised entries, and how it was read. */
export interface FeedDocument {
  feed: Omit<ParsedFeed, 'items'>;
  entries: NormalisedItem[];
  /** Set when the document was read despite a wrong charset label or ill-formed XML: what was passed over. */
  note: string | null;
}

/** Decode, parse and normalise a fetched feed document; ParseError when it is not a feed. */
export async function readFeedDocument(body: Uint8Array, contentType: string | null, url: string, limits: EntryLimits): Promise<FeedDocument> {
  const kind = /json/i.test(contentType ?? '') ? 'json' : 'xml';
  const decoded = decodeText(body, contentType, kind);
  const { items, ...feed } = await parseFeed(decoded.text);
  const note = [decoded.note, feed.recovered].filter(Boolean).join('; ') || null;
  return { feed: limitFeedFields(feed, limits), entries: normaliseFeedItems({ ...feed, items }, url, limits), note };
}
