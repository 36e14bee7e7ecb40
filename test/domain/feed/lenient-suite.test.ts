// feedfold's own suite of feeds as the web writes them (test/fixtures/lenient, made by
// scripts/make-lenient-fixtures.ts): every document is read, and its title, link and id fields are the ones
// the reference lenient reader (feedparser) reads, except the deliberate differences in overrides.json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/domain/encoding.ts';
import { normaliseFeedItems } from '../../../src/domain/feed/normalise.ts';
import { parseFeed } from '../../../src/domain/feed/parse-feed.ts';
import { htmlToLine } from '../../../src/domain/html-text.ts';
import { requireTool } from '../../helpers/tools.ts';
import { loadConfig } from '../../../src/config.ts';

const DIR = new URL('../../fixtures/lenient/', import.meta.url);
const FEED_URL = 'http://feed.invalid/feed';

interface Expected {
  title?: string;
  link?: string;
  entries: number;
  items: { title?: string; link?: string; id?: string }[];
}
const documents = (JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as { documents: Record<string, Expected> }).documents;

const text = (s: string | null | undefined): string => htmlToLine(s ?? '').normalize('NFC');
const url = (s: string | null | undefined): string | null => (s ? new URL(s.trim(), FEED_URL).href : null);

describe('lenient suite: feeds as the web writes them', () => {
  it('has documents of every cause', () => {
    const names = Object.keys(documents);
    for (const prefix of ['enc-utf-16', 'enc-utf-32', 'enc-big5', 'enc-declared-utf-8-bytes', 'rss-truncated', 'rss-no-channel', 'rss-uppercase', 'cdf', 'atom03', 'atom-xml-base', 'atom-title-xhtml', 'rss-link-bare-ampersand', 'rss-title-numeric-refs', 'rss-empty-channel']) {
      expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it.each(Object.entries(documents))('%s', async (name, exp) => {
    const feed = await parseFeed(decodeText(readFileSync(new URL(name, DIR)), null, 'xml').text);
    const links = normaliseFeedItems({ ...feed, items: feed.items.map((it, i) => ({ ...it, guid: `#${i}` })) }, FEED_URL, loadConfig({}).entryLimits).map((n) => n.url);
    if (exp.title) expect(text(feed.title)).toBe(text(exp.title));
    if (exp.link) expect(url(feed.link)).toBe(url(exp.link));
    expect(feed.items).toHaveLength(exp.entries);
    exp.items.forEach((e, i) => {
      const got = feed.items[i];
      if (e.title) expect(text(got?.title)).toBe(text(e.title));
      if (e.link) expect(links[i]).toBe(url(e.link));
      if (e.id) expect(got?.guid).toBe(e.id);
    });
  });

  it('every ill-formed document that was read says why it was recovered', async () => {
    for (const name of ['rss-truncated-mid-item.xml', 'atom-truncated.xml', 'rss-unclosed-items.xml', 'atom03-truncated.xml', 'rss-mismatched-close.xml']) {
      const feed = await parseFeed(decodeText(readFileSync(new URL(name, DIR)), null, 'xml').text);
      expect(feed.recovered, name).toMatch(/invalid XML/);
    }
    const clean = await parseFeed(decodeText(readFileSync(new URL('rss-empty-channel.xml', DIR)), null, 'xml').text);
    expect(clean).toMatchObject({ items: [], title: null });
    expect(clean.recovered).toBeUndefined();
  });

  it.runIf(requireTool('/usr/bin/python3', ['-c', 'import feedparser']))('expected.json is what the reference reader reads, plus the documented overrides', () => {
    const script = new URL('../../../scripts/lenient-oracle.py', import.meta.url).pathname;
    const r = spawnSync('/usr/bin/python3', [script, '--check'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
  });
});
