import { describe, expect, it } from 'vitest';
import { buildLenientTree, elementsOf, innerMarkup, MAX_LENIENT_DEPTH, textContent, type LenientNode } from '../../../src/domain/feed/lenient-tree.ts';
import { readLenientFeed } from '../../../src/domain/feed/read-lenient.ts';

const first = (xml: string): LenientNode => elementsOf(buildLenientTree(xml).root)[0] as LenientNode;

describe('buildLenientTree', () => {
  it.each([
    ['<a:feed xmlns:a="http://www.w3.org/2005/Atom"/>', 'atom', 'feed'],
    ['<feed xmlns="http://purl.org/atom/ns#"/>', 'atom', 'feed'],
    ['<RDF:rdf xmlns:RDF="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>', 'rdf', 'rdf'],
    ['<rss xmlns="http://backend.userland.com/rss2"/>', '', 'rss'],
    ['<x:channel xmlns:x="http://purl.org/rss/1.0/"/>', 'rss', 'channel'],
    ['<dc:creator>undeclared prefix</dc:creator>', 'dc', 'creator'],
    ['<CHANNEL HREF="x"/>', '', 'channel'],
    ['<foo xmlns="urn:unknown"/>', '', 'foo'],
  ])('%s → namespace %j, name %j', (xml, ns, local) => {
    expect(first(xml)).toMatchObject({ ns, local });
  });

  it('decodes numeric, hex and HTML named references in text and attributes; CDATA stays verbatim', () => {
    const node = first('<t a="x?a=1&amp;b=2&#38;c=3">&#160;&#x41;&eacute;&amp;<![CDATA[&amp;<b>]]></t>');
    expect(node.attrs.a).toBe('x?a=1&b=2&c=3');
    expect(textContent(node)).toBe('\u00a0Aé&&amp;<b>');
  });

  it.each([
    ['<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item r:about="u"/></r:RDF>', 'u'],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item rdf:about="u"/></rdf:RDF>', 'u'],
    ['<r:RDF xmlns:r="urn:not-rdf"><item r:about="u"/></r:RDF>', undefined],
  ])('%s: an attribute in the RDF namespace is also named rdf:about (%j)', (xml, about) => {
    expect(elementsOf(first(xml))[0]?.attrs['rdf:about']).toBe(about);
  });

  it('resolves xml:base through the enclosing elements', () => {
    const feed = first('<feed xml:base="http://example.org/a/"><entry xml:base="b/"><link xml:base="../c/" href="d"/></entry></feed>');
    const link = elementsOf(elementsOf(feed)[0] as LenientNode)[0];
    expect(link?.base).toBe('http://example.org/a/c/');
  });

  it.each([
    ['<rss><channel><title>T</title></channel></rss>', null],
    ['<rss><channel><item/><item></item></channel></rss>', null],
    ['<rss><channel><title>T', '<title> is not closed'],
    ['<rss><item><title>A</item></rss>', '<title> is not closed'],
    ['<rss><channel></b></channel></rss>', '</b> closes nothing'],
    ['<rss><item><title>A</title><item><title>B</title></item></rss>', '<item> is not closed'],
  ])('%s: problem %j', (xml, problem) => {
    expect(buildLenientTree(xml).problem).toBe(problem);
  });

  it('re-serialises inline markup', () => {
    expect(innerMarkup(first('<title>A <b class="x">bold &amp; <i>it</i></b></title>'))).toBe('A <b class="x">bold &amp; <i>it</i></b>');
  });

  it('keeps nesting deeper than the limit as part of the deepest kept element, without recursion', () => {
    const depth = 50_000;
    const { root } = buildLenientTree(`${'<a>'.repeat(depth)}deep${'</a>'.repeat(depth)}`);
    let levels = 0;
    for (let n: LenientNode | undefined = root; n; n = elementsOf(n)[0]) levels++;
    expect(levels).toBe(MAX_LENIENT_DEPTH + 1);
    expect(textContent(root)).toBe('deep');
  });
});

describe('readLenientFeed', () => {
  it('reads 100,000 unclosed items of a truncated document', () => {
    const read = readLenientFeed(`<rss><channel><title>Many</title>${'<item><title>x</title>'.repeat(100_000)}`);
    // An item opened inside an unclosed item starts the next one.
    expect(read?.feed.items).toHaveLength(100_000);
    expect(read?.problem).toMatch(/not closed/);
  });

  it.each([
    ['RSS without a channel', '<rss version="2.0"><item><title>A</title><link>http://e.org/a</link></item></rss>', 'rss', null, [{ title: 'A', link: 'http://e.org/a' }]],
    ['upper-case RSS', '<RSS><CHANNEL><TITLE>T</TITLE><ITEM><TITLE>A</TITLE><GUID>g</GUID></ITEM></CHANNEL></RSS>', 'rss', 'T', [{ title: 'A', guid: 'g' }]],
    ['CDF', '<CHANNEL HREF="http://e.org/"><TITLE>C</TITLE><ITEM HREF="http://e.org/1"><TITLE>One</TITLE><ABSTRACT>s</ABSTRACT></ITEM></CHANNEL>', 'rss', 'C', [{ title: 'One', link: 'http://e.org/1', summary: 's' }]],
    ['RSS 1.0 by prefix', '<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="http://purl.org/rss/1.0/"><x:channel><x:title>R</x:title></x:channel><x:item><x:title>I</x:title><x:link>http://e.org/i</x:link></x:item></r:RDF>', 'rdf', 'R', [{ title: 'I', link: 'http://e.org/i' }]],
    ['Atom 0.3 base64 title', '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>F</title><entry><title mode="base64">SGVsbG8=</title><id>i</id><issued>2004-01-01T00:00:00Z</issued></entry></feed>', 'atom', 'F', [{ title: 'Hello', guid: 'i', published: '2004-01-01T00:00:00Z' }]],
    ['Atom xhtml title and relative id', '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.org/b/"><title>F</title><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>b</b></div></title><id>rel/1</id><link href="p"/></entry></feed>', 'atom', 'F', [{ title: 'A <b>b</b>', guid: 'http://e.org/b/rel/1', link: 'http://e.org/b/p' }]],
    ['standalone Atom entry', '<entry xmlns="http://www.w3.org/2005/Atom"><title>E</title><id>e</id></entry>', 'atom', null, [{ title: 'E', guid: 'e' }]],
  ])('%s', (_name, xml, format, title, items) => {
    const read = readLenientFeed(xml);
    expect(read?.feed).toMatchObject({ format, title });
    expect(read?.feed.items).toMatchObject(items);
  });

  it('finds no feed in a document without a feed element', () => {
    expect(readLenientFeed('<html><body><item>not a feed</item></body></html>')).toBeNull();
  });
});
