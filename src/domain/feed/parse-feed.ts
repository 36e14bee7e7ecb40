// Entry point for reading a feed document: size guard → detect format → JSON Feed, or repair XML → XML backend.
// The caller decodes bytes to text first (see domain/encoding.ts); nothing here does I/O.
import { ParseError } from '../../errors.ts';
import type { ParsedFeed } from '../../model.ts';
import { detectFeedFormat } from './detect-format.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseXmlFeed } from './parse-xml-feed.ts';
import { repairXml, unprefixAtomElements, wrapAtomEntry } from './repair-xml.ts';

/**
 * Largest document parseFeed accepts, in UTF-16 code units (~20 MB of text). The largest feed in the
 * conformance suites is 1.6 MB; a bigger document is almost always a mistake or an attack.
 */
export const MAX_FEED_CHARS = 20 * 1024 * 1024;

/** The XML backend: one function, so another parser can be swapped in behind parseFeed. */
export type XmlFeedBackend = typeof parseXmlFeed;

/** Parse a decoded feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1); ParseError when it is not one. */
export async function parseFeed(text: string, backend: XmlFeedBackend = parseXmlFeed): Promise<ParsedFeed> {
  if (text.length > MAX_FEED_CHARS) {
    throw new ParseError(`feed too large: ${text.length} characters (limit ${MAX_FEED_CHARS})`);
  }
  const detected = detectFeedFormat(text);
  if ('notFeed' in detected) throw new ParseError(`not a feed: ${detected.notFeed}`);
  if (detected.format === 'json') return parseJsonFeed(text);
  try {
    let xml = repairXml(text);
    if (detected.format === 'atom') xml = unprefixAtomElements(detected.root === 'entry' ? wrapAtomEntry(xml) : xml);
    return await backend(xml, detected.format);
  } catch (err) {
    if (err instanceof ParseError) throw err;
    throw new ParseError(`could not read ${detected.format} feed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
