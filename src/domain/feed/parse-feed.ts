// Entry point for reading a feed document: size guard → detect format → JSON Feed, or repair XML → strict XML
// backend → the lenient reader where the strict one fails or finds nothing. The caller decodes bytes to text
// first (see domain/encoding.ts); nothing here does I/O.
import { MalformedXmlError, ParseError } from '../../errors.ts';
import type { ParsedFeed } from '../../model.ts';
import { detectFeedFormat } from './detect-format.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseXmlFeed } from './parse-xml-feed.ts';
import { repairXml, unprefixAtomElements, wrapAtomEntry } from './repair-xml.ts';

// The lenient reader (htmlparser2's tokenizer) loads only for a document the strict path cannot read, so a
// well-formed feed never pays for it: `feedfold parse` starts faster (bench/cli-start.ts).
const lenientReader = () => import('./read-lenient.ts');

/**
 * Largest document parseFeed accepts, in UTF-16 code units (~20 MB of text). The largest feed in the
 * conformance suites is 1.6 MB; a bigger document is almost always a mistake or an attack.
 */
export const MAX_FEED_CHARS = 20 * 1024 * 1024;

/** The XML backend: one function, so another parser can be swapped in behind parseFeed. */
export type XmlFeedBackend = typeof parseXmlFeed;

/** Why detectFeedFormat said "not a feed" where no lenient reading can help: it is clearly something else. */
const NOT_RECOVERABLE = /^(?:binary data|HTML page)$/;

/** Parse a decoded feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, JSON Feed 1.0/1.1); ParseError when it is not one. */
export async function parseFeed(text: string, backend: XmlFeedBackend = parseXmlFeed): Promise<ParsedFeed> {
  if (text.length > MAX_FEED_CHARS) {
    throw new ParseError(`feed too large: ${text.length} characters (limit ${MAX_FEED_CHARS})`);
  }
  const detected = detectFeedFormat(text);
  if ('notFeed' in detected) {
    const error = new ParseError(`not a feed: ${detected.notFeed}`);
    if (NOT_RECOVERABLE.test(detected.notFeed)) throw error;
    // A document that did not even start like a feed must yield something to count as one.
    const feed = await recoverFeed(repairXml(text), error);
    if (isEmpty(feed)) throw error;
    return feed;
  }
  if (detected.format === 'json') return parseJsonFeed(text);
  const xml = repairXml(text);
  let strict: ParsedFeed;
  try {
    strict = await backend(detected.format === 'atom' ? unprefixAtomElements(detected.root === 'entry' ? wrapAtomEntry(xml) : xml) : xml, detected.format);
  } catch (err) {
    const error = err instanceof ParseError ? err : new ParseError(`could not read ${detected.format} feed: ${messageOf(err)}`, { cause: err });
    return recoverFeed(xml, error);
  }
  return isEmpty(strict) ? await preferLenient(xml, strict) : strict;
}

/**
 * The lenient reader's feed when the strict path failed; the strict error when no feed element is there.
 * It is marked recovered when the document is not well-formed (the strict error, or what the tokenizer saw).
 */
async function recoverFeed(xml: string, error: ParseError): Promise<ParsedFeed> {
  const lenient = (await lenientReader()).readLenientFeed(xml);
  if (!lenient) throw error;
  const reason = error instanceof MalformedXmlError ? error.message : lenient.problem ? `invalid XML: ${lenient.problem}` : null;
  return reason ? { ...lenient.feed, recovered: reason } : lenient.feed;
}

/** A strict result with nothing in it (no title, link or items) gives way to a lenient one that has something. */
async function preferLenient(xml: string, strict: ParsedFeed): Promise<ParsedFeed> {
  const lenient = (await lenientReader()).readLenientFeed(xml);
  if (!lenient || isEmpty(lenient.feed)) return strict;
  return { ...lenient.feed, recovered: lenient.problem ? `invalid XML: ${lenient.problem}` : 'the strict reader found no feed content' };
}

function isEmpty(feed: ParsedFeed): boolean {
  return feed.items.length === 0 && !feed.title && !feed.link;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
