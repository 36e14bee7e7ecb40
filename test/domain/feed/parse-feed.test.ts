import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/domain/encoding.ts';
import { normaliseFeedItems } from '../../../src/domain/feed/normalise.ts';
import { parseFeed } from '../../../src/domain/feed/parse-feed.ts';
import { readLenientFeed } from '../../../src/domain/feed/read-lenient.ts';
import { loadConfig } from '../../../src/config.ts';
import { ParseError } from '../../../src/errors.ts';

const fixture = (name: string): string =>
  decodeText(readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url)), null, name.endsWith('.json') ? 'json' : 'xml').text;

describe('parseFeed: one real document per format', () => {
  it.each([
    ['rss-0.91.xml', 'rss', 'WriteTheWeb', 'http://writetheweb.com', 2, { title: 'Giving the world a pluggable Gnutella', link: 'http://writetheweb.com/read.php?item=24' }],
    ['rss-0.92.xml', 'rss', 'Dave Winer: Grateful Dead', 'http://www.scripting.com/blog/categories/gratefulDead.html', 3, { title: null, link: null }],
    ['rss-1.0-rdf.xml', 'rdf', 'XML.com', 'http://xml.com/pub', 2, { title: 'Processing Inclusions with XSLT', link: 'http://xml.com/pub/2000/08/09/xslt/xslt.html' }],
    ['rss-2.0.xml', 'rss', 'Liftoff News', 'http://liftoff.msfc.nasa.gov/', 4, { guid: 'http://liftoff.msfc.nasa.gov/2003/06/03.html#item573', published: 'Tue, 03 Jun 2003 09:39:21 GMT' }],
    ['atom-0.3.xml', 'atom', 'Old Atom Weblog', 'http://example.org/', 1, { guid: 'tag:example.org,2004:1', published: '2004-03-01T08:00:00-05:00', author: 'Jane Writer', content: '<p>The full <b>body</b>.</p>' }],
    ['atom-1.0.xml', 'atom', 'Example Feed', 'http://example.org/', 1, { guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a', link: 'http://example.org/2003/12/13/atom03', summary: 'Some text.' }],
    ['json-feed-1.0.json', 'json', 'JSON Feed', 'https://jsonfeed.org/', 1, { guid: 'https://jsonfeed.org/2017/05/17/announcing_json_feed', published: '2017-05-17T08:02:12-07:00' }],
    ['json-feed-1.1.json', 'json', 'Blog &#8211; InfluxData', 'https://www.influxdata.com/blog/', 3, { author: 'Chris Churilo, Fake Author 1' }],
  ])('%s', async (file, format, title, link, itemCount, firstItem) => {
    const feed = await parseFeed(fixture(file));
    expect(feed.format).toBe(format);
    expect(feed.title).toBe(title);
    expect(feed.link).toBe(link);
    expect(feed.items.length).toBe(itemCount);
    expect(feed.items[0]).toMatchObject(firstItem);
  });

  it('reads a windows-1251 feed decoded by decodeText', async () => {
    const feed = await parseFeed(fixture('windows-1251.xml'));
    expect(feed.title).toBe('Новости Оренбурга и области / Раздел Новости');
    expect(feed.ttlMinutes).toBe(30);
    expect(feed.items[0]?.title).toBe('В Бузулуке главные стройплощадки – детсад и Ледовый дворец');
    expect(feed.items[0]?.enclosures[0]).toEqual({ url: 'http://www.oren.ru/upload/iblock/be8/stroitelstvo_krany.jpg', type: 'image/jpeg', length: 9683 });
  });
});

describe('parseFeed: RSS 1.0 items named by rdf:about', () => {
  const itemKeys = (feed: Awaited<ReturnType<typeof parseFeed>>): string[] =>
    normaliseFeedItems(feed, 'http://feed.invalid/feed', loadConfig({}).entryLimits).map((n) => n.itemKey);

  it.each([
    ['rss-1.0-about-link.xml', 0, 'http://news.example.org/2026/12/harbour-reopens', 'http://news.example.org/2026/12/harbour-reopens?utm_source=rss&utm_medium=feed', 'http://news.example.org/2026/12/harbour-reopens'],
    ['rss-1.0-about-link.xml', 1, 'http://news.example.org/2026/12/council-budget', 'http://news.example.org/2026/12/council-budget', 'http://news.example.org/2026/12/council-budget'],
    ['rss-1.0-about-no-link.xml', 0, 'https://blog.example.net/posts/rdf-about-only', 'https://blog.example.net/posts/rdf-about-only', 'https://blog.example.net/posts/rdf-about-only'],
    ['rss-1.0-about-no-link.xml', 1, 'urn:example:blog:note-17', null, 'urn:example:blog:note-17'],
    ['rss-1.0-about-xml-base.xml', 0, 'http://www.example.com/journal/entries/41.html', 'http://www.example.com/journal/entries/41.html', 'http://www.example.com/journal/entries/41.html'],
    ['rss-1.0-about-xml-base.xml', 1, 'http://www.example.com/archive/entries/40.html', 'http://www.example.com/archive/entries/40.html', 'http://www.example.com/archive/entries/40.html'],
    ['rss-1.0-guid-and-about.xml', 0, 'wire-9001', 'http://wire.example.com/story/9001?ref=feed', 'wire-9001'],
    ['rss-1.0-about-truncated.xml', 0, 'http://radio.example.org/news/evening-bulletin', 'http://radio.example.org/news/evening-bulletin', 'http://radio.example.org/news/evening-bulletin'],
    ['rss-1.0-about-truncated.xml', 1, 'http://radio.example.org/news/late-edition', 'http://radio.example.org/news/late-edition', 'http://radio.example.org/news/late-edition'],
    ['rss-1.0-rdf.xml', 1, 'http://xml.com/pub/2000/08/09/rdfdb/index.html', 'http://xml.com/pub/2000/08/09/rdfdb/index.html', 'http://xml.com/pub/2000/08/09/rdfdb/index.html'],
  ])('%s item %i: guid %s, link %s, key %s', async (file, index, guid, link, key) => {
    const feed = await parseFeed(fixture(file));
    expect(feed.format).toBe('rdf');
    expect(feed.items[index]).toMatchObject({ guid, link });
    expect(itemKeys(feed)[index]).toBe(key);
  });

  // rdf:about repeats the link, tracking parameters and all: the item stays keyed by its canonical link, as RSS 1.0
  // items were before rdf:about was read, so a stored item keeps its key and a new utm_ value makes no new item.
  const aboutWithTracking = (utm: string, wellFormed: boolean): string =>
    '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
    '<channel rdf:about="https://news.example.org/rss"><title>N</title><link>https://news.example.org/</link></channel>' +
    `<item rdf:about="https://news.example.org/a/1?utm_source=${utm}"><title>One</title><link>https://news.example.org/a/1?utm_source=${utm}</link></item>` +
    '<item rdf:about="urn:example:2"><title>Two</title></item>' +
    (wellFormed ? '</rdf:RDF>' : '');
  it.each([
    ['well-formed (rss-parser)', true],
    ['ill-formed (the lenient reader)', false],
  ])('keys an item by its canonical link when rdf:about repeats it, by rdf:about without a link: %s', async (_path, wellFormed) => {
    const [a, b] = await Promise.all(['rss', 'feed'].map((utm) => parseFeed(aboutWithTracking(utm, wellFormed))));
    expect(a!.recovered === undefined).toBe(wellFormed);
    expect(a!.items[0]).toMatchObject({ guid: 'https://news.example.org/a/1?utm_source=rss', guidFromAbout: true });
    expect(itemKeys(a!)).toEqual(['https://news.example.org/a/1', 'urn:example:2']);
    expect(itemKeys(b!)).toEqual(itemKeys(a!));
  });

  it('reads the ill-formed RSS 1.0 document through the lenient reader', async () => {
    expect((await parseFeed(fixture('rss-1.0-about-truncated.xml'))).recovered).toMatch(/invalid XML/);
  });

  it.each(['rss-1.0-about-link.xml', 'rss-1.0-about-no-link.xml', 'rss-1.0-about-xml-base.xml', 'rss-1.0-guid-and-about.xml', 'rss-1.0-rdf.xml'])(
    'the lenient reader reads the guids and links of %s as rss-parser does',
    async (file) => {
      const pick = (items: { guid: string | null; link: string | null }[]): [string | null, string | null][] => items.map((i) => [i.guid, i.link]);
      const strict = await parseFeed(fixture(file));
      expect(strict.recovered).toBeUndefined();
      expect(pick(readLenientFeed(fixture(file))?.feed.items ?? [])).toEqual(pick(strict.items));
    },
  );

  it.each([
    ['parseFeed', async (xml: string) => (await parseFeed(xml)).items[0]],
    ['the lenient reader', async (xml: string) => readLenientFeed(xml)?.feed.items[0]],
  ])('an RSS 2.0 item keeps no guid from an rdf:about (%s)', async (_path, read) => {
    const xml =
      '<rss version="2.0" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel><title>T</title>' +
      '<item rdf:about="https://example.com/about"><title>A</title><link>https://example.com/p/1?utm_source=x</link></item></channel></rss>';
    expect(await read(xml)).toMatchObject({ guid: null, link: 'https://example.com/p/1?utm_source=x' });
  });
});

const rss = (item: string, channel = ''): string =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title><link>https://example.com/</link>${channel}<item>${item}</item></channel></rss>`;

describe('parseFeed: RSS fields', () => {
  it('reads content:encoded, dc:creator, dc:date, categories and media:content', async () => {
    const feed = await parseFeed(
      rss(
        '<title>A</title><dc:creator>Ann</dc:creator><dc:date>2024-05-06T10:00:00Z</dc:date><description>short</description>' +
          '<content:encoded><![CDATA[<p>long & full</p>]]></content:encoded><category>One</category><category>Two, Three</category>' +
          '<media:content url="https://example.com/a.jpg" type="image/jpeg"/><enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="12"/>',
      ),
    );
    expect(feed.items[0]).toMatchObject({
      author: 'Ann',
      published: '2024-05-06T10:00:00Z',
      summary: 'short',
      content: '<p>long & full</p>',
      categories: ['One', 'Two, Three'],
      enclosures: [
        { url: 'https://example.com/a.mp3', type: 'audio/mpeg', length: 12 },
        { url: 'https://example.com/a.jpg', type: 'image/jpeg', length: null },
      ],
    });
  });

  it.each([
    ['ttl', '<ttl>45</ttl>', 45],
    ['sy hourly every 2', '<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>', 30],
    ['sy daily', '<sy:updatePeriod>daily</sy:updatePeriod>', 1440],
    ['none', '', null],
  ])('ttlMinutes from %s', async (_name, channel, expected) => {
    expect((await parseFeed(rss('<title>A</title>', channel))).ttlMinutes).toBe(expected);
  });

  it('uses a permalink guid as the link when <link> is missing', async () => {
    const feed = await parseFeed(rss('<guid>https://example.com/p/1</guid>'));
    expect(feed.items[0]?.link).toBe('https://example.com/p/1');
  });

  it('does not use a guid marked isPermaLink="false" as the link', async () => {
    const feed = await parseFeed(rss('<guid isPermaLink="false">https://example.com/p/1</guid>'));
    expect(feed.items[0]).toMatchObject({ guid: 'https://example.com/p/1', link: null });
  });
});

describe('parseFeed: repairs of documents that readers accept', () => {
  it.each([
    ['bare ampersand', rss('<title>Fish & Chips</title><link>https://example.com/?a=1&b=2</link>'), 'Fish & Chips', 'https://example.com/?a=1&b=2'],
    ['HTML named entities', rss('<title>Caf&eacute;&nbsp;&mdash; r&eacute;sum&eacute;</title>'), 'Café\u00a0— résumé', null],
    ['unknown entity kept as text', rss('<title>a &bogus; b</title>'), 'a &bogus; b', null],
    ['numeric references kept', rss('<title>&#8220;q&#x201D;</title>'), '“q”', null],
    ['references to C1 controls read as windows-1252, as HTML does', rss('<title>a &#150; b&#x85;</title>'), 'a – b…', null],
    ['illegal control characters', rss('<title>bad\u0001\u000bchars</title>'), 'badchars', null],
    ['reference to an illegal character', rss('<title>x&#1;y</title>'), 'xy', null],
    ['rss without version', rss('<title>No version</title>').replace(' version="2.0"', ''), 'No version', null],
    ['leading space and BOM', `\uFEFF \n${rss('<title>Lead</title>')}`, 'Lead', null],
    ['entities inside CDATA untouched', rss('<title><![CDATA[a & b &amp; c]]></title>'), 'a & b &amp; c', null],
  ])('%s', async (_name, xml, title, link) => {
    const item = (await parseFeed(xml)).items[0];
    expect(item?.title).toBe(title);
    if (link) expect(item?.link).toBe(link);
  });

  it('does not expand an entity bomb declared in a DOCTYPE', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' +
      '<rss version="2.0"><channel><title>Bomb</title><item><title>&d;</title></item></channel></rss>';
    const feed = await parseFeed(bomb);
    expect(feed.title).toBe('Bomb');
    expect(feed.items[0]?.title).toBe('&d;');
  });

  it('does not read external entities', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>';
    expect((await parseFeed(xxe)).title).toBe('&x;');
  });

  it('reads past a malformed element in lenient mode', async () => {
    const xml = rss('<title>Good</title></item><item><title>After <b>bad</title>');
    const feed = await parseFeed(xml);
    expect(feed.items[0]?.title).toBe('Good');
  });
});

const atom = (entry: string, feedAttrs = ''): string => `<feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>F</title><entry>${entry}</entry></feed>`;

describe('parseFeed: Atom details', () => {
  it.each([
    ['XHTML content keeps its words in order', atom('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Example <a href="x">test</a> more</div></content>'), 'content', 'Example <a href="x">test</a> more'],
    ['naked HTML elements keep their order', atom('<content type="html">Example <a href="test.html">test</a> end</content>'), 'content', 'Example <a href="test.html">test</a> end'],
    ['media:title is not the entry title', atom('<media:title xmlns:media="http://search.yahoo.com/mrss/">M <b>x</b></media:title><title>Real</title>'), 'title', 'Real'],
    ['Atom 0.3 base64 mode', atom('<title mode="base64">RW50cnkgVGl0bGU=</title>'), 'title', 'Entry Title'],
    ['binary media type is base64', atom('<content type="application/octet-stream">RW50cnkgQ29udGVudA==</content>'), 'content', 'Entry Content'],
    ['unknown type that is not base64 text stays', atom('<title type="application/x-custom">test</title>'), 'title', 'test'],
    ['category label before term', atom('<category term="t-1" label="Label One"/><category term="two"/>'), 'categories', ['Label One', 'two']],
    ['link resolved against xml:base', atom('<link href="post/1"/>', ' xml:base="https://example.org/blog/"'), 'link', 'https://example.org/blog/post/1'],
    ['published falls back to updated', atom('<updated>2024-05-06T10:00:00Z</updated>'), 'published', '2024-05-06T10:00:00Z'],
    ['enclosure links', atom('<link rel="enclosure" href="https://e.org/a.mp3" type="audio/mpeg" length="5"/>'), 'enclosures', [{ url: 'https://e.org/a.mp3', type: 'audio/mpeg', length: 5 }]],
  ])('%s', async (_name, xml, field, expected) => {
    const item = (await parseFeed(xml)).items[0] as unknown as Record<string, unknown>;
    expect(item[field]).toEqual(expected);
  });

  it('reads Atom written with a namespace prefix', async () => {
    const xml = '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>P</a:title><a:entry><a:id>urn:x</a:id><a:title>If you can read</a:title></a:entry></a:feed>';
    const feed = await parseFeed(xml);
    expect(feed).toMatchObject({ format: 'atom', title: 'P', items: [{ guid: 'urn:x', title: 'If you can read' }] });
  });

  it('reads a standalone Atom entry document as a feed of one entry', async () => {
    const xml = '<?xml version="1.0"?><entry xmlns="http://www.w3.org/2005/Atom"><id>urn:e</id><title>Alone</title></entry>';
    const feed = await parseFeed(xml);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ guid: 'urn:e', title: 'Alone' });
  });
});

describe('parseFeed: JSON Feed details', () => {
  const json = (item: object, feed: object = {}): string => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', ...feed, items: [item] });

  it.each([
    ['content_text becomes HTML content and the summary', { id: 1, content_text: 'a < b\n\nsecond' }, { guid: '1', content: '<p>a &lt; b</p>\n<p>second</p>', summary: 'a < b\n\nsecond' }],
    ['summary kept apart from content_html', { id: 'x', summary: 's', content_html: '<p>c</p>' }, { summary: 's', content: '<p>c</p>' }],
    ['external_url when url is missing', { id: 'x', external_url: 'https://e.org/' }, { link: 'https://e.org/' }],
    ['date_modified when date_published is missing', { id: 'x', date_modified: '2024-01-01T00:00:00Z' }, { published: '2024-01-01T00:00:00Z' }],
    ['attachments as enclosures', { id: 'x', attachments: [{ url: 'https://e.org/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 3 }] }, { enclosures: [{ url: 'https://e.org/a.mp3', type: 'audio/mpeg', length: 3 }] }],
  ])('%s', async (_name, item, expected) => {
    expect((await parseFeed(json(item))).items[0]).toMatchObject(expected);
  });

  it('items without an author inherit the feed author', async () => {
    const feed = await parseFeed(json({ id: 'x' }, { authors: [{ name: 'Feed Author' }] }));
    expect(feed.items[0]?.author).toBe('Feed Author');
  });
});

describe('parseFeed: RSS markup and bases', () => {
  it('keeps naked HTML in a description in order', async () => {
    const feed = await parseFeed(rss('<title>T</title><description>What <em>is</em> good?</description>'));
    expect(feed.items[0]?.summary).toBe('What <em>is</em> good?');
  });

  it('resolves item links against xml:base on <rss>', async () => {
    const xml = '<rss version="2.0" xml:base="http://example.org/feeds/"><channel><title>t</title><item><link>post/1</link></item></channel></rss>';
    expect((await parseFeed(xml)).items[0]?.link).toBe('http://example.org/feeds/post/1');
  });

  it('reads fallbacks: dc:description, itunes:author, atom:category, channel atom:link', async () => {
    const xml =
      '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">' +
      '<channel><atom:link rel="alternate" href="https://site.example/"/><item><dc:description>D</dc:description><itunes:author>IA</itunes:author><atom:category term="tt"/></item></channel></rss>';
    const feed = await parseFeed(xml);
    expect(feed.link).toBe('https://site.example/');
    expect(feed.items[0]).toMatchObject({ summary: 'D', author: 'IA', categories: ['tt'] });
  });
});

describe('parseFeed: crafted markup', () => {
  it('keeps text full of unmatched "<" exactly as written', async () => {
    const body = 'a<p'.repeat(5000) + '>';
    const feed = await parseFeed(rss(`<title>T</title><description><![CDATA[${body}]]></description>`));
    expect(feed.items[0]?.summary).toBe(body);
  });

  it('keeps private-use characters, which the parser uses internally, intact', async () => {
    const feed = await parseFeed(rss('<title>x \uE0000\uE001 y</title><description>&lt;b&gt;\uE000</description>'));
    expect(feed.items[0]).toMatchObject({ title: 'x \uE0000\uE001 y', summary: '<b>\uE000' });
  });
});

describe('parseFeed: not a feed', () => {
  it.each([
    ['HTML page', '<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>', /not a feed: HTML/],
    ['binary (gzip bytes)', '\u001f\ufffd\u0008\u0000\u0000\u0000', /not a feed: binary/],
    ['plain text', 'hello world', /not a feed/],
    ['empty', '', /not a feed/],
    ['other XML', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', /not a feed: XML document with root <svg>/],
    ['JSON that is not a feed', '{"hello": "world"}', /not a feed: JSON/],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1", ', /not a feed: invalid JSON/],
    ['XML without any feed element', '<?xml version="1.0"?><html-ish><p>x</p></html-ish', /not a feed: XML document with root <html-ish>/],
    ['text that only mentions rss', 'see <rss feeds> here', /not a feed/],
  ])('%s -> ParseError', async (_name, text, message) => {
    const err = await parseFeed(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toMatch(message);
  });

  it('rejects documents over the size limit', async () => {
    const err = await parseFeed(`<rss version="2.0">${' '.repeat(21 * 1024 * 1024)}</rss>`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as Error).message).toMatch(/too large/);
  });
});
