// Cross-language folding that does not hang on what each language does inside a sentence, nor on the order in which
// copies arrive: anchors of one sentence align as a set, short story sentences between paragraphs keep their names,
// and an item that joins its own language's copies links them to the story it translates.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signItem } from '../../src/domain/fingerprint.ts';
import { anchorSequence } from '../../src/domain/fingerprint/anchors.ts';
import { selectAnchorParagraphs } from '../../src/domain/fingerprint/clean-body.ts';
import { alignAnchors } from '../../src/domain/fold/anchor-alignment.ts';
import { decideFold, foldInMemory, type InMemoryItem, type Member } from '../../src/domain/fold.ts';

const FIX = new URL('../fixtures/fold/', import.meta.url);
const read = (name: string): string => fs.readFileSync(new URL(name, FIX), 'utf8');
const AT = new Date('2025-01-07T10:00:00Z');

function item(id: string, language: string, text: string, title: string, hours = 0): InMemoryItem {
  return { itemId: id, url: `https://${id}.example/a`, canonicalUrl: null, title, text, links: [], language,
    publishedAt: new Date(AT.getTime() + hours * 3600e3) };
}

describe('anchors of one sentence align whatever order its language puts them in', () => {
  // Each case: two renderings of one sentence whose words come in another order, and why they must give one sequence.
  it.each([
    ['a source put first in German, last in English',
      'The zoo said on Facebook that the gorilla Kidogo and his family are alive and well.',
      'Auf Facebook schrieb der Zoo, der Gorilla Kidogo und seine Familie seien wohlauf.'],
    ['a quoted speaker before or after the quote',
      'Harbour master Oskar Lindqvist said the Tellmark channel stays closed until the hull is checked.',
      'Der Kanal von Tellmark bleibe gesperrt, bis der Rumpf geprüft sei, sagte Hafenmeister Oskar Lindqvist.'],
    ['Chinese puts the place before the verb, English after it',
      'Police in Varnholm said that 14 people were questioned on Facebook Live.',
      '瓦恩霍尔姆警方在 Facebook Live 上表示，有 14 人接受了询问。'],
  ])('%s', (_why, a, b) => {
    const x = anchorSequence('', [a], 'en');
    const y = anchorSequence('', [b], /[\u4e00-\u9fff]/.test(b) ? 'zh' : 'de');
    const shared = x.filter((v) => y.includes(v));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    // In text order the two would cross; as a set per sentence they come in one order on both sides.
    expect(y.filter((v) => x.includes(v))).toEqual(shared);
    expect(alignAnchors(x, y).distinct).toBe(alignAnchors(shared, shared).distinct);
  });

  it('sentences keep their order: the first sentence’s anchors still come first', () => {
    const seq = anchorSequence('', ['Anna Berger met Karl Hollis in Vienna. Later Oskar Lindqvist flew to Tellmark.'], 'en');
    expect(seq.indexOf('brgr')).toBeGreaterThanOrEqual(0);
    expect(seq.indexOf('brgr')).toBeLessThan(seq.indexOf('lndkfs'));
    expect(seq.indexOf('hls')).toBeLessThan(seq.indexOf('tlmrk'));
  });
});

describe('short sentences inside the story keep their names; republisher lines around it do not', () => {
  const long1 = 'The ferry operator Nordlicht Lines said on Tuesday that its vessel Marisol ran aground near Tellmark harbour with 214 passengers on board.';
  const long2 = 'Harbour master Oskar Lindqvist said the channel would stay closed to large ships until Thursday, when divers finish their checks.';
  const text = ['Global Wire | Latest Headlines', long1, 'Captain Ilse Brandvold was praised by the coast guard.',
    'Ferry strike in Saltvik enters third day', long2, 'Read more: saltvik-news.example', 'This article first appeared on Harbour Daily.'].join('\n\n');
  const anchors = selectAnchorParagraphs(text).join(' ');

  it.each([
    ['the short sentence between two story paragraphs', 'Ilse Brandvold', true],
    ['the story paragraphs', 'Oskar Lindqvist', true],
    ['a site header before the story', 'Global Wire', false],
    ['a republisher line after the story', 'Harbour Daily', false],
    ['a related story’s headline inside the story (no sentence end)', 'Ferry strike in Saltvik', false],
    ['a line naming a web address', 'saltvik-news', false],
  ])('%s', (_why, words, kept) => {
    expect(anchors.includes(words)).toBe(kept);
  });
});

describe('a translation links its own language’s copies to the original, whatever came first', () => {
  const EN = item('en', 'en', read('ferry-original-en.txt'), 'Ferry runs aground near Tellmark with 214 passengers');
  const DE_TEXT = read('ferry-translation-de.txt');
  const DE = item('de', 'de', DE_TEXT, 'Fähre mit 214 Passagieren vor Tellmark auf Grund gelaufen', 4);
  // A German copy of the translation reduced to its last two paragraphs with the names cut: too few anchors to fold
  // with the English original on its own, but its text is contained in the translation's.
  const lastTwo = DE_TEXT.trim().split('\n\n').slice(2).join('\n\n');
  const DE_COPY = item('de-copy', 'de', lastTwo.replace(/Oskar Lindqvist|Nordlicht Lines|Aurelia|Varnholm/g, 'man'),
    'Fähre vor Tellmark auf Grund gelaufen', 5);
  const member = (x: InMemoryItem, itemId: number, storyId: number): Member =>
    ({ itemId, storyId, sig: signItem(x), publishedAt: x.publishedAt });

  it('the translation that joins a German story strongly also brings in the English story it translates', () => {
    const sameText = item('de-again', 'de', DE_TEXT, 'Fähre vor Tellmark auf Grund gelaufen', 5);
    const d = decideFold({ itemId: 3, sig: signItem(DE), publishedAt: DE.publishedAt }, [member(sameText, 2, 2), member(EN, 1, 1)]);
    expect(d.method).toBe('exact');
    expect([...d.storyIds].sort()).toEqual([1, 2]);
  });

  it('an item matching two stories by translation alone joins the best one only', () => {
    const EN2 = item('en2', 'en', read('ferry-original-en.txt').split('\n\n').slice(0, 2).join('\n\n'), 'Ferry aground', 1);
    const d = decideFold({ itemId: 3, sig: signItem(DE), publishedAt: DE.publishedAt }, [member(EN, 1, 1), member(EN2, 2, 2)]);
    expect(d).toMatchObject({ method: 'translation' });
    expect(d.storyIds).toHaveLength(1);
  });

  it.each([
    ['original, translation, copy', [EN, DE, DE_COPY]],
    ['copy, original, translation', [DE_COPY, EN, DE]],
    ['original, copy, translation', [EN, DE_COPY, DE]],
  ])('one story in the order %s', (_order, items) => {
    const stories = new Set(foldInMemory(items).map((f) => f.storyId));
    expect(stories.size).toBe(1);
  });

  it('the reduced copy alone does not fold with the original (so the case above tests the link)', () => {
    expect(new Set(foldInMemory([EN, DE_COPY]).map((f) => f.storyId)).size).toBe(2);
  });
});
