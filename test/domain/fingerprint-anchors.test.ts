import { describe, expect, it } from 'vitest';
import { anchorSequence, anchorWeight, isTitleCase, skeletonOf, stripTitleSuffix } from '../../src/domain/fingerprint/anchors.ts';
import { extractNumberAnchors } from '../../src/domain/fingerprint/anchor-numbers.ts';
import { extractDateAnchors, isCalendarWord } from '../../src/domain/fingerprint/anchor-dates.ts';
import { selectAnchorParagraphs } from '../../src/domain/fingerprint/clean-body.ts';
import { hanNameAnchors, hanSoundKey, skeletonSoundKey } from '../../src/domain/fingerprint/anchor-han.ts';
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
    ['37 billion', ['N37bn', '$37 billion', '37 milliards', '37 Mrd. Euro', '37 млрд рублей', '370 亿奈拉', '37.000.000.000']],
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
    ['de', '1,1 Billionen Euro', ['#1100000000000']],
    ['fr', '1,1 billion d’euros', ['#1100000000000']],
    ['es', '1,1 billones de euros', ['#1100000000000']],
    ['en', '1.1 trillion euros', ['#1100000000000']],
    ['en', '37 billion euros', ['#37000000000']],
    ['es', '37 mil millones de euros', ['#37000000000']],
    ['de', '37 Milliarden Euro', ['#37000000000']],
    ['es', '5 mil personas', ['#5000']],
    ['tr', '5 bin kişi', ['#5000']],
    ['en', '5 bin bags', []],
    [null, '1.1 billion, language unknown: read as English', ['#1100000000']],
  ])('number words read in the item’s language (%s): %s', (language, text, expected) => {
    expect(extractNumberAnchors(text, language)).toEqual(expected);
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
    ['an elided acronym', "all'ONU", false, ['=nou']],
    ['an abbreviated title after an elision', "l'Ing", false, []],
    ['a hyphenated name, one key per capitalised part', 'Телеграф-роуд', false, ['tlgrf']],
    ['a Latin acronym, even opening a sentence', 'AP', true, ['=ap']],
    ['a four-letter acronym', 'TFMR', false, ['=fmrt']],
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

describe('acronyms: one key whatever the word order of the language', () => {
  it.each([['EU', 'UE'], ['NATO', 'OTAN'], ['UN', 'NU']])('%s = %s', (a, b) => {
    expect(nameAnchorsOf(a, false)).toEqual(nameAnchorsOf(b, false));
  });

  it('keeps different acronyms apart', () => {
    expect(nameAnchorsOf('NATO', false)).not.toEqual(nameAnchorsOf('NASA', false));
  });
});

const krmln = (): string => skeletonOf('Kremlin');

describe('dates: one day of the year in every language and notation', () => {
  it.each([
    ['en', 'on December 31, 2019 the talks ended'],
    ['en', 'on Dec. 31, 2019 the talks ended'],
    ['en', 'the talks ended on 12/31/2019'],
    ['it', 'il 31 dicembre 2019 i colloqui sono finiti'],
    ['de', 'am 31. Dezember 2019 endeten die Gespräche'],
    ['fr', 'le 31 décembre 2019, les pourparlers ont pris fin'],
    ['fr', 'les pourparlers ont pris fin le 31/12/2019'],
    ['es', 'el 31 de diciembre de 2019 terminaron las conversaciones'],
    ['ru', '31 декабря 2019 года переговоры завершились'],
    ['pl', '31 grudnia 2019 roku rozmowy zakończyły się'],
    ['zh', '会谈于2019年12月31日结束'],
    ['de', 'die Gespräche endeten am 31.12.2019'],
    ['en', 'the talks ended on 2019-12-31'],
  ])('%s: %s', (language, text) => {
    // German capitalises its nouns, which become name anchors of their own: only dates and numbers matter here.
    expect(anchorSequence('', [text], language).filter((a) => /^[#@]/.test(a)).sort()).toEqual(['#2019', '@12-31']);
  });

  it.each([
    ['a month without a day', 'in December 2019', []],
    ['a number of things, not a day', 'in March 2020 some 25 markets closed', []],
    ['a day over 31', 'May 45', []],
  ])('no date in %s', (_name, text, expected) => {
    expect(extractDateAnchors(text, 'en').anchors).toEqual(expected);
  });

  it('a date within a day of publication is the dateline, every story of that day has it', () => {
    const text = 'Moscow, December 2, 2024: the Kremlin said the talks of 28 November would go on.';
    expect(anchorSequence('', [text], 'en', new Date('2024-12-02T20:00:00Z'))).toEqual(['@11-28', '#2024', krmln()]);
    expect(anchorSequence('', [text], 'en', new Date('2024-12-09T20:00:00Z'))).toContain('@12-02');
  });

  it('month and weekday words are no names, in any language', () => {
    expect(['Wednesday', 'Dezember', 'Mercredi', 'January', 'Mittwoch'].every(isCalendarWord)).toBe(true);
    expect(isCalendarWord('Geneva')).toBe(false);
    expect(anchorSequence('', ['The talks resumed in Geneva on Wednesday after a pause since December, officials said.'], 'en'))
      .toEqual([skeletonOf('Geneva')]);
  });
});

describe('names written in Chinese characters meet their Latin spelling', () => {
  it.each([
    ['克雷菲尔德', 'Krefeld'],
    ['马克龙', 'Macron'],
    ['特朗普', 'Trump'],
    ['佩斯科夫', 'Peskov'],
    ['费尔南德斯', 'Fernandez'],
    ['伊斯坦布尔', 'Istanbul'],
  ])('%s = %s', (han, latin) => {
    expect(hanSoundKey(han)).toBe(skeletonSoundKey(skeletonOf(latin)));
  });

  it.each([['马克龙', 'Merkel'], ['特朗普', 'Putin'], ['克雷菲尔德', 'Frankfurt']])('keeps %s and %s apart', (han, latin) => {
    expect(hanSoundKey(han)).not.toBe(skeletonSoundKey(skeletonOf(latin)));
  });

  it('takes a run of the transliteration syllabary as a name, not the words around it', () => {
    expect(hanNameAnchors('荷兰边境附近的克雷菲尔德动物园称，整个猿屋都被烧毁。')).toEqual([`~${hanSoundKey('克雷菲尔德')}`]);
    expect(hanNameAnchors('当局表示，他们没有对当地媒体的报道发表评论。')).toEqual([]);
  });
});

describe('selectAnchorParagraphs', () => {
  it('drops a republisher line that single line breaks left inside a paragraph', () => {
    const text = 'L’avvocato Justin Braulick era in piedi accanto al suo cliente lunedì quando l’uomo di 39 anni lo ha colpito con un pugno.\n'
      + 'Il cliente è stato riportato in carcere e Braulick dice di essere rimasto scosso, con un piccolo dolore alla testa e al collo.\n'
      + 'Questo articolo è apparso per la prima volta su Coastal Herald.';
    expect(selectAnchorParagraphs(text).join(' ')).not.toContain('Coastal Herald');
    expect(selectAnchorParagraphs(text).join(' ')).toContain('Justin Braulick');
  });
});

describe('Latin words written against Chinese or Japanese characters are words of their own', () => {
  // Each case: a sentence with no space between a Latin name and the characters around it, and the anchor it must give.
  it.each([
    ['a brand inside a Chinese sentence', '警方表示，嫌疑人曾在Facebook上发布视频。', 'fkbk'],
    ['an acronym followed by Chinese', '外长表示，NATO与欧盟将讨论此事。', '=anot'],
    ['a person named after Chinese characters', '海地总统Jovenel Moïse周三在首都发表讲话。', 'jfnl'],
    ['a name inside a Japanese sentence', '首相はWashingtonで会談した。', 'fsngtn'],
  ])('%s', (_why, sentence, anchor) => {
    expect(anchorSequence('', [sentence], sentence.includes('は') ? 'ja' : 'zh')).toContain(anchor);
  });

  it('a Chinese run stays one word, so a Latin name after it is inside the sentence, not its start', () => {
    expect(anchorSequence('', ['据报道Kidogo和他的家人还活着。'], 'zh')).toContain('kdg');
  });
});
