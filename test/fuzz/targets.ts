// The scanners and readers a hostile document reaches, each a function of the document's text. Loaded in a
// budget-session worker (test/helpers/budget-session.ts); a case is made in the worker from its size, index and
// frame, so that no megabyte crosses between threads.
import { loadConfig } from '../../src/config.ts';
import { discoverFeedLinks } from '../../src/domain/discover.ts';
import { decodeText } from '../../src/domain/encoding.ts';
import { extractArticle } from '../../src/domain/extract.ts';
import { prepareHtml } from '../../src/domain/extract/prepare-html.ts';
import { parseFeedDate } from '../../src/domain/feed/dates.ts';
import { detectFeedFormat } from '../../src/domain/feed/detect-format.ts';
import { parseFeed } from '../../src/domain/feed/parse-feed.ts';
import { extractRawConstructs } from '../../src/domain/feed/raw-constructs.ts';
import { readLenientFeed } from '../../src/domain/feed/read-lenient.ts';
import { repairXml, unprefixAtomElements } from '../../src/domain/feed/repair-xml.ts';
import { splitVerbatim } from '../../src/domain/feed/xml-scan.ts';
import { signItem } from '../../src/domain/fingerprint.ts';
import { htmlToText } from '../../src/domain/html-text.ts';
import { readOpml } from '../../src/domain/opml.ts';
import { frames, hostileCases, type FrameName } from './hostile-inputs.ts';

const { discoverMaxCandidates, opmlMaxFeeds } = loadConfig({});
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Each target: what it returns is reduced to a number or a short string, so that answers stay small. */
export const TARGETS = {
  // feed text: format, repairs, sections, raw markup, the lenient tree, dates
  detectFeedFormat: (t: string) => JSON.stringify(detectFeedFormat(t)).slice(0, 80),
  repairXml: (t: string) => repairXml(t).length,
  splitVerbatim: (t: string) => splitVerbatim(t).length,
  extractRawConstructs: (t: string) => extractRawConstructs(t, 'rss').entries.length + extractRawConstructs(t, 'atom').entries.length,
  unprefixAtomElements: (t: string) => unprefixAtomElements(t).length,
  readLenientFeed: (t: string) => readLenientFeed(t)?.feed.items.length ?? -1,
  parseFeedDate: (t: string) => String(parseFeedDate(t)),
  // charset evidence, as bytes
  decodeXml: (t: string) => decodeText(utf8(t), 'application/xml', 'xml').text.length,
  decodeHtml: (t: string) => decodeText(utf8(t), 'text/html', 'html').text.length,
  // pages: the regex-level preparation before the DOM, and feed summaries as text
  prepareHtml: (t: string) => prepareHtml(t).html.length,
  htmlToText: (t: string) => htmlToText(t).length,
  // the item's signature, computed on the main thread from the extracted (or feed) text
  signItem: (t: string) => signItem({ url: 'https://e.org/a', canonicalUrl: null, title: t.slice(0, 1000), text: t, links: [], language: null, publishedAt: null }).n,
  // whole readers: a feed, a page, feed autodiscovery, an OPML import
  parseFeed: async (t: string) => (await parseFeed(t)).items.length,
  extractArticle: (t: string) => extractArticle(t, 'https://e.org/a').text.length,
  discoverFeedLinks: (t: string) => discoverFeedLinks(t, 'https://e.org/', discoverMaxCandidates).length,
  readOpml: (t: string) => readOpml(t, opmlMaxFeeds).length,
} satisfies Record<string, (text: string) => unknown>;
export type TargetName = keyof typeof TARGETS;

/** Make case `index` of `hostileCases(size)` in `frame` and run `target` on it. */
export async function runCase(target: TargetName, size: number, index: number, frame: FrameName, mixtures = 8): Promise<unknown> {
  const hostile = hostileCases(size, mixtures)[index];
  if (!hostile) throw new Error(`no case ${index} at size ${size}`);
  return TARGETS[target](frames[frame](hostile.make()));
}
