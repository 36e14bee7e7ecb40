// Linear scans over XML text. Feeds are untrusted: a lazy regex such as /<!--[\s\S]*?-->/g takes quadratic
// time on a document full of unclosed comments, so these helpers walk the text once with indexOf.

/** The pieces of a document outside and inside CDATA sections and comments, in order. */
export function splitVerbatim(xml: string): { text: string; verbatim: boolean }[] {
  const parts: { text: string; verbatim: boolean }[] = [];
  let pos = 0;
  // Each opener's next position is remembered until the walk passes it: searching both from every section
  // rescanned the whole rest of a document of CDATA sections without a comment (200 KB: 42 s).
  let cdata = -1;
  let comment = -1;
  while (pos < xml.length) {
    if (cdata !== -2 && cdata < pos) cdata = next(xml.indexOf('<![CDATA[', pos));
    if (comment !== -2 && comment < pos) comment = next(xml.indexOf('<!--', pos));
    const start = cdata < 0 ? comment : comment < 0 ? cdata : Math.min(cdata, comment);
    if (start < 0) break;
    const close = start === cdata ? ']]>' : '-->';
    const endAt = xml.indexOf(close, start + 4);
    // An unclosed section runs to the end of the document, as a parser would read it.
    const end = endAt === -1 ? xml.length : endAt + close.length;
    if (start > pos) parts.push({ text: xml.slice(pos, start), verbatim: false });
    parts.push({ text: xml.slice(start, end), verbatim: true });
    pos = end;
  }
  if (pos < xml.length) parts.push({ text: xml.slice(pos), verbatim: false });
  return parts;
}

/** An indexOf result, with "not found" as -2: nothing to search for again. */
const next = (at: number): number => (at === -1 ? -2 : at);

/** Apply `fn` to the text outside CDATA sections and comments, copying those untouched. */
export function mapOutsideVerbatim(xml: string, fn: (s: string) => string): string {
  return splitVerbatim(xml)
    .map((p) => (p.verbatim ? p.text : fn(p.text)))
    .join('');
}

/** Whether the text outside CDATA sections and comments contains an element tag. */
export function hasElementOutsideVerbatim(xml: string): boolean {
  return splitVerbatim(xml).some((p) => !p.verbatim && /<[A-Za-z]/.test(p.text));
}

/** Remove every `<!DOCTYPE …>` (internal subset included) and `<!ENTITY …>` declaration, honouring quotes and brackets. */
export function removeDeclarations(xml: string): string {
  let out = '';
  let pos = 0;
  const re = /<!(?:DOCTYPE|ENTITY)/gi;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    out += xml.slice(pos, m.index);
    pos = declarationEnd(xml, m.index + 2);
    re.lastIndex = pos;
  }
  return out + xml.slice(pos);
}

/** The index after the `>` closing a declaration that starts before `from`, honouring quotes and brackets; the text's length when unclosed. */
export function declarationEnd(xml: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === '>' && depth === 0) return i + 1;
  }
  return xml.length;
}

/** Output built from many small pieces: joined in batches, so neither a string per piece nor a rope of millions stays alive. */
export function createStringBuilder(): { add: (piece: string) => void; build: () => string } {
  const batch: string[] = [];
  const chunks: string[] = [];
  const flush = () => {
    chunks.push(batch.join(''));
    batch.length = 0;
  };
  return {
    add: (piece) => {
      if (batch.push(piece) >= 4096) flush();
    },
    build: () => {
      flush();
      return chunks.join('');
    },
  };
}
