// `feedfold parse`, `extract` and `fold`: the pure core, driven from files and stdin.
import fs from 'node:fs';
import readline from 'node:readline';
import { describeError } from '../errors.ts';
import { decodeText } from '../domain/encoding.ts';
import { parseFeed } from '../domain/feed/parse-feed.ts';
import type { InMemoryItem } from '../domain/fold.ts';
import { canonicalizeUrl } from '../domain/url.ts';

// The extractor (linkedom, Readability) and the fold load only for the commands that use them, so `parse`
// starts quickly (bench/cli-start.ts).
const extractor = () => import('../domain/extract.ts');
const folder = () => import('../domain/fold.ts');

/** `parse FILE…`: one JSON line per file with the feed and its items. */
export async function parseFiles(files: string[]): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const bytes = fs.readFileSync(file);
      const feed = await parseFeed(decodeText(bytes, null, file.endsWith('.json') ? 'json' : 'xml').text);
      const { items, ...meta } = feed;
      const out = items.map((it) => ({
        id: it.guid,
        link: it.link,
        title: it.title,
        published: it.published,
        author: it.author,
        summary: it.summary,
        content: it.content,
      }));
      console.log(JSON.stringify({ file, ok: true, feed: meta, items: out }));
    } catch (err) {
      failed++;
      console.log(JSON.stringify({ file, ok: false, error: describeError(err) }));
    }
  }
  return failed ? 1 : 0;
}

/** `extract FILE… [--url URL]`: one JSON line per page with what the extractor found. */
export async function extractFiles(files: string[], url: string | null): Promise<number> {
  const { extractArticle } = await extractor();
  let failed = 0;
  for (const file of files) {
    try {
      const html = decodeText(fs.readFileSync(file), null, 'html').text;
      const a = extractArticle(html, url ?? `file://${file}`);
      console.log(
        JSON.stringify({
          file,
          ok: true,
          title: a.title,
          text: a.text,
          canonical_url: a.canonicalUrl,
          language: a.language,
          published: a.publishedAt?.toISOString() ?? null,
          author: a.author,
          links: a.links,
        }),
      );
    } catch (err) {
      failed++;
      console.log(JSON.stringify({ file, ok: false, error: describeError(err) }));
    }
  }
  return failed ? 1 : 0;
}

interface FoldLine {
  id?: unknown;
  url?: unknown;
  title?: unknown;
  text?: unknown;
  summary?: unknown;
  published_at?: unknown;
  language?: unknown;
  canonical_url?: unknown;
  links?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** `fold`: items as JSON lines on stdin → `{id, story, canonical}` per item, with the workers' folding code. */
export async function foldStdin(): Promise<number> {
  const inputs: InMemoryItem[] = [];
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let obj: FoldLine;
    try {
      obj = JSON.parse(line) as FoldLine;
    } catch {
      bad++;
      console.error(`line ${lineNo}: not JSON`);
      continue;
    }
    const id = obj.id != null ? String(obj.id) : `line-${lineNo}`;
    const published = str(obj.published_at);
    const date = published ? new Date(published) : null;
    const url = str(obj.url);
    inputs.push({
      itemId: id,
      url: (url && canonicalizeUrl(url)) ?? url ?? `item:${id}`,
      canonicalUrl: str(obj.canonical_url) ? canonicalizeUrl(str(obj.canonical_url) as string) : null,
      title: str(obj.title) ?? '',
      text: str(obj.text) ?? str(obj.summary) ?? '',
      links: Array.isArray(obj.links) ? obj.links.filter((l): l is string => typeof l === 'string') : [],
      language: str(obj.language),
      publishedAt: date && !Number.isNaN(date.getTime()) ? date : null,
    });
  }
  const { foldInMemory } = await folder();
  for (const r of foldInMemory(inputs)) console.log(JSON.stringify({ id: r.itemId, story: r.storyId, canonical: r.canonical }));
  return bad ? 1 : 0;
}
