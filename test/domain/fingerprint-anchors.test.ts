import { describe, expect, it } from 'vitest';
import { anchorSequence, anchorWeight, isTitleCase, skeletonOf, stripTitleSuffix } from '../../src/domain/fingerprint/anchors.ts';
import { extractNumberAnchors } from '../../src/domain/fingerprint/anchor-numbers.ts';
import { nameAnchorsOf } from '../../src/domain/fingerprint/anchor-names.ts';

describe('skeletonOf: one key for a name in every script and spelling', () => {
  it.each([
    ['Putin', ['Путин', 'Poutine', 'Putin', 'Πούτιν']],
    ['Peskov', ['Песков', 'Peskov', 'Peskow', 'Peskof']],
    ['Pezeshkian', ['Пезешкиан', 'Pezeshkian', 'Pezeschkian', 'Pésechkian', 'Pezeszkian']],
    ['Vladimir', ['Владимир', 'Vladimir', 'Wladimir']],
    ['Aleppo', ['Алеппо', 'Aleppo', 'Alep']],
  ])('%s', (_name, spellings) => {
    const keys = new Set(spellings.map(skeletonOf));
    expect(keys.size).toBe(1);
    expect([...keys][0]?.length).toBeGreaterThanOrEqual(3);
  });

  it.each([['Putin', 'Peskov'], ['Merkel', 'Merz'], ['Assad', 'Astana']])('keeps %s and %s apart', (a, b) => {
    expect(skeletonOf(a)).not.toBe(skeletonOf(b));
  });
});

describe('extractNumberAnchors: one value whatever the language writes', () => {
  it.each([
    ['37 billion', ['N37bn', '$37 billion', '37 milliards', '37 Mrd. Euro', '37 млрд рублей', '370 亿奈拉', '37 mil millones', '37.000.000.000']],
    ['4.2 million', ['4.2 million', '4,2 millions', '4,2 Mio.', '4,2 млн', '420万']],
    ['140 thousand', ['140,000', '140 000', '140 thousand', '140 тыс.', '14万人', '140k']],
    ['150 million', ['1.5亿元', '150 million', '150 Millionen']],
    ['a percentage', ['3.5%', '3,5 %', '3.5 per cent']],
  ])('%s', (_name, forms) => {
    const values = new Set(forms.map((f) => extractNumberAnchors(f.replace(/(\d)[ .,](?=\d{3}(?!\d))/g, '$1').replace(/(\d)[ .,](?=\d{3}(?!\d))/g, '$1')).join(' ')));
    expect(values.size).toBe(1);
    expect([...values][0]).toMatch(/^#\d{2,}$/);
  });

  it.each([
    ['single digits say nothing', 'two of 3 men', []],
    ['a unit is not a magnitude', '5 km and 12 kg', ['#12']],
    ['a year and a range', 'in 2014-2015', ['#2014', '#2015']],
    ['a date in Chinese', '2020年1月1日', ['#2020']],
  ])('%s', (_name, text, expected) => {
    expect(extractNumberAnchors(text)).toEqual(expected);
  });
});

describe('title anchors', () => {
  it.each([
    ['Moscow and Tehran discuss Syria | RT World News', 'Moscow and Tehran discuss Syria'],
    ['Cuba congratulated on 61st anniversary — Northfield Courier', 'Cuba congratulated on 61st anniversary'],
    ['Feiertage 2020 - so mickrig fällt der Urlaub aus', 'Feiertage 2020 - so mickrig fällt der Urlaub aus'],
  ])('strips a site suffix: %s', (title, expected) => {
    expect(stripTitleSuffix(title)).toBe(expected);
  });

  it('takes no names from a title-cased headline, only its numbers', () => {
    expect(isTitleCase('Maine Man Becomes First Million Dollar Powerball Winner Of 2020')).toBe(true);
    expect(isTitleCase('Putin and Pezeshkian discuss the situation in Syria')).toBe(false);
    expect(anchorSequence('Maine Man Becomes First Million Dollar Powerball Winner Of 2020', [])).toEqual(['#2020']);
  });

  it('weighs years, round numbers and two-letter acronyms half a name', () => {
    expect(['#2020', '#300', '#1000000', '#24', '=ap', 'ptn', '#177', '#140500', '=nato'].map(anchorWeight))
      .toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1]);
  });
});

describe('nameAnchorsOf: the spelling habits of languages undone before the skeleton', () => {
  it.each([
    ['an English possessive', 'Peter’s', false, ['ptr']],
    ['an Italian elided article', "dell'India", false, ['ind']],
    ['an elided article opening a sentence', "L'India", true, ['ind']],
    ['a French elided preposition', "d'Emmanuel", false, ['emnl']],
    ['an elided acronym', "all'ONU", false, ['=onu']],
    ['an abbreviated title after an elision', "l'Ing", false, []],
    ['a hyphenated name, one key per capitalised part', 'Телеграф-роуд', false, ['tlgrf']],
    ['a Latin acronym, even opening a sentence', 'AP', true, ['=ap']],
    ['a four-letter acronym', 'TFMR', false, ['=tfmr']],
    ['a capitalised word opening a sentence', 'Monroe', true, []],
    ['a lower-case word', 'police', false, []],
    ['a word with digits', 'Covid-19', false, []],
  ])('%s', (_name, word, start, expected) => {
    expect(nameAnchorsOf(word, start)).toEqual(expected);
  });

  it('a possessive meets the plain name in another language', () => {
    expect(nameAnchorsOf('Peter’s', false)).toEqual(nameAnchorsOf('Pietro', false));
    expect(anchorSequence('', ['The pilgrims waited in St Peter’s Square for hours before the Pope came out to greet them.']))
      .toContain(skeletonOf('Peter'));
  });
});
