import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signItem } from '../../src/domain/fingerprint.ts';
import { chooseCanonical, decideFold, foldInMemory, type InMemoryItem, type Member } from '../../src/domain/fold.ts';

const FIX = new URL('../fixtures/fold/', import.meta.url);
const read = (name: string): string => fs.readFileSync(new URL(name, FIX), 'utf8');
const ORIGINAL = read('council-original-en.txt');
const paras = ORIGINAL.trim().split('\n\n');
const AT = new Date('2025-03-03T10:00:00Z');

function input(id: string, over: Partial<InMemoryItem>): InMemoryItem {
  return { itemId: id, url: `https://site-${id}.example/news/${id}`, canonicalUrl: null,
    title: 'Riverton closes Market Street bridge to cars after cracks found', text: '', links: [], language: 'en',
    publishedAt: AT, ...over };
}

const original = input('orig', { text: ORIGINAL });
const origMember: Member = { itemId: 1, storyId: 11, sig: signItem(original), publishedAt: AT };

function decide(copy: InMemoryItem) {
  return decideFold({ itemId: 2, sig: signItem(copy), publishedAt: copy.publishedAt }, [origMember]);
}

describe('copies fold into the original story', () => {
  it.each([
    ['verbatim', ORIGINAL],
    ['header and footer lines', `World News Hub | Latest Headlines\n\n${ORIGINAL}\n\nSource link`],
    ['attribution lines', `${ORIGINAL}\n\nThis article first appeared on The Riverton Herald.\n\nLien source`],
    ['ad lines', [paras[0], 'ADVERTISEMENT', paras[1], paras[2], 'PUBLICIDAD', ...paras.slice(3)].join('\n\n')],
    ['editor note', `Editor's note: republished with permission.\n\n${ORIGINAL}`],
    ['truncation to a lede', `${paras[0]}\n\nContinue reading`],
    ['small sentence edits', ORIGINAL.replace('painful but unavoidable', 'hard but necessary').replace('fear a drop', 'worry about a fall')],
    ['a dropped paragraph', [...paras.slice(0, 2), ...paras.slice(3)].join('\n\n')],
    ['reordered paragraphs', [paras[0], paras[2], paras[1], ...paras.slice(3)].join('\n\n')],
    ['reflowed paragraphs', paras.join(' ')],
    ['straight quotes', ORIGINAL.replace(/[“”]/g, '"')],
    ['curly quotes', ORIGINAL.replace(/"([^"]*)"/g, '“$1”')],
    ['number formats', ORIGINAL.replace('12,500', '12 500').replace('4.2 million', '4,2 million')],
  ])('%s', (_name, text) => {
    const d = decide(input('copy', { text, title: 'Bridge closed: Riverton shuts Market Street crossing — Riverton Herald' }));
    expect(d.storyIds).toEqual([11]);
    expect(d.method).not.toBe('new');
  });

  it('a title-only item with a suffixed, re-cased title', () => {
    const d = decide(input('copy', { text: '', title: 'Riverton Closes Market Street Bridge To Cars After Cracks Found | Daily' }));
    expect(d).toMatchObject({ storyIds: [11], method: 'title' });
  });

  it('a page naming the original as rel=canonical', () => {
    const d = decide(input('copy', { text: 'Short teaser only.', canonicalUrl: original.url }));
    expect(d).toMatchObject({ storyIds: [11], method: 'url' });
  });

  it('a copy whose attribution link points at the original', () => {
    const d = decide(input('copy', { text: `${paras[0]}\n\nSource link`, links: [original.url], title: 'Other words' }));
    expect(d).toMatchObject({ storyIds: [11], method: 'attribution' });
  });
});

describe('near misses stay apart', () => {
  it.each([
    ['a different story on the same topic, same day', read('council-other-story-en.txt'), 'Riverton raises parking fees on Market Street'],
    ['another story in the same template', read('harbour-other-story-en.txt'), 'Container ship drifts at Riverton harbour entrance'],
    ['a title-only item with a different headline', '', 'Riverton council approves new harbour parking plan today'],
  ])('%s', (_name, text, title) => {
    expect(decide(input('other', { text, title }))).toEqual({ storyIds: [], method: 'new', score: 0 });
  });

  it('pages whose only text is the same cookie notice stay apart when their headlines differ', () => {
    const notice = 'We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies and our privacy policy.';
    const a = input('a', { text: notice, title: 'Zac Efron says he wants a High School Musical sequel' });
    const b = input('b', { text: notice, title: 'UniCredit posts record loss and plans a turnaround' });
    const d = decideFold({ itemId: 2, sig: signItem(b), publishedAt: AT }, [{ itemId: 1, storyId: 5, sig: signItem(a), publishedAt: AT }]);
    expect(d.storyIds).toEqual([]);
  });

  it('headlines naming the same people are not taken for translations when a language is unknown', () => {
    const a = input('a', { text: '', title: 'SEC asks municipal bond sellers to report disclosure violations', language: 'en' });
    const b = input('b', { text: '', title: 'SEC asks municipal bond sellers to report disclosure breach (2)', language: null });
    const d = decideFold({ itemId: 2, sig: signItem(b), publishedAt: AT }, [{ itemId: 1, storyId: 6, sig: signItem(a), publishedAt: AT }]);
    expect(d.method).not.toBe('translation');
  });

  it('a translation-like item about the same people far outside the time window', () => {
    const ru = input('ru', { text: read('syria-copy-ru.txt'), language: 'ru', publishedAt: new Date('2025-04-01T00:00:00Z') });
    const en = input('en', { text: read('syria-original-en.txt'), title: 'Putin and Pezeshkian discuss Syria' });
    const d = decideFold({ itemId: 2, sig: signItem(ru), publishedAt: ru.publishedAt },
      [{ itemId: 1, storyId: 9, sig: signItem(en), publishedAt: en.publishedAt }]);
    expect(d.storyIds).toEqual([]);
  });

  it('many unrelated candidates do not pull the item in', () => {
    const others: Member[] = Array.from({ length: 50 }, (_, i) => ({ itemId: i + 1, storyId: 100 + i, publishedAt: AT,
      sig: signItem(input(`o${i}`, { text: `World News Hub | Latest Headlines\n\n${read('harbour-other-story-en.txt')} Item ${i}.`, title: `Harbour news number ${i}` })) }));
    const d = decideFold({ itemId: 99, sig: signItem(input('x', { text: read('council-other-story-en.txt'), title: 'Parking' })), publishedAt: AT }, others);
    expect(d.storyIds).toEqual([]);
  });
});

describe('seed case: one story in English, French and Russian', () => {
  it('folds the republished French copy and the Russian copy with the English original', () => {
    const items = [
      input('en', { text: read('syria-original-en.txt'), title: 'Moscow and Tehran discuss Syria – Kremlin', publishedAt: new Date('2024-12-02T12:00:00Z') }),
      input('fr', { text: read('republished-fr-rt-syria.txt'), title: 'Moscou et Téhéran discutent de la Syrie – Kremlin', language: 'fr', publishedAt: new Date('2024-12-02T15:00:00Z') }),
      input('ru', { text: read('syria-copy-ru.txt'), title: 'Москва и Тегеран обсудили Сирию – Кремль', language: 'ru', publishedAt: new Date('2024-12-02T18:00:00Z') }),
      input('other', { text: ORIGINAL, publishedAt: new Date('2024-12-02T13:00:00Z') }),
    ];
    const out = foldInMemory(items);
    const story = (id: string) => out.find((o) => o.itemId === id)?.storyId;
    expect(story('fr')).toBe(story('en'));
    expect(story('ru')).toBe(story('en'));
    expect(story('other')).not.toBe(story('en'));
    expect(out.find((o) => o.itemId === 'ru')?.canonical).toBe('en');
  });
});

describe('chooseCanonical', () => {
  // Item n's page is https://site-n.example/news/n.
  const m = (id: number, at: string | null, over: Partial<InMemoryItem> = {}): Member => ({ itemId: id, storyId: 1,
    publishedAt: at ? new Date(at) : null, sig: signItem(input(String(id), { text: ORIGINAL, ...over })) });

  it.each([
    ['the member others link to as source, even if published later',
      [m(1, '2025-03-03T09:00:00Z', { links: ['https://site-2.example/news/2'] }), m(2, '2025-03-03T11:00:00Z')], 2, /named as source/],
    ['the page another member names as rel=canonical',
      [m(1, '2025-03-03T09:00:00Z', { canonicalUrl: 'https://site-3.example/news/3' }), m(3, '2025-03-03T12:00:00Z')], 3, /canonical/],
    ['a copy of a copy links the copy it took: the earlier original that names nobody wins',
      [m(1, '2025-03-03T09:00:00Z'), m(2, '2025-03-03T10:00:00Z'), m(3, '2025-03-03T11:00:00Z', { links: ['https://site-2.example/news/2'] })], 1, /earliest published; 1 member naming another as source passed over/],
    ['two feeds of one site naming the same page are not copies of each other',
      [m(4, '2025-03-03T09:00:00Z', { canonicalUrl: 'https://site-4.example/news/4' }), m(5, '2025-03-03T10:00:00Z')], 4, /^earliest published$/],
    ['else the earliest published', [m(1, '2025-03-03T12:00:00Z'), m(2, '2025-03-03T09:00:00Z')], 2, /earliest/],
    ['unknown times come last', [m(1, null), m(2, '2025-03-03T12:00:00Z')], 2, /earliest/],
    ['ties by item id (as numbers: 9 before 10)', [m(10, '2025-03-03T12:00:00Z'), m(9, '2025-03-03T12:00:00Z')], 9, /earliest/],
    ['a single member', [m(7, null)], 7, /only member/],
  ])('%s', (_name, members, expected, reason) => {
    const c = chooseCanonical(members);
    expect(c.itemId).toBe(expected);
    expect(c.reason).toMatch(reason);
  });
});
