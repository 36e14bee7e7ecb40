import { describe, expect, it } from 'vitest';
import { normaliseText, shingleUnits, splitParagraphs, splitSentences, tokenise } from '../../src/domain/text-normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['curly quotes', '“Hello” ‘world’', '"hello" \'world\''],
    ['guillemets', '« soutien »', '" soutien "'],
    ['dashes', 'Kremlin – RT — News', 'kremlin - rt - news'],
    ['space-grouped number', 'about 1 000 people', 'about 1000 people'],
    ['comma-grouped number', 'about 1,000 people', 'about 1000 people'],
    ['dot-grouped number', 'about 1.000 people', 'about 1000 people'],
    ['millions', '12 500 000 euros', '12500000 euros'],
    ['decimal kept', 'rate 4.25 percent', 'rate 4.25 percent'],
    ['full-width forms (NFKC)', 'ＡＢＣ１２', 'abc12'],
    ['case folding', 'ÉTATS-UNIS', 'états-unis'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('tokenise', () => {
  it.each([
    ['Latin', 'Putin spoke, on Monday.', ['putin', 'spoke', 'on', 'monday']],
    ['Cyrillic', 'Путин провёл разговор', ['путин', 'провёл', 'разговор']],
    ['Greek', 'Η Αθήνα σήμερα', ['η', 'αθήνα', 'σήμερα']],
    ['Arabic', 'وزير التعليم العالي', ['وزير', 'التعليم', 'العالي']],
    ['CJK one token per character', '新年致辞 2020', ['新', '年', '致', '辞', '2020']],
    ['apostrophe variants give one form', 'Coronavirus’a', ['coronavirus', 'a']],
  ])('%s', (_name, input, expected) => {
    expect(tokenise(input)).toEqual(expected);
  });

  it('turns CJK runs into overlapping bigrams and keeps words', () => {
    expect(shingleUnits(tokenise('总理致辞 in 2020'))).toEqual(['总理', '理致', '致辞', 'in', '2020']);
  });
});

describe('splitting', () => {
  it('splits paragraphs on blank lines and sentences at stops and glued capitals', () => {
    expect(splitParagraphs('a b\n\n\n c\nd ')).toEqual(['a b', 'c d']);
    expect(splitSentences('One is here. Two there!Three? 3.5 stays')).toEqual(['One is here.', 'Two there!', 'Three?', '3.5 stays']);
    expect(splitSentences('第一句。第二句')).toEqual(['第一句。', '第二句']);
  });
});
