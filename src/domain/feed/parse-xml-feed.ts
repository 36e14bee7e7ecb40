// The XML backend: rss-parser (xml2js + sax) reads the repaired document, then read-rss / read-atom map its
// output. Only well-formed XML is read here; anything else is left to the lenient reader (read-lenient.ts).
import Parser from 'rss-parser';
import { MalformedXmlError, ParseError } from '../../errors.ts';
import type { FeedFormat, ParsedFeed } from '../../model.ts';
import { createMarkupShield } from './protect-markup.ts';
import { extractRawConstructs } from './raw-constructs.ts';
import { readAtomFeed } from './read-atom.ts';
import { readRssFeed } from './read-rss.ts';

type Raw = Record<string, unknown>;
type Field = [string, string, { keepArray: boolean }];

const keep = (from: string, to: string): Field => [from, to, { keepArray: true }];

const FEED_FIELDS: Field[] = [
  keep('link', 'linkRaw'), keep('title', 'titleRaw'), keep('dc:title', 'dcTitle'), keep('dc:language', 'dcLanguage'),
  keep('sy:updatePeriod', 'syPeriod'), keep('sy:updateFrequency', 'syFrequency'), keep('$', 'attrs'), keep('atom:link', 'atomLinks'),
];
const ITEM_FIELDS: Field[] = [
  keep('link', 'linkRaw'), keep('title', 'titleRaw'), keep('guid', 'guidRaw'), keep('id', 'idRaw'),
  keep('dc:creator', 'dcCreator'), keep('dc:date', 'dcDate'), keep('dc:title', 'dcTitle'), keep('dc:subject', 'dcSubject'),
  keep('author', 'authorRaw'), keep('category', 'categoryRaw'), keep('enclosure', 'enclosureRaw'),
  keep('media:content', 'mediaContent'), keep('media:group', 'mediaGroup'), keep('content', 'contentRaw'), keep('summary', 'summaryRaw'),
  keep('dc:description', 'dcDescription'), keep('dc:author', 'dcAuthor'), keep('itunes:summary', 'itunesSummary'),
  keep('itunes:author', 'itunesAuthor'), keep('atom:author', 'atomAuthor'), keep('atom:content', 'atomContent'),
  keep('atom:category', 'atomCategory'), keep('atom:link', 'atomLinks'),
  keep('published', 'published'), keep('updated', 'updated'), keep('issued', 'issued'), keep('modified', 'modified'),
  keep('created', 'created'), keep('atom:updated', 'atomUpdated'), keep('atom:published', 'atomPublished'), keep('$', 'attrs'),
];

// sax's lenient mode upper-cases names; these are the mixed-case names the readers look for.
const MIXED_CASE = ['pubDate', 'lastBuildDate', 'rdf:RDF', 'managingEditor', 'webMaster', 'skipHours', 'skipDays', 'textInput',
  'isPermaLink', 'sy:updatePeriod', 'sy:updateFrequency', 'sy:updateBase', 'fileSize', 'xml:base', 'xml:lang', 'rdf:about', 'rdf:resource'];
const NAME_CASE = new Map(MIXED_CASE.map((n) => [n.toLowerCase(), n]));
const restoreCase = (name: string): string => NAME_CASE.get(name.toLowerCase()) ?? name.toLowerCase();

/**
 * Parse a repaired XML feed document of a detected format with rss-parser. MalformedXmlError when sax finds
 * it is not well-formed (parseFeed's lenient reader takes it from there); a well-formed document rss-parser
 * cannot read as it is (upper-case names) is read again by sax's lenient mode; ParseError when that fails.
 */
export async function parseXmlFeed(xml: string, format: Exclude<FeedFormat, 'json'>): Promise<ParsedFeed> {
  let out: Raw;
  try {
    out = await runRssParser(xml, true);
  } catch (strictError) {
    if (isXmlSyntaxError(strictError)) throw new MalformedXmlError(`invalid XML: ${firstLine(strictError)}`, { cause: strictError });
    try {
      // sax's lenient mode reads names case-insensitively (<RSS>, <Channel>).
      out = await runRssParser(xml, false);
    } catch (laxError) {
      throw new ParseError(`could not read ${format} feed: ${firstLine(laxError)}`, { cause: laxError });
    }
  }
  return readFeed(out, xml, format);
}

function readFeed(out: Raw, xml: string, format: Exclude<FeedFormat, 'json'>): ParsedFeed {
  const raw = extractRawConstructs(xml, format);
  if (format === 'atom') return readAtomFeed(out, raw);
  // rss-parser drops the attributes of <rss> and <rdf:RDF>; an xml:base there is read from the source.
  const rootTag = /<(?:rss|(?:[\w.-]+:)?RDF)\b[^>]*>/.exec(xml.slice(0, 4096))?.[0] ?? '';
  const rootBase = /\sxml:base\s*=\s*["']([^"']+)["']/.exec(rootTag)?.[1] ?? null;
  return readRssFeed(out, format, raw, rootBase);
}

/** sax reports a syntax error with its position ("Unexpected close tag\nLine: 3\nColumn: 9"). */
function isXmlSyntaxError(err: unknown): boolean {
  return err instanceof Error && /\nLine: \d+\nColumn: \d+/.test(err.message);
}

async function runRssParser(xml: string, strict: boolean): Promise<Raw> {
  const shield = createMarkupShield();
  const parser = new Parser({
    defaultRSS: 2,
    customFields: { feed: FEED_FIELDS as never, item: ITEM_FIELDS as never },
    xml2js: {
      valueProcessors: [shield.hide],
      ...(strict ? {} : { strict: false, tagNameProcessors: [restoreCase], attrNameProcessors: [restoreCase] }),
    },
  });
  return shield.restore((await parser.parseString(xml)) as unknown as Raw);
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n').slice(0, 3).join(' ').slice(0, 200);
}
