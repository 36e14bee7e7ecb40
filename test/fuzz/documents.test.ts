// Hostile feeds and pages through the readers a poll and an ingestion run on fetched bytes (readFeed, readPage
// in the sandbox: decode, detect, repair, parse, lenient reading, normalise, entry limits; decode, prepare,
// parse, extract), with production's time and heap per document: each ends with an answer or the document's
// own ParseError / ExtractError, never the sandbox's "not read within" or "more than … MB".
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createSandboxReader, readLimitsFrom } from '../../src/sandbox/reader.ts';
import { frames, hostileCases, namedCases, SIZES, type FrameName, type HostileCase } from './hostile-inputs.ts';
import { DOCUMENT_BUDGET_MS, DOCUMENT_HEAP_MB } from './outcome.ts';

const reader = createSandboxReader({ threads: 2, heapMb: DOCUMENT_HEAP_MB, timeoutMs: DOCUMENT_BUDGET_MS }, readLimitsFrom(loadConfig({})));
afterAll(() => reader.close());

const CONTENT_TYPE: Record<FrameName, string> = {
  bare: 'application/xml',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
  page: 'text/html; charset=utf-8',
  opml: 'text/x-opml',
};

/** Read every case in `frame` through the sandbox, two at a time; the failures that are not the document's own. */
async function readAll(kind: 'feed' | 'page', cases: HostileCase[], frame: FrameName): Promise<string[]> {
  const bad: string[] = [];
  const read = kind === 'feed' ? reader.readFeed : reader.readPage;
  const expected = kind === 'feed' ? 'ParseError' : 'ExtractError';
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < cases.length; i = next++) {
      const hostile = cases[i] as HostileCase;
      const body = Buffer.from(frames[frame](hostile.make()));
      await read(body, CONTENT_TYPE[frame], 'https://hostile.example/doc').then(
        () => {},
        (err: Error) => {
          if (err.name !== expected || /FEEDFOLD_SANDBOX_/.test(err.message) || !err.message) bad.push(`${frame} ${hostile.name}: ${err.name}: ${err.message}`);
        },
      );
    }
  };
  await Promise.all([lane(), lane()]);
  return bad;
}

describe('hostile feeds through the sandboxed feed reader', () => {
  it.each<[FrameName]>([['bare'], ['rss'], ['json']])('every case at 10 KB, %s', async (frame) => {
    expect(await readAll('feed', hostileCases(SIZES['10 KB']), frame)).toEqual([]);
  }, 300_000);

  it.each<[FrameName, keyof typeof SIZES]>([['atom', '100 KB'], ['rss', '1 MB']])('the named delimiters, in %s at %s', async (frame, size) => {
    expect(await readAll('feed', namedCases(SIZES[size]), frame)).toEqual([]);
  }, 600_000);
});

describe('hostile pages through the sandboxed page reader', () => {
  it.each<[FrameName]>([['bare'], ['page']])('every case at 10 KB, %s', async (frame) => {
    expect(await readAll('page', hostileCases(SIZES['10 KB']), frame)).toEqual([]);
  }, 300_000);

  // At 1 MB, a page of '<' takes longer than the 20 s budget on a loaded machine (the sandbox stops it, the
  // page fails alone); the page scans themselves are fuzzed at 1 MB in scanners.test.ts.
  it('the named delimiters at 100 KB inside an article', async () => {
    expect(await readAll('page', namedCases(SIZES['100 KB']), 'page')).toEqual([]);
  }, 600_000);
});
