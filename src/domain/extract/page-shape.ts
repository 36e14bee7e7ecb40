// One <html> with one <head> and one <body>, rebuilt from the string before parsing when a page lacks that shape.
//
// linkedom builds the tree the markup spells, without the HTML parser's repairs, and its `document.body` is the
// element right after <head> or else a new, empty <body>. A page with no <body> tag, a <link> between </head>
// and <body>, a second <html> from conditional comments or its <body> inside <head> leaves Readability an empty
// body: 13 of the 990 pages of the trafilatura set, with whole articles lost.

const SHAPE_TAG_RE = /<(\/?)(html|head|body)(?=[\s/>])([^>]*)>|<!doctype\b[^>]*>/gi;

/** Positions and attributes of the html, head and body tags of a page. */
interface Shape {
  tags: { index: number; end: number; close: boolean; name: string; attrs: string }[];
  doctype: string;
}

function readShape(html: string): Shape {
  const shape: Shape = { tags: [], doctype: '' };
  for (const m of html.matchAll(SHAPE_TAG_RE)) {
    if (!m[2]) shape.doctype ||= m[0];
    else shape.tags.push({ index: m.index, end: m.index + m[0].length, close: m[1] === '/', name: m[2].toLowerCase(), attrs: m[3] ?? '' });
  }
  return shape;
}

/** True when the page has the shape linkedom reads right: <html><head>…</head><body>…</body></html>, once each. */
function isWellShaped(html: string, shape: Shape): boolean {
  const seq = shape.tags.map((t) => (t.close ? '/' : '') + t.name).join(' ');
  if (seq !== 'html head /head body /body /html' && seq !== 'html head /head body /body' && seq !== 'html head /head body') return false;
  const headEnd = shape.tags[2] as Shape['tags'][number];
  const bodyStart = shape.tags[3] as Shape['tags'][number];
  const bodyEnd = shape.tags[4];
  // Content after </body> belongs to the body in a browser, and to no element Readability reads here.
  const afterBody = bodyEnd ? html.slice(bodyEnd.end, shape.tags[5]?.index ?? html.length) : '';
  return html.slice(headEnd.end, bodyStart.index).trim() === '' && afterBody.trim() === '';
}

/**
 * The page with one html, head and body: what comes before the first </head> or <body> is the head, the rest
 * the body, as a browser reads it. Attributes of the first <html> (its lang) and the first <body> are kept.
 */
export function normalisePageShape(html: string): string {
  const shape = readShape(html);
  if (isWellShaped(html, shape)) return html;
  const split = shape.tags.find((t) => (t.name === 'head' && t.close) || (t.name === 'body' && !t.close));
  const headEnd = split ? split.index : 0;
  const htmlAttrs = shape.tags.find((t) => t.name === 'html' && !t.close)?.attrs ?? '';
  const bodyAttrs = shape.tags.find((t) => t.name === 'body' && !t.close)?.attrs ?? '';
  const strip = (part: string) => part.replace(SHAPE_TAG_RE, '');
  return `${shape.doctype}<html${htmlAttrs}><head>${strip(html.slice(0, headEnd))}</head>` +
    `<body${bodyAttrs}>${strip(html.slice(headEnd))}</body></html>`;
}
