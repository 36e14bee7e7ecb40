// Writes feedfold's own suite of feeds as the web writes them into test/fixtures/lenient/: ill-formed,
// truncated and mis-encoded documents, UTF-16/32 with and without a byte-order mark, legacy encodings with
// agreeing and disagreeing declarations, upper-case names, CDF, RSS without a channel or items, empty feeds,
// references and entities in titles and links, xml:base, inline XHTML titles, Atom 0.3, namespaces by prefix.
// The expected fields come from the reference lenient reader: scripts/lenient-oracle.py writes expected.json.
// Run: npx tsx scripts/make-lenient-fixtures.ts && /usr/bin/python3 scripts/lenient-oracle.py
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/lenient');
const ATOM = 'http://www.w3.org/2005/Atom';

const docs = new Map<string, Buffer>();
const put = (name: string, text: string, charset = 'utf-8', bom: number[] = []): void => {
  docs.set(name, Buffer.concat([Buffer.from(bom), iconv.encode(text, charset)]));
};
const decl = (encoding?: string): string => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?>\n`;

interface Item { title?: string; link?: string; guid?: string; extra?: string }
const item = (i: Item): string =>
  `<item>${i.title !== undefined ? `<title>${i.title}</title>` : ''}${i.link !== undefined ? `<link>${i.link}</link>` : ''}${i.guid !== undefined ? `<guid>${i.guid}</guid>` : ''}${i.extra ?? ''}</item>\n`;
const rss = (title: string, items: Item[], opts: { link?: string; rssAttrs?: string; channelAttrs?: string } = {}): string =>
  `<rss version="2.0"${opts.rssAttrs ?? ''}>\n<channel${opts.channelAttrs ?? ''}>\n<title>${title}</title>\n<link>${opts.link ?? 'http://example.org/'}</link>\n<description>d</description>\n${items.map(item).join('')}</channel>\n</rss>\n`;
interface Entry { title?: string; titleAttrs?: string; href?: string; id?: string; extra?: string; attrs?: string }
const entry = (e: Entry): string =>
  `<entry${e.attrs ?? ''}>${e.title !== undefined ? `<title${e.titleAttrs ?? ''}>${e.title}</title>` : ''}${e.href !== undefined ? `<link rel="alternate" type="text/html" href="${e.href}"/>` : ''}${e.id !== undefined ? `<id>${e.id}</id>` : ''}<updated>2024-05-06T10:00:00Z</updated>${e.extra ?? ''}</entry>\n`;
const atom = (title: string, entries: Entry[], attrs = ''): string =>
  `<feed xmlns="${ATOM}"${attrs}>\n<title>${title}</title>\n<link rel="alternate" type="text/html" href="http://example.org/"/>\n<id>urn:example:feed</id>\n<updated>2024-05-06T10:00:00Z</updated>\n${entries.map(entry).join('')}</feed>\n`;

const TWO: Item[] = [
  { title: 'First item', link: 'http://example.org/1', guid: 'http://example.org/1' },
  { title: 'Second item', link: 'http://example.org/2', guid: 'urn:example:2' },
];

// ---------- encodings ----------
const WORDS: Record<string, string> = {
  'big5': '颱風來襲，全台停班停課',
  'shift_jis': '日本語のニュース見出し',
  'euc-jp': '東京で桜が満開に',
  'euc-kr': '서울에 첫눈이 내렸다',
  'gb2312': '北京今日晴转多云',
  'koi8-r': 'Новости Оренбурга и области',
  'windows-1251': 'Главные стройплощадки года',
  'windows-1252': 'Café, crème brûlée — “quoted”',
  'iso-8859-2': 'Zażółć gęślą jaźń',
  'iso-8859-1': 'Señor Müller à Paris',
};
for (const [charset, words] of Object.entries(WORDS)) {
  put(`enc-${charset}-declared.xml`, decl(charset) + rss(words, [{ title: `${words} 1`, link: 'http://example.org/1' }]), charset);
}
const UNI = 'Grüße, 東京, Москва ✓';
const wide: [string, string, number[]][] = [
  ['utf-16le', 'utf-16', [0xff, 0xfe]],
  ['utf-16be', 'utf-16', [0xfe, 0xff]],
  ['utf-32le', 'utf-32', [0xff, 0xfe, 0, 0]],
  ['utf-32be', 'utf-32', [0, 0, 0xfe, 0xff]],
];
for (const [charset, label, bom] of wide) {
  const doc = rss(UNI, [{ title: `${UNI} (${charset})`, link: 'http://example.org/w' }]);
  put(`enc-${charset}-bom.xml`, decl(label) + doc, charset, bom);
  put(`enc-${charset}-nobom-declared.xml`, decl(label) + doc, charset);
  put(`enc-${charset}-nobom-undeclared.xml`, doc, charset);
}
put('enc-utf-8-bom.xml', decl('utf-8') + rss(UNI, TWO), 'utf-8', [0xef, 0xbb, 0xbf]);
put('enc-declared-utf-8-bytes-windows-1252.xml', decl('utf-8') + rss(WORDS['windows-1252'] ?? '', TWO), 'windows-1252');
put('enc-undeclared-bytes-windows-1252.xml', decl() + rss('Déjà vu, naïve café', TWO), 'windows-1252');
put('enc-declared-iso-8859-1-bytes-utf-8.xml', decl('iso-8859-1') + rss('Plain ASCII title', [{ title: 'ASCII item', link: 'http://example.org/a' }]));
put('enc-declared-utf-16-bytes-utf-8.xml', decl('utf-16') + rss(UNI, TWO));
put('enc-declared-unknown-charset.xml', decl('x-no-such-charset') + rss(UNI, TWO));

// ---------- ill-formed and unusual shapes ----------
put('rss-no-channel.xml', decl() + `<rss version="2.0">\n${TWO.map(item).join('')}</rss>\n`);
put('rss-no-channel-title.xml', decl() + `<rss version="2.0"><title>Loose title</title><link>http://example.org/</link>\n${TWO.map(item).join('')}</rss>\n`);
put('rss-channel-no-items.xml', decl() + rss('A channel with no items', []));
put('rss-empty-channel.xml', decl() + '<rss version="2.0"><channel></channel></rss>\n');
put('rss-empty-root.xml', decl() + '<rss version="2.0"/>\n');
put('atom-empty.xml', decl() + `<feed xmlns="${ATOM}"></feed>\n`);
put('rdf-empty.xml', decl() + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>\n');
const full = decl() + rss('Truncated feed', [...TWO, { title: 'Third item', link: 'http://example.org/3', guid: 'urn:example:3' }]);
put('rss-truncated-after-item.xml', full.slice(0, full.indexOf('<item><title>Third')));
put('rss-truncated-mid-item.xml', full.slice(0, full.indexOf('</link><guid>urn:example:3')));
put('rss-truncated-mid-tag.xml', full.slice(0, full.indexOf('<guid>urn:example:3') + 4));
const fullAtom = decl() + atom('Truncated Atom', [
  { title: 'Entry one', href: 'http://example.org/e1', id: 'urn:e1' },
  { title: 'Entry two', href: 'http://example.org/e2', id: 'urn:e2' },
]);
put('atom-truncated.xml', fullAtom.slice(0, fullAtom.indexOf('<updated>', fullAtom.indexOf('urn:e2'))));
put('rss-unclosed-items.xml', decl() + `<rss version="2.0"><channel><title>Unclosed items</title><link>http://example.org/</link>\n<item><title>One</title><link>http://example.org/1</link>\n<item><title>Two</title><link>http://example.org/2</link>\n</channel></rss>\n`);
put('rss-mismatched-close.xml', decl() + rss('Mismatched tags', [{ title: 'Bold <b>not closed', link: 'http://example.org/1' }, { title: 'Next', link: 'http://example.org/2' }]).replace('<b>not closed', 'not <b>closed</i>'));
put('rss-uppercase.xml', decl() + rss('Upper-case names', TWO).replace(/<(\/?)(rss|channel|title|link|description|item|guid)\b/g, (_m, slash: string, name: string) => `<${slash}${name.toUpperCase()}`));
put('rss-mixedcase.xml', decl() + rss('Mixed-case names', TWO).replace(/<(\/?)(channel|title|item)\b/g, (_m, slash: string, name: string) => `<${slash}${name[0]?.toUpperCase()}${name.slice(1)}`));
put('cdf.xml', decl() + `<CHANNEL HREF="http://example.org/cdf/" BASE="http://example.org/cdf/">\n<TITLE>A CDF channel</TITLE>\n<ABSTRACT>Channel abstract</ABSTRACT>\n<ITEM HREF="http://example.org/cdf/1.html"><TITLE>CDF item one</TITLE><ABSTRACT>One</ABSTRACT></ITEM>\n<ITEM HREF="http://example.org/cdf/2.html"><TITLE>CDF item two</TITLE></ITEM>\n</CHANNEL>\n`);
put('cdf-lowercase.xml', decl() + `<channel href="http://example.org/cdf/">\n<title>Lower-case CDF</title>\n<item href="http://example.org/cdf/a.html"><title>CDF a</title></item>\n</channel>\n`);
put('rss-text-before-root.xml', `Warning: something went wrong on line 12\n${decl()}${rss('Text before the root', TWO)}`);
put('rss-illegal-control-chars.xml', decl() + rss('Control\u0008 characters\u000b here', [{ title: 'Form\u000cfeed item', link: 'http://example.org/1' }]));
put('rss-unquoted-attribute.xml', decl() + rss('Unquoted attribute', [{ title: 'Item', link: 'http://example.org/1', extra: '<enclosure url=http://example.org/a.mp3 length=12 type=audio/mpeg/>' }]));
put('rss-091-netscape-doctype.xml', decl('iso-8859-1') + `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>Netscape&nbsp;RSS&nbsp;0.91</title><link>http://example.org/</link><language>en</language>\n<item><title>Caf&eacute; &amp; bar</title><link>http://example.org/cafe</link></item></channel></rss>\n`, 'latin1');
put('rss-090.xml', decl() + `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">\n<channel><title>RSS 0.90 channel</title><link>http://example.org/</link></channel>\n<item><title>RSS 0.90 item</title><link>http://example.org/090</link></item>\n</rdf:RDF>\n`);
put('rss10-prefixed.xml', decl() + `<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/">\n<rss:channel r:about="http://example.org/"><rss:title>Prefixed RSS 1.0</rss:title><rss:link>http://example.org/</rss:link></rss:channel>\n<rss:item r:about="http://example.org/p1"><rss:title>Prefixed item</rss:title><rss:link>http://example.org/p1</rss:link></rss:item>\n</r:RDF>\n`);
put('rss-userland-namespace.xml', decl() + rss('Default namespace', TWO, { rssAttrs: ' xmlns="http://backend.userland.com/rss2"' }));
put('atom-prefixed.xml', decl() + `<a:feed xmlns:a="${ATOM}"><a:title>Prefixed Atom</a:title><a:link href="http://example.org/"/>\n<a:entry><a:title>Prefixed entry</a:title><a:link href="http://example.org/pa"/><a:id>urn:pa</a:id></a:entry>\n</a:feed>\n`);
put('atom-undeclared-namespace.xml', decl() + `<feed><title>Atom without a namespace</title><link href="http://example.org/"/>\n<entry><title>Bare entry</title><link href="http://example.org/bare"/><id>urn:bare</id></entry>\n</feed>\n`);
put('atom-entry-document.xml', decl() + `<entry xmlns="${ATOM}"><title>A lone entry</title><link href="http://example.org/lone"/><id>urn:lone</id><updated>2024-05-06T10:00:00Z</updated></entry>\n`);

// ---------- references and entities ----------
put('rss-title-numeric-refs.xml', decl() + rss('Numeric&#160;and&#xA0;hex &#x41;&#66;C', [
  { title: 'It&#8217;s &#x201C;quoted&#x201D;', link: 'http://example.org/1', guid: 'urn:n1' },
  { title: 'Smile &#x1F600; and &#128512;', link: 'http://example.org/2', guid: 'urn:n2' },
]));
put('rss-title-c1-refs.xml', decl() + rss('Windows&#150;1252 &#147;refs&#148;', [{ title: 'Ellipsis&#133; and &#128; euro', link: 'http://example.org/1', guid: 'urn:c1' }]));
put('rss-title-html-entities.xml', decl() + rss('Caf&eacute; &mdash; na&iuml;ve', [
  { title: 'Fran&ccedil;ais &amp; Deutsch: &Uuml;ber', link: 'http://example.org/1', guid: 'urn:h1' },
  { title: 'Copyright &copy; &hellip; &nbsp;end', link: 'http://example.org/2', guid: 'urn:h2' },
]));
put('rss-title-bare-ampersand.xml', decl() + rss('Q&A with R&D', [{ title: 'Tom & Jerry', link: 'http://example.org/1', guid: 'urn:b1' }]));
put('rss-title-escaped-markup.xml', decl() + rss('Escaped &lt;b&gt;markup&lt;/b&gt;', [{ title: 'An &lt;em&gt;emphasised&lt;/em&gt; word', link: 'http://example.org/1' }]));
put('rss-title-cdata.xml', decl() + rss('<![CDATA[CDATA & <b>markup</b>]]>', [{ title: '<![CDATA[Fish & Chips]]>', link: 'http://example.org/1' }]));
put('rss-link-bare-ampersand.xml', decl() + rss('Bare ampersands in links', [
  { title: 'Query', link: 'http://example.org/a?x=1&y=2', guid: 'http://example.org/a?x=1&y=2' },
  { title: 'Entity-like', link: 'http://example.org/b?x=1&copy=2&lang=en', guid: 'urn:amp2' },
]));
put('rss-link-escaped-ampersand.xml', decl() + rss('Escaped ampersands', [
  { title: 'Amp', link: 'http://example.org/a?x=1&amp;y=2' },
  { title: 'Numeric', link: 'http://example.org/b?x=1&#38;y=2' },
  { title: 'Hex', link: 'http://example.org/c?x=1&#x26;y=2' },
]));
put('rss-link-whitespace.xml', decl() + rss('Links with white space', [{ title: 'Spaced', link: '\n   http://example.org/spaced   \n' }]));
put('atom-href-entities.xml', decl() + atom('Entities in href', [
  { title: 'Amp in href', href: 'http://example.org/a?x=1&amp;y=2', id: 'urn:ah1' },
  { title: 'Numeric in href', href: 'http://example.org/b?x=1&#38;y=2', id: 'urn:ah2' },
]));
put('atom-title-numeric-refs.xml', decl() + atom('Atom &#8220;refs&#8221;', [{ title: 'Entry &#x2014; dash', href: 'http://example.org/r', id: 'urn:r' }]));

// ---------- xml:base ----------
put('atom-xml-base-feed.xml', decl() + atom('Feed base', [{ title: 'Relative', href: 'articles/1', id: 'urn:xb1' }], ' xml:base="http://example.org/blog/"'));
put('atom-xml-base-entry.xml', decl() + atom('Entry base', [
  { title: 'Entry base', href: '2', id: 'urn:xb2', attrs: ' xml:base="http://example.org/other/"' },
  { title: 'Absolute path', href: '/root/3', id: 'urn:xb3', attrs: ' xml:base="http://example.org/other/deep/"' },
], ' xml:base="http://example.org/blog/"'));
put('atom-xml-base-relative-chain.xml', decl() + atom('Relative chain', [{ title: 'Chained', href: 'c.html', id: 'urn:xb4', attrs: ' xml:base="sub/"' }], ' xml:base="http://example.org/a/"'));
put('atom-xml-base-on-link.xml', decl() + `<feed xmlns="${ATOM}" xml:base="http://example.org/x/"><title>Base on link</title><link href="http://example.org/"/>\n<entry><title>Link base</title><link xml:base="http://example.org/y/" href="z.html"/><id>urn:xb5</id></entry></feed>\n`);
put('rss-xml-base-channel.xml', decl() + rss('RSS base', [{ title: 'Relative RSS', link: 'posts/1.html', guid: 'urn:rb1' }], { channelAttrs: ' xml:base="http://example.org/site/"' }));
put('rss-xml-base-channel-link.xml', decl() + rss('Relative channel link', [{ title: 'Relative guid', link: 'a.html', guid: 'guids/1' }], { link: 'home/', channelAttrs: ' xml:base="http://example.org/site/"' }));
put('rdf-xml-base-root.xml', decl() + `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xml:base="http://example.org/rdf/">\n<channel rdf:about="http://example.org/rdf/"><title>RDF root base</title><link>index.html</link></channel>\n<item rdf:about="http://example.org/rdf/i1"><title>RDF relative</title><link>i1.html</link></item>\n</rdf:RDF>\n`);
put('rss-xml-base-item.xml', decl() + rss('RSS item base', [{ title: 'Item base', link: 'p.html', guid: 'urn:rb2', extra: '' }], { rssAttrs: ' xml:base="http://example.org/root/"' }).replace('<item>', '<item xml:base="http://example.org/item/">'));

// ---------- inline XHTML and markup in titles ----------
put('atom-title-xhtml.xml', decl() + atom('<div xmlns="http://www.w3.org/1999/xhtml">XHTML <b>feed</b> title</div>', [
  { title: '<div xmlns="http://www.w3.org/1999/xhtml">An <em>inline</em> title &amp; more</div>', titleAttrs: ' type="xhtml"', href: 'http://example.org/x1', id: 'urn:x1' },
  { title: '<xh:div xmlns:xh="http://www.w3.org/1999/xhtml">Prefixed <xh:b>XHTML</xh:b></xh:div>', titleAttrs: ' type="xhtml"', href: 'http://example.org/x2', id: 'urn:x2' },
]).replace('<title><div', '<title type="xhtml"><div'));
put('atom-title-html.xml', decl() + atom('HTML &lt;i&gt;title&lt;/i&gt;', [{ title: 'Escaped &lt;b&gt;bold&lt;/b&gt; &amp;amp; entity', titleAttrs: ' type="html"', href: 'http://example.org/h1', id: 'urn:h1' }]).replace('<title>HTML', '<title type="html">HTML'));
put('atom-title-text-lt.xml', decl() + atom('Text with &lt;angle&gt;', [{ title: 'a &lt; b &amp;&amp; c &gt; d', titleAttrs: ' type="text"', href: 'http://example.org/t1', id: 'urn:t1' }]));
put('rss-title-naked-markup.xml', decl() + rss('Naked <b>markup</b> in a channel title', [{ title: 'Item with <i>naked</i> markup', link: 'http://example.org/1' }]));

// ---------- Atom 0.3 ----------
const A03 = 'http://purl.org/atom/ns#';
put('atom03.xml', decl() + `<feed version="0.3" xmlns="${A03}">\n<title>Atom 0.3 feed</title>\n<link rel="alternate" type="text/html" href="http://example.org/"/>\n<modified>2004-03-01T08:00:00Z</modified>\n<entry><title>Atom 0.3 entry</title><link rel="alternate" type="text/html" href="http://example.org/03/1"/><id>tag:example.org,2004:1</id><issued>2004-03-01T08:00:00-05:00</issued></entry>\n</feed>\n`);
put('atom03-mode-escaped.xml', decl() + `<feed version="0.3" xmlns="${A03}"><title mode="escaped" type="text/html">Escaped &lt;b&gt;0.3&lt;/b&gt;</title><link rel="alternate" type="text/html" href="http://example.org/"/>\n<entry><title mode="escaped" type="text/html">Entry &amp;amp; &lt;i&gt;escaped&lt;/i&gt;</title><link rel="alternate" type="text/html" href="http://example.org/03/2"/><id>tag:example.org,2004:2</id></entry></feed>\n`);
put('atom03-mode-base64.xml', decl() + `<feed version="0.3" xmlns="${A03}"><title mode="base64" type="text/plain">${Buffer.from('Base64 feed title').toString('base64')}</title><link rel="alternate" type="text/html" href="http://example.org/"/>\n<entry><title mode="base64" type="text/plain">${Buffer.from('Base64 entry title é').toString('base64')}</title><link rel="alternate" type="text/html" href="http://example.org/03/3"/><id>tag:example.org,2004:3</id></entry></feed>\n`);
put('atom03-links.xml', decl() + `<feed version="0.3" xmlns="${A03}"><title>Atom 0.3 links</title><link rel="service.post" type="application/x.atom+xml" href="http://example.org/post"/><link rel="alternate" type="text/html" href="http://example.org/home"/>\n<entry><title>Links entry</title><link rel="service.edit" type="application/x.atom+xml" href="http://example.org/edit/4"/><link rel="alternate" type="text/html" href="http://example.org/03/4"/><id>tag:example.org,2004:4</id></entry></feed>\n`);
put('atom03-truncated.xml', (decl() + `<feed version="0.3" xmlns="${A03}"><title>Truncated 0.3</title><link rel="alternate" type="text/html" href="http://example.org/"/>\n<entry><title>Kept entry</title><link rel="alternate" type="text/html" href="http://example.org/03/5"/><id>tag:example.org,2004:5</id></entry>\n<entry><title>Cut`));

mkdirSync(DIR, { recursive: true });
for (const f of readdirSync(DIR)) if (f.endsWith('.xml')) rmSync(join(DIR, f));
for (const [name, bytes] of docs) writeFileSync(join(DIR, name), bytes);
console.log(`wrote ${docs.size} documents to ${DIR}`);
