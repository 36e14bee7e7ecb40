import { describe, expect, it } from 'vitest';
import { DOMParser } from 'linkedom';
import type { Doc } from '../../../src/domain/extract/dom.ts';
import { cleanTitle, parseJsonLd, readMeta, readMetaTags } from '../../../src/domain/extract/metadata.ts';
import { normaliseLanguageTag } from '../../../src/domain/extract/language.ts';
import { dropBoilerplateLines, dropTrailingLabels } from '../../../src/domain/extract/lines.ts';

describe('cleanTitle', () => {
  it.each([
    ['Ferry returns | Bayside Gazette', 'Bayside Gazette', null, 'Ferry returns'],
    ['Bayside Gazette - Ferry returns after repairs', 'Bayside Gazette', null, 'Ferry returns after repairs'],
    ['Ferry returns after winter repairs - Gazette', null, null, 'Ferry returns after winter repairs'],
    ['Ferry returns after winter repairs | Gazette', null, 'Ferry returns after winter repairs', 'Ferry returns after winter repairs'],
    ['Brexit: what the deal means', null, null, 'Brexit: what the deal means'],
    [null, null, 'Only a headline', 'Only a headline'],
  ])('%s (site %s, h1 %s) -> %s', (raw, site, h1, expected) => {
    expect(cleanTitle(raw, site, h1)).toBe(expected);
  });
});

describe('normaliseLanguageTag', () => {
  it.each([
    ['en-US', 'en'],
    ['de_DE', 'de'],
    ['FR', 'fr'],
    ['deu', 'de'],
    ['eng', 'en'],
    ['x-klingon', null],
    ['', null],
  ])('%s -> %s', (tag, expected) => {
    expect(normaliseLanguageTag(tag)).toBe(expected);
  });
});

describe('parseJsonLd', () => {
  it('unrolls @graph and skips broken blocks', () => {
    const objs = parseJsonLd(['{"@graph":[{"@type":"NewsArticle","headline":"A"}]}', '{broken']);
    expect(objs.map((o) => o['@type'])).toEqual([undefined, 'NewsArticle']);
  });
});

describe('dropBoilerplateLines', () => {
  it.each([
    ['Body text.\n\nADVERTISEMENT\n\nMore text.', null, 'Body text.\n\nMore text.'],
    ['Body text.\n\nSource link', null, 'Body text.'],
    ['Body text.\n\nThe post Ferry returns first appeared on Bayside Gazette.', null, 'Body text.'],
    ['Roundup Daily | Latest Headlines\n\nBody text.', 'Roundup Daily', 'Body text.'],
    ['Anzeige\nErste Zeile\nZweite Zeile', null, 'Erste Zeile\nZweite Zeile'],
  ])('%j', (text, site, expected) => {
    expect(dropBoilerplateLines(text, site)).toBe(expected);
  });
});

describe('dropBoilerplateLines on datelines', () => {
  it.each([
    ['Dienstag, 4. Juni 2019\n\nBody text.', 'Body text.'],
    ['Body text.\n\n03.04.2020, 20:37 Uhr', 'Body text.'],
    ['Year Rate\n2019 3.5\n2020 4.1', 'Year Rate\n2019 3.5\n2020 4.1'],
    ['The vote is on 4 June.', 'The vote is on 4 June.'],
  ])('%j', (text, expected) => {
    expect(dropBoilerplateLines(text, null)).toBe(expected);
  });
});

describe('readMetaTags', () => {
  const head = `<meta property="og:title" content="First"><meta property="og:title" content="Second"><meta name="author" content="  "><meta name="author" content="Ana Ruiz"><meta itemprop="datePublished" content="2025-03-04"><meta http-equiv="Content-Language" content="nl">`;
  const tags = readMetaTags(new DOMParser().parseFromString(`<html><head>${head}</head><body></body></html>`, 'text/html') as unknown as Doc);
  it.each([
    [['og:title'], 'First'],
    [['author'], 'Ana Ruiz'],
    [['datePublished'], '2025-03-04'],
    [['http-equiv:content-language'], 'nl'],
    [['twitter:title', 'og:title'], 'First'],
    [['missing'], null],
  ])('%j -> %s', (keys, expected) => {
    expect(readMeta(tags, keys)).toBe(expected);
  });
});

describe('dropTrailingLabels', () => {
  it.each([
    ['Body text.\n\nMehr zum Thema:', 'Body text.'],
    ['Body text.\n\nSchon gelesen?\nQuelle:', 'Body text.'],
    ['Body text.\nHere is what she said:', 'Body text.'],
    ['Body text.\n\nDid the council ever explain why it took three years to repair a bridge that was closed in the first winter?', 'Body text.\n\nDid the council ever explain why it took three years to repair a bridge that was closed in the first winter?'],
    ['Only a label:', 'Only a label:'],
    ['Body text ends here.', 'Body text ends here.'],
  ])('%j', (text, expected) => {
    expect(dropTrailingLabels(text)).toBe(expected);
  });
});
