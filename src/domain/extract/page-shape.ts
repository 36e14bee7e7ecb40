// One <html> with one <head> and one <body>, rebuilt from the string before parsing when a page lacks that shape.
//
// linkedom builds the tree the markup spells, without the HTML parser's repairs, and its `document.body` is the
// element right after <head> or else a new, empty <body>. A page with no <body> tag, a <link> between </head>
// and <body>, a second <html> from conditional comments or its <body> inside <head> leaves Readability an empty
// body: 13 of the 990 pages of the trafilatura set, with whole articles lost.

/** Positions and attributes of the html, head and body tags of a page. */
interface Shape {
  tags: { index: number; end: number; close: boolean; name: string; attrs: string }[];
  doctype: string;
  /** Every html, head, body and doctype tag as [start, end), in order: what the rebuilt page leaves out. */
  ranges: [number, number][];
}

const SHAPE_NAMES = ['html', 'head', 'body'];

/**
 * The html, head, body and doctype tags, read as `<(/?)(html|head|body)(?=[\s/>])([^>]*)>|<!doctype\b[^>]*>`
 * would, in one forward walk. That regular expression rescanned the rest of the page from every `<body ` when
 * no `>` followed: a 480 KB page took 100 s. Here, a page without a later `>` ends the walk.
 */
function readShape(html: string): Shape {
  const shape: Shape = { tags: [], doctype: '', ranges: [] };
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const close = html.charCodeAt(i + 1) === 47; // '/'
    const nameAt = close ? i + 2 : i + 1;
    const name = SHAPE_NAMES.find((n) => html.slice(nameAt, nameAt + 4).toLowerCase() === n);
    const isDoctype = !close && !name && html.slice(i + 1, i + 9).toLowerCase() === '!doctype' && !isWordChar(html.charCodeAt(i + 9));
    if (!isDoctype && !(name && /[\s/>]/.test(html.charAt(nameAt + 4)))) continue;
    const gt = html.indexOf('>', i);
    if (gt === -1) break;
    if (isDoctype) shape.doctype ||= html.slice(i, gt + 1);
    else if (name) shape.tags.push({ index: i, end: gt + 1, close, name, attrs: html.slice(nameAt + 4, gt) });
    shape.ranges.push([i, gt + 1]);
    i = gt;
  }
  return shape;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The text of html from `from` to `to` without the shape's tags. */
function withoutShapeTags(html: string, ranges: [number, number][], from: number, to: number): string {
  let out = '';
  let pos = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    out += html.slice(pos, start);
    pos = end;
  }
  return out + html.slice(pos, to);
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
  return `${shape.doctype}<html${htmlAttrs}><head>${withoutShapeTags(html, shape.ranges, 0, headEnd)}</head>` +
    `<body${bodyAttrs}>${withoutShapeTags(html, shape.ranges, headEnd, html.length)}</body></html>`;
}
