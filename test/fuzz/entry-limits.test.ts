// Every stored field of an entry at its limit and one past it, through the sandboxed feed reader a poll uses:
// at the limit the field is kept as written, one past it the entry is still read and the field is brought
// within the limit (guid hashed, link dropped, title, author and text cut).
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createSandboxReader, readLimitsFrom } from '../../src/sandbox/reader.ts';
import { DOCUMENT_BUDGET_MS, DOCUMENT_HEAP_MB } from './outcome.ts';

// The default limits, as a process without FEEDFOLD_MAX_…_CHARS settings reads with.
const config = loadConfig({});
const { maxGuidChars: MAX_ITEM_KEY_CHARS, maxLinkChars: MAX_URL_CHARS, maxTitleChars: MAX_TITLE_CHARS, maxAuthorChars: MAX_AUTHOR_CHARS, maxTextChars: MAX_ENTRY_TEXT_CHARS } = config.entryLimits;
const reader = createSandboxReader({ threads: 1, heapMb: DOCUMENT_HEAP_MB, timeoutMs: DOCUMENT_BUDGET_MS }, readLimitsFrom(config));
afterAll(() => reader.close());

const fields = (extra: number) => ({
  guid: `tag:e.org,2026:${'g'.repeat(MAX_ITEM_KEY_CHARS - 15 + extra)}`,
  link: `https://e.org/${'l'.repeat(MAX_URL_CHARS - 14 + extra)}`,
  title: 't'.repeat(MAX_TITLE_CHARS + extra),
  author: 'a'.repeat(MAX_AUTHOR_CHARS + extra),
  text: 'w '.repeat(MAX_ENTRY_TEXT_CHARS / 2).slice(0, MAX_ENTRY_TEXT_CHARS - 1) + 'w'.repeat(1 + extra),
});
type Fields = ReturnType<typeof fields>;

const documents: Record<string, [string, (f: Fields) => string]> = {
  rss: ['application/rss+xml', (f) => `<rss version="2.0"><channel><title>c</title><item><guid>${f.guid}</guid><link>${f.link}</link><title>${f.title}</title><author>${f.author}</author><description>${f.text}</description></item></channel></rss>`],
  atom: ['application/atom+xml', (f) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>c</title><entry><id>${f.guid}</id><link href="${f.link}"/><title>${f.title}</title><author><name>${f.author}</name></author><content>${f.text}</content></entry></feed>`],
  json: ['application/feed+json', (f) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'c', items: [{ id: f.guid, url: f.link, title: f.title, authors: [{ name: f.author }], content_text: f.text }] })],
};

describe.each(Object.entries(documents))('a %s entry with every field at its limit, and one past it', (_format, [contentType, write]) => {
  it('at the limit: kept as written', async () => {
    const f = fields(0);
    const doc = await reader.readFeed(Buffer.from(write(f)), contentType, 'https://e.org/feed');
    expect(doc.entries).toHaveLength(1);
    const [entry] = doc.entries;
    expect(entry).toMatchObject({ itemKey: f.guid, url: f.link, title: f.title, author: f.author });
    expect(Math.max(entry?.summary?.length ?? 0, entry?.content?.length ?? 0)).toBe(MAX_ENTRY_TEXT_CHARS);
  });

  it('one past the limit: read, and every field within its limit', async () => {
    const f = fields(1);
    const doc = await reader.readFeed(Buffer.from(write(f)), contentType, 'https://e.org/feed');
    expect(doc.entries).toHaveLength(1);
    const [entry] = doc.entries;
    expect(entry?.itemKey).toMatch(/^g:[0-9a-f]{64}$/);
    expect(entry?.url).toBeNull();
    expect(entry?.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(entry?.title.startsWith('t'.repeat(MAX_TITLE_CHARS - 1))).toBe(true);
    expect(entry?.author?.length).toBeLessThanOrEqual(MAX_AUTHOR_CHARS);
    expect(entry?.summary?.length ?? 0).toBeLessThanOrEqual(MAX_ENTRY_TEXT_CHARS);
    expect(entry?.content?.length ?? 0).toBeLessThanOrEqual(MAX_ENTRY_TEXT_CHARS);
    expect(Math.max(entry?.summary?.length ?? 0, entry?.content?.length ?? 0)).toBeGreaterThan(MAX_ENTRY_TEXT_CHARS / 2);
  });
});
