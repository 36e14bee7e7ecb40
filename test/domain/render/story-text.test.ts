// A story's lede is prose, never site chrome, decided from the text's shape; paragraphs survive; outlets
// count a site once however many of its feeds carried the story; entry ids are RFC 9562 v5 UUIDs.
import { describe, expect, it } from 'vitest';
import { storyOutlets, outletKey } from '../../../src/domain/outlet.ts';
import { chooseLede, excerptParagraphs, isProseLine } from '../../../src/domain/render/story-text.ts';
import { renderStoryHtml } from '../../../src/domain/render/story-html.ts';
import { uuidV5 } from '../../../src/domain/render/story-view.ts';

describe('lede', () => {
  it.each([
    ['section label in Arabic', 'العالم\n\nقال مسؤولون إن المحادثات بين البلدين ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين.', 'قال مسؤولون إن المحادثات'],
    ['byline ending in a colon', 'by Jane Roe, Staff Report:\n\nThe city council voted on Tuesday to close the harbour for repairs until spring.', 'The city council voted'],
    ['label lines inside the first paragraph', 'World\nUpdated 10:42\nPolice arrested three men after a night of protests in the port city.', 'Police arrested three men'],
    ['a dateline sentence is prose', 'BERLIN. Die Corona-Krise hat die Wirtschaft des Landes im vergangenen Jahr schwer getroffen.', 'BERLIN. Die Corona-Krise'],
    ['Chinese without spaces', '国际\n\n俄罗斯总统普京周一与伊朗总统通电话，双方讨论了叙利亚局势和地区安全问题。', '俄罗斯总统普京'],
    ['only chrome', 'Home\n\nRead more', ''],
  ])('%s', (_name, text, start) => {
    const lede = chooseLede(text);
    if (start === '') expect(lede).toBe('');
    else expect(lede.startsWith(start)).toBe(true);
  });

  it.each([
    ['Read more.', false],
    ['By Staff Reporter:', false],
    ['Five words end a sentence.', true],
    ['a line of twelve words with no end mark at all that goes on', true],
  ])('isProseLine(%j) = %s', (line, prose) => {
    expect(isProseLine(line)).toBe(prose);
  });
});

describe('paragraphs', () => {
  const text = 'Menu\n\nFirst paragraph of the article, which says what happened in the city today.\n\nSecond paragraph with more detail about the people who were there.\nA second line in it.\n\nThird.';

  it('keeps each paragraph as a <p>, lines as <br>, from the lede on', () => {
    const html = renderStoryHtml({ id: 1, title: 't', url: null, summary: '', text, firstPublishedAt: null, updatedAt: new Date(0), itemCount: 1, languages: [], members: [] });
    expect(html).toBe('<p>First paragraph of the article, which says what happened in the city today.</p><p>Second paragraph with more detail about the people who were there.<br>A second line in it.</p><p>Third.</p>');
  });

  it('cuts at a paragraph boundary and says so', () => {
    const { paragraphs, truncated } = excerptParagraphs(text, 100);
    expect(paragraphs).toHaveLength(1);
    expect(truncated).toBe(true);
  });
});

describe('outlets', () => {
  const m = (sourceUrl: string | null, url: string, sourceTitle: string, isCanonical = false) => ({ sourceUrl, url, sourceTitle, feedUrl: null, language: 'en', isCanonical, publishedAt: null });

  it.each([
    ['https://www.bbc.co.uk/news', 'bbc.co.uk'],
    ['https://news.bbc.co.uk/', 'bbc.co.uk'],
    ['http://127.0.1.11:8731/', '127.0.1.11:8731'],
    ['http://127.0.0.1:4000/wire/', '127.0.0.1:4000/wire'],
  ])('outletKey(%s) = %s', (url, key) => {
    expect(outletKey({ sourceUrl: url, url: null })).toBe(key);
  });

  it('two feeds of one site are one outlet; the canonical item\'s outlet comes first', () => {
    const outlets = storyOutlets([
      m('https://www.example.com/', 'https://www.example.com/world/1', 'Example World'),
      m('https://example.com/', 'https://example.com/front/1', 'Example Front'),
      m('https://other.org/', 'https://other.org/a', 'Other', true),
    ]);
    expect(outlets.map((o) => o.key)).toEqual(['other.org', 'example.com']);
  });
});

describe('entry ids', () => {
  it('match the RFC 9562 test vector for version 5 (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
