// Which kind of document this is, from its first bytes: JSON Feed, one of the XML feed formats, or not a feed.
import type { FeedFormat } from '../../model.ts';
import { declarationEnd } from './xml-scan.ts';

/** A detected format, or the reason the text is not a feed. */
export type DetectedFormat = { format: FeedFormat; root?: string } | { notFeed: string };


/** Detect the feed format of a decoded document (BOM and leading space allowed). */
export function detectFeedFormat(text: string): DetectedFormat {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (looksBinary(head)) return { notFeed: 'binary data' };
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) return { format: 'json' };
  if (!trimmed.startsWith('<')) return { notFeed: `text starting with ${JSON.stringify(trimmed.slice(0, 20))}` };
  const afterProlog = head.slice(prologEnd(head));
  const root = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(afterProlog);
  const name = root?.[2]?.toLowerCase();
  if (name === 'rss' || name === 'channel') return { format: 'rss' };
  if (name === 'rdf') return { format: 'rdf' };
  if (name === 'feed') return { format: 'atom' };
  // A standalone Atom entry document (RFC 4287 §4.1.2) is read as a feed of one entry.
  if (name === 'entry') return { format: 'atom', root: 'entry' };
  if (name === 'html' || /<html[\s>]/i.test(head)) return { notFeed: 'HTML page' };
  return { notFeed: name ? `XML document with root <${root?.[1] ?? ''}${root?.[2] ?? ''}>` : 'no root element' };
}

/**
 * Where the prolog (space, processing instructions, comments, DOCTYPE) ends, in one forward walk. A regular
 * expression for it backtracked exponentially on `<!DOCTYPE x [ ] [ ] …`: 40 pairs never ended.
 */
function prologEnd(head: string): number {
  let pos = 0;
  for (;;) {
    while (pos < head.length && /\s/.test(head.charAt(pos))) pos++;
    const end = head.startsWith('<?', pos) ? closeOf(head, pos, '?>')
      : head.startsWith('<!--', pos) ? closeOf(head, pos + 4, '-->')
      : head.slice(pos, pos + 9).toUpperCase() === '<!DOCTYPE' ? declarationEnd(head, pos + 2)
      : -1;
    if (end === -1) return pos;
    pos = end;
  }
}

/** The index after `close` found from `from`, or -1 when the construct is not closed. */
function closeOf(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at === -1 ? -1 : at + close.length;
}

function looksBinary(head: string): boolean {
  // NULs, a leading control character (gzip starts with 0x1F) or mostly undecodable bytes mean this is not text.
  // eslint-disable-next-line no-control-regex
  if (head.includes('\u0000') || /^[\u0001-\u0008\u000E-\u001F]/.test(head)) return true;
  const sample = head.slice(0, 1024);
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0;
  return sample.length > 0 && replaced / sample.length > 0.25;
}
