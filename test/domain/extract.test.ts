import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/domain/extract.ts';
import { decodeText } from '../../src/domain/encoding.ts';
import { ExtractError } from '../../src/errors.ts';

const PAGES = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const PAGE_URL = 'https://site.example/news/story.html';
const names = readdirSync(PAGES)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''));

describe('extractArticle golden pages', () => {
  it.each(names)('%s', (name) => {
    const html = decodeText(readFileSync(`${PAGES}${name}.html`), null, 'html').text;
    const expected = JSON.parse(readFileSync(`${PAGES}${name}.expected.json`, 'utf8'));
    const article = extractArticle(html, PAGE_URL);
    expect({ ...article, publishedAt: article.publishedAt?.toISOString() ?? null }).toEqual(expected);
  });

  it('keeps the attribution link of a stripped "Source link" line', () => {
    const html = readFileSync(`${PAGES}source-link.html`, 'utf8');
    const article = extractArticle(html, PAGE_URL);
    expect(article.text).not.toMatch(/Source link|first appeared on/);
    expect(article.links).toContain('https://bayside.example/2025/03/04/harbour-ferry-returns/');
  });
});

describe('extractArticle on short articles beside link lists', () => {
  it('drops a "Most read" list even when it is longer than the article', () => {
    const others = ['Harbour reopens after storm damage is repaired', 'Council approves the new budget for schools',
      'Local team wins the regional cup final on penalties', 'Museum opens an exhibition of maritime maps'];
    const html = `<html><body><table><tr>
      <td class="content"><b>Ferry service resumes</b><br><font class="bodytext">The ferry between the islands resumed on Monday after a week of repairs to the landing stage, the operator said.</font></td>
      <td class="rightcol"><div class="topten"><h3>Most read</h3><ul>${others.map((t, i) => `<li><a href="/n/${i}">${t}</a></li>`).join('')}</ul></div></td>
    </tr></table></body></html>`;
    const a = extractArticle(html, 'http://islands.example/ferry');
    expect(a.text).toMatch(/ferry between the islands resumed/);
    expect(a.text).not.toMatch(/Most read|Council approves|Museum opens/);
  });
});

describe('extractArticle on input that is not a page', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['binary', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['plain text without markup', 'just some words and nothing else'],
  ])('%s throws ExtractError', (_name, input) => {
    expect(() => extractArticle(input, PAGE_URL)).toThrow(ExtractError);
  });
});

const paragraph = '<p>The river rose by two metres overnight and the town closed the lower road to traffic.</p>';

describe('extractArticle robustness', () => {
  it('returns empty text for a page with no body', () => {
    const article = extractArticle('<html><head><title>Nothing here</title></head></html>', PAGE_URL);
    expect(article.text).toBe('');
    expect(article.title).toBe('Nothing here');
  });

  it('survives markup nested 10 000 levels deep', () => {
    const html = `<html><body>${'<div>'.repeat(10_000)}${paragraph.repeat(5)}${'</div>'.repeat(10_000)}</body></html>`;
    const article = extractArticle(html, PAGE_URL);
    expect(article.text).toContain('The river rose by two metres');
  });

  it('cuts a 20 MB page instead of parsing all of it', () => {
    const filler = `<div class="row">${paragraph}</div>`;
    const html = `<html><body><article>${filler.repeat(Math.ceil(20_000_000 / filler.length))}</article></body></html>`;
    const article = extractArticle(html, PAGE_URL);
    expect(article.text.length).toBeGreaterThan(0);
    expect(article.text.length).toBeLessThan(5_000_000);
  });

  // Each of these made a regular expression rescan the rest of the page once per opening: minutes of work.
  it.each([
    ['unclosed scripts', '<script>x'],
    ['unclosed comments', '<!--x'],
    ['unclosed styles', '<style>a'],
  ])('handles 5 MB of %s in linear time', (_name, unit) => {
    const html = `<html><body>${paragraph.repeat(5)}${unit.repeat(Math.ceil(5_000_000 / unit.length))}</body></html>`;
    const t0 = performance.now();
    const article = extractArticle(html, PAGE_URL);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(article.text).toContain('The river rose by two metres');
  });

  it('ignores script, style and svg content', () => {
    const html = `<html><body><article>${paragraph.repeat(4)}<script>var secret = "TOKEN";</script><style>.x{}</style><svg><text>SVGTEXT</text></svg></article></body></html>`;
    const article = extractArticle(html, PAGE_URL);
    expect(article.text).not.toMatch(/TOKEN|SVGTEXT/);
  });
});

describe('extractArticle language', () => {
  it.each([
    ['<html lang="pt-BR">', '', 'pt'],
    ['<html>', '<meta http-equiv="content-language" content="nl">', 'nl'],
    ['<html>', '<meta property="og:locale" content="it_IT">', 'it'],
  ])('reads %s %s as %s', (htmlTag, meta, lang) => {
    const html = `<!DOCTYPE html>${htmlTag}<head>${meta}<title>t</title></head><body><article>${paragraph.repeat(4)}</article></body></html>`;
    expect(extractArticle(html, PAGE_URL).language).toBe(lang);
  });

  it('detects the language from the text when nothing declares it', () => {
    const html = `<html><body><article><p>${'Die Stadt hat am Montag beschlossen, die alte Brücke über den Fluss im nächsten Jahr zu erneuern, weil der Beton an vielen Stellen bröckelt. '.repeat(3)}</p></article></body></html>`;
    expect(extractArticle(html, PAGE_URL).language).toBe('de');
  });
});

const body = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}: the council voted on Tuesday to rebuild the footbridge over the river before the summer, the mayor told reporters at the town hall.</p>`).join('');

describe('extractArticle at the edges of the article', () => {
  it('drops a heading left last once its link list is gone ("Related stories")', () => {
    const html = `<html><body><article>${body(4)}<h3>Related stories</h3><aside><ul><li><a href="/a">Ferry returns</a></li><li><a href="/b">Road closed</a></li></ul></aside></article></body></html>`;
    const a = extractArticle(html, PAGE_URL);
    expect(a.text).toMatch(/Paragraph 4:/);
    expect(a.text).not.toMatch(/Related stories/);
  });

  it.each([
    ['headline run into the lead', 'Bridge to be rebuilt', 'Bridge to be rebuiltThe council voted on Tuesday to rebuild the footbridge over the river.', 'The council voted'],
    ['lead that begins with the headline words', 'Council votes', 'Council votes to rebuild the footbridge over the river before the summer.', 'Council votes to rebuild'],
    ['headline that is the lead sentence', 'Council votes on bridge', 'Council votes on bridge. The footbridge over the river will be rebuilt before the summer.', 'Council votes on bridge.'],
  ])('%s', (_name, title, lead, start) => {
    const html = `<html><head><title>${title}</title></head><body><div><p>${lead}</p>${body(3)}</div></body></html>`;
    expect(extractArticle(html, PAGE_URL).text.startsWith(start)).toBe(true);
  });
});
