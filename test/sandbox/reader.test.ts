// The sandbox reads documents in worker threads: same result as in-process, and a document over its time or heap
// budget fails alone with the feed's or page's own error while the event loop keeps running.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractError, ParseError } from '../../src/errors.ts';
import { createInProcessReader, createSandboxReader, readLimitsFrom } from '../../src/sandbox/reader.ts';
import { loadConfig } from '../../src/config.ts';

const limits = readLimitsFrom(loadConfig({}));
const inProcessReader = createInProcessReader(limits);

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));
const rss = fixture('feeds/rss-2.0.xml');
// Reading it takes seconds of sax's character loop: far past the short deadline below.
const ampersands = Buffer.from(`<rss version="2.0"><channel><item><title>${'&'.repeat(3_000_000)}</title></item></channel></rss>`);

describe('createSandboxReader', () => {
  const sandbox = createSandboxReader({ threads: 1, heapMb: 256, timeoutMs: 15_000 }, limits);
  const tight = createSandboxReader({ threads: 1, heapMb: 256, timeoutMs: 300 }, limits);
  const small = createSandboxReader({ threads: 1, heapMb: 32, timeoutMs: 15_000 }, limits);
  afterAll(async () => Promise.all([sandbox.close(), tight.close(), small.close()]));

  it('reads a feed and a page as the in-process reader does', async () => {
    expect(await sandbox.readFeed(rss, 'application/rss+xml', 'https://example.org/feed')).toEqual(
      await inProcessReader.readFeed(rss, 'application/rss+xml', 'https://example.org/feed'),
    );
    const page = fixture('pages/wordpress.html');
    expect(await sandbox.readPage(page, 'text/html', 'https://example.org/a')).toEqual(await inProcessReader.readPage(page, 'text/html', 'https://example.org/a'));
  });

  it('returns a document\'s own failure as ParseError / ExtractError', async () => {
    const failure = await sandbox.readFeed(Buffer.from('<html><body>no feed</body></html>'), 'text/html', 'https://example.org/').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ParseError);
    expect((failure as Error).message).toMatch(/not a feed: HTML page/);
  });

  it('stops a document past its deadline, keeps the event loop turning, and reads the next one', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = Date.now();
    await expect(tight.readFeed(ampersands, 'application/rss+xml', 'https://example.org/amp')).rejects.toThrow(
      /not read within 300 ms \(FEEDFOLD_SANDBOX_TIMEOUT_MS\)/,
    );
    clearInterval(ticker);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor((Date.now() - started) / 20 / 3));
    const doc = await sandbox.readFeed(rss, 'application/rss+xml', 'https://example.org/feed');
    expect(doc.entries.length).toBeGreaterThan(0);
  });

  it('stops a document that needs more heap than its thread has, as that document\'s failure', async () => {
    const huge = Buffer.from(`<html><body>${'<div><p>word word word</p></div>'.repeat(400_000)}</body></html>`);
    const failure = await small.readPage(huge, 'text/html', 'https://example.org/huge').catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ExtractError);
    expect((failure as Error).message).toMatch(/more than 32 MB of memory/);
    const page = await small.readPage(fixture('pages/wordpress.html'), 'text/html', 'https://example.org/a');
    expect(page.text.length).toBeGreaterThan(100);
  });
});
