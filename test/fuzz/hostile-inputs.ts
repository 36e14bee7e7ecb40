// Generated hostile documents: every delimiter the feed, page, OPML and charset scanners look for, repeated to a
// size; deep nesting; single tokens as long as the document; seeded mixtures. The same seed gives the same
// documents on every run (FUZZ_SEED picks another for a longer local search).

import { seededRandom } from '../helpers/seeded-random.ts';

/** What the scanners of src/domain look for (detect-format, xml-scan, repair-xml, raw-constructs, lenient-tree, sax, page-shape, nesting, prepare-html, html-text, discover, opml, encoding, dates, fingerprint). */
export const DELIMITERS: readonly string[] = [
  // markup declarations, sections, processing instructions
  '<!', '<!DOCTYPE x ', '<!DOCTYPE x [', '[ ] ', '[', ']', '<![CDATA[', '<![CDATA[x]]>', ']]>', '<!--', '-->', '<!-', '<?', '?>', '<?xml ', '<!ENTITY ',
  // references
  '&', '&#', '&#x', '&a', '&amp;', '&#0;', '&#150;', '&nbsp;',
  // tags, attributes, quotes, whitespace
  '<', '</', '<a ', '<a', '>', '/>', '"', "'", '=', ' ', '\t', '\n', '\r\n', '\u00a0', 'a=', 'a="', "a='",
  // feed structure
  '<rss', '<rss\t', '<rss ', '<channel>', '<item>', '</item>', '<entry>', '<a:', 'xmlns:a="http://www.w3.org/2005/Atom" ', 'type="xhtml" ', 'xml:base="', '<div ',
  // page structure
  '<body ', '<!doctype ', '<html ', '<head ', '<div>', '<p>', '</p>', '<br>', '<p>x</p>', '<script', '</script', '<style', '<svg', '<meta charset=', '<meta ',
  '<link rel="alternate" type="application/rss+xml" href="/f">', '<base href=', '<a href="', 'class="ad-', '<outline>', '<outline xmlUrl="x">',
  // text shapes the line and date rules read
  'a-', '- ', ' - ', ':', '1 ', '1/1/2000 ', 'by ', '©', '...',
  // JSON Feed and JSON-LD
  '{', '[{', '{"a":', '","', '\\', '\\u', '"items":[',
  // characters the readers remove or stand in for
  '\uE000', '\uE0001\uE001', '\uFFFD', '\u0000', '\uD800', '\u001B',
];

/** The sizes the issue names. */
export const SIZES = { '10 KB': 10_000, '100 KB': 100_000, '1 MB': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

/** A hostile document of one shape at one size, made on demand. */
export interface HostileCase {
  name: string;
  make(): string;
}

const repeatTo = (piece: string, size: number): string => piece.repeat(Math.max(1, Math.ceil(size / piece.length)));

/** Each delimiter repeated to `size` characters. */
export function repeatedDelimiters(size: number): HostileCase[] {
  return DELIMITERS.map((d) => ({ name: `${JSON.stringify(d)} × ${size}`, make: () => repeatTo(d, size) }));
}

/** Constructs a scanner enters, and what it reads inside them before the construct closes. */
const OPENERS = ['<!DOCTYPE x ', '<?xml version="1.0"?><!DOCTYPE rss ', '<!', '<?', '<a ', '<body ', '<meta '];
const INSIDE = ['[ ] ', '[', ' ', '"', "'", '=', 'a="', '<', '- ', '<!', '?'];

/** Each opener followed by each of the runs a scanner reads inside it (`<!DOCTYPE x [ ] [ ] …`), to `size`. */
export function openedRuns(size: number): HostileCase[] {
  return OPENERS.flatMap((open) => INSIDE.map((run) => ({ name: `${JSON.stringify(open)} then ${JSON.stringify(run)} × ${size}`, make: () => open + repeatTo(run, size - open.length) })));
}

/** Elements nested `size / tag length` deep. */
export function deepNesting(size: number): HostileCase[] {
  const nested = (open: string, close = '') => () => repeatTo(open, size / 2) + repeatTo(close, size / 2);
  return [
    { name: `<div> nested, ${size}`, make: nested('<div>', '</div>') },
    { name: `<item> nested, ${size}`, make: nested('<item>', '</item>') },
    { name: `<outline> nested, ${size}`, make: nested('<outline text="x">', '</outline>') },
    { name: `<a:b> nested with namespaces, ${size}`, make: nested('<a:b xmlns:a="u">', '</a:b>') },
    { name: `[ nested (JSON), ${size}`, make: nested('[', ']') },
    { name: `{"a": nested (JSON), ${size}`, make: nested('{"a":', '}') },
    { name: `<div> nested, never closed, ${size}`, make: () => repeatTo('<div>', size) },
  ];
}

/** One token as long as the document: a name, an attribute, a reference, a word, a comment, a section. */
export function hugeTokens(size: number): HostileCase[] {
  const x = (n = size) => 'x'.repeat(n);
  return [
    { name: `tag name of ${size}`, make: () => `<${x()}` },
    { name: `closed tag name of ${size}`, make: () => `<${x()}>` },
    { name: `attribute name of ${size}`, make: () => `<a ${x()}>` },
    { name: `attribute value of ${size}, unclosed`, make: () => `<a href="${x()}` },
    { name: `attribute value of ${size}`, make: () => `<link rel="alternate" type="application/rss+xml" href="https://e.org/${x()}">` },
    { name: `reference name of ${size}`, make: () => `&${x()};` },
    { name: `decimal reference of ${size}`, make: () => `&#${'9'.repeat(size)};` },
    { name: `word of ${size}`, make: () => x() },
    { name: `comment of ${size}, unclosed`, make: () => `<!--${x()}` },
    { name: `CDATA of ${size}, unclosed`, make: () => `<![CDATA[${x()}` },
    { name: `declaration of ${size}, unclosed`, make: () => `<!${x()}` },
    { name: `DOCTYPE subset of ${size}, unclosed`, make: () => `<!DOCTYPE x [${x()}` },
    { name: `processing instruction of ${size}, unclosed`, make: () => `<?${x()}` },
    { name: `XML declaration of ${size}`, make: () => `<?xml version="1.0" encoding="${x()}"?>` },
    { name: `meta charset of ${size}`, make: () => `<meta charset="${x()}">` },
    { name: `JSON string of ${size}`, make: () => `{"version":"https://jsonfeed.org/version/1.1","title":"${x()}","items":[]}` },
  ];
}

/** The run's seed: FUZZ_SEED when set, else a fixed one. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261203);

/** `count` documents of `size` made of runs of randomly chosen delimiters (runs, so that each scanner state is entered and held). */
export function seededMixtures(size: number, count: number, seed = FUZZ_SEED): HostileCase[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `mixture ${i} of seed ${seed}, ${size}`,
    make: () => {
      const random = seededRandom(seed * 1000 + i);
      const pick = () => DELIMITERS[Math.floor(random() * DELIMITERS.length)] ?? '<';
      const parts: string[] = [];
      let length = 0;
      while (length < size) {
        const piece = pick();
        const run = piece.repeat(1 + Math.floor(random() ** 3 * 2000));
        parts.push(run);
        length += run.length;
      }
      return parts.join('').slice(0, size);
    },
  }));
}

/** Put a hostile body where a feed's or page's reader will look at it. */
export const frames = {
  bare: (body: string) => body,
  rss: (body: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>${body}</title><description>${body}</description></item></channel></rss>`,
  atom: (body: string) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title type="html">${body}</title><content type="xhtml"><div>${body}</div></content></entry></feed>`,
  json: (body: string) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [{ id: '1', title: body, content_html: body }] }),
  page: (body: string) => `<!DOCTYPE html><html><head><title>t</title><link rel="alternate" type="application/rss+xml" href="/feed"></head><body><article><h1>t</h1><p>${body}</p></article></body></html>`,
  opml: (body: string) => `<?xml version="1.0"?><opml version="2.0"><head><title>${body}</title></head><body><outline text="a" xmlUrl="https://e.org/f"/>${body}</body></opml>`,
} as const;
export type FrameName = keyof typeof frames;

/** The delimiters the issue names, and the openers of the patterns that froze the process. */
export const NAMED_DELIMITERS: readonly string[] = ['<!', '[', '<![CDATA[', '&', '&#', '<', '"', "'", '=', ' ', '<!DOCTYPE x [', '[ ] ', '<body ', '<!doctype ', '<div>', '<a '];

/** The named delimiters repeated, the DOCTYPE bomb, a huge declaration and nesting: a short list for the costly readers at large sizes. */
export function namedCases(size: number): HostileCase[] {
  const names = new Set([
    ...NAMED_DELIMITERS.map((d) => `${JSON.stringify(d)} × ${size}`),
    `${JSON.stringify('<!DOCTYPE x ')} then ${JSON.stringify('[ ] ')} × ${size}`,
    `${JSON.stringify('<!')} then ${JSON.stringify('<!')} × ${size}`,
    `declaration of ${size}, unclosed`,
    `<div> nested, ${size}`,
  ]);
  return hostileCases(size).filter((c) => names.has(c.name));
}

/** Every case at one size: delimiters, nesting, huge tokens and `mixtures` seeded mixtures. */
export function hostileCases(size: number, mixtures = 4): HostileCase[] {
  return [...repeatedDelimiters(size), ...openedRuns(size), ...deepNesting(size), ...hugeTokens(size), ...seededMixtures(size, mixtures)];
}
