import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signItem } from '../../src/domain/fingerprint.ts';
import { anchorAgreement, compareSignatures } from '../../src/domain/fold/compare.ts';
import { decideFold, type InMemoryItem } from '../../src/domain/fold.ts';
import { alignAnchors } from '../../src/domain/fold/anchor-alignment.ts';
import { foldSettings } from '../../src/domain/fingerprint/settings.ts';

const FIX = new URL('../fixtures/fold/', import.meta.url);
const read = (name: string): string => fs.readFileSync(new URL(name, FIX), 'utf8');
const MONDAY = new Date('2024-12-02T12:00:00Z');
const hoursLater = (h: number): Date => new Date(MONDAY.getTime() + h * 3600e3);

function item(id: string, language: string, file: string, title: string, publishedAt = MONDAY): InMemoryItem {
  return { itemId: id, url: `https://${id}.example/news/${id}`, canonicalUrl: null, title, text: read(file), links: [],
    language, publishedAt };
}

const EN = item('en', 'en', 'syria-original-en.txt', 'Putin and Pezeshkian discuss the worsening situation in Syria');
const FR = item('fr', 'fr', 'republished-fr-rt-syria.txt', 'Moscou et Téhéran discutent de la Syrie – Kremlin — RT World News', hoursLater(3));
const RU = item('ru', 'ru', 'syria-copy-ru.txt', 'Путин и Пезешкиан обсудили обстановку в Сирии | Лента', hoursLater(6));
const OTHER = item('other', 'en', 'syria-other-story-en.txt', 'Putin and Pezeshkian discuss a Caspian gas pipeline in Ashgabat', hoursLater(1));

function match(a: InMemoryItem, b: InMemoryItem) {
  return compareSignatures(signItem(a), a.publishedAt, signItem(b), b.publishedAt);
}

describe('translations fold on their names and numbers', () => {
  it.each([
    ['the French republication and the English original', FR, EN],
    ['the Russian copy and the English original', RU, EN],
    ['the Russian copy and the French republication', RU, FR],
  ])('%s', (_name, a, b) => {
    expect(match(a, b)).toMatchObject({ method: 'translation' });
  });

  it('the Russian copy joins the English story among other candidates', () => {
    const member = (x: InMemoryItem, itemId: number, storyId: number) => ({ itemId, storyId, sig: signItem(x), publishedAt: x.publishedAt });
    const d = decideFold({ itemId: 3, sig: signItem(RU), publishedAt: RU.publishedAt }, [member(OTHER, 2, 2), member(EN, 1, 1)]);
    expect(d).toMatchObject({ storyIds: [1], method: 'translation' });
  });
});

describe('same people, same day, another story: stays apart', () => {
  it.each([
    ['the Russian copy and the gas-pipeline story', RU, OTHER],
  ])('%s', (_name, a, b) => {
    expect(match(a, b)).toBeNull();
  });

  it('a translation published four days later does not fold', () => {
    expect(match({ ...RU, publishedAt: hoursLater(96) }, EN)).toBeNull();
  });

  it('two items in one language never fold as translations', () => {
    expect(match({ ...RU, language: 'en' }, EN)?.method).not.toBe('translation');
  });
});

describe('numbers written in other languages', () => {
  const base = 'said the plan would cost the state and its partners over the next five years, according to the budget office, which also warned that prices of building materials had risen sharply since the summer and that the works could take longer.';
  it('a Chinese copy with 亿 meets an English story with bn and its names', () => {
    const en = { ...EN, text: `Finance minister Zainab Ahmed ${base.replace('the plan', 'the N37bn plan')} Ahmed told the Senate in Abuja that 2,500 workers were employed and 189 contracts were signed.\n\n${base}`, title: 'Spending N37bn on National Assembly renovation' };
    const zh = { ...EN, itemId: 'zh', url: 'https://zh.example/news/zh', language: 'zh', title: '花费 370 亿奈拉进行国民议会翻修',
      text: '财政部长 Zainab Ahmed 表示，这项耗资 370 亿奈拉的计划将在未来五年内由国家及其合作伙伴承担。她在 Abuja 告诉参议院，共有 2500 名工人受雇，签署了 189 份合同。预算办公室还警告说，自夏季以来建筑材料价格大幅上涨，工程可能需要更长时间。' };
    expect(match(zh, en)).toMatchObject({ method: 'translation' });
  });
});

describe('wire copies: acronyms and hyphenated names are anchors too', () => {
  const en = { ...EN, itemId: 'wire-en', url: 'https://wire-en.example/a', title: 'Michigan officer pushes 2 out of a drunken driver’s path',
    text: 'MONROE, Mich. (AP) — A police officer in southeastern Michigan pushed two people out of the path of a drunken driver on Sunday, police said.\n\n'
      + 'The officer had stopped a car on Telegraph Road in Monroe when a pickup came speeding towards his cruiser. He pushed both people over the guardrail, Captain Jon Hale of the Monroe police told reporters on Monday.' };
  const ru = { ...EN, itemId: 'wire-ru', url: 'https://wire-ru.example/a', language: 'ru', publishedAt: hoursLater(5),
    title: 'Полицейский из Мичигана спас двоих от пьяного водителя',
    text: 'МОНРО, штат Мичиган (AP) — На юго-востоке Мичигана в воскресенье полицейский оттолкнул двух человек с пути пьяного водителя, сообщила полиция.\n\n'
      + 'Офицер остановил машину на Телеграф-роуд в Монро, когда к его автомобилю на большой скорости понёсся пикап. Он перебросил обоих через ограждение, рассказал журналистам капитан полиции Монро.' };
  const other = { ...en, itemId: 'wire-other', url: 'https://wire-other.example/a', title: 'Michigan lawmakers pass a road budget',
    text: 'LANSING, Mich. (AP) — Lawmakers in Michigan passed a road repair budget on Sunday after weeks of talks, the statehouse said.\n\n'
      + 'The plan moves money from the general fund to county road commissions and raises the fuel tax by a few cents, said Governor Gretchen Whitmer, who signed it the same night.' };

  it('a Russian copy keeping (AP) and Телеграф-роуд folds with the English story', () => {
    expect(match(ru, en)).toMatchObject({ method: 'translation' });
  });

  it('another wire story sharing only the agency and the state stays apart', () => {
    expect(match(ru, other)).toBeNull();
  });
});

describe('a summary-only feed: a translated lede of 20 to 29 words', () => {
  const lede = 'Le président russe Vladimir Poutine et son homologue iranien Massoud Pezeshkian ont discuté lundi au téléphone '
    + 'de la situation en Syrie et d’Alep, selon le Kremlin.';
  const summary = { ...FR, itemId: 'fr-summary', url: 'https://fr-summary.example/a', title: 'Poutine et Pezeshkian discutent de la Syrie', text: lede };

  it('folds when its names are all the original’s', () => {
    expect(signItem(summary).n).toBeLessThan(30);
    expect(match(summary, EN)).toMatchObject({ method: 'translation' });
  });

  it('a text under 20 words does not fold on its names alone', () => {
    const title = { ...summary, text: 'Vladimir Poutine et Massoud Pezeshkian ont parlé de la Syrie, selon le Kremlin.' };
    expect(match(title, EN)).toBeNull();
  });
});

describe('a Chinese copy: foreign names in Chinese characters', () => {
  const en = { ...EN, itemId: 'zoo-en', url: 'https://zoo-en.example/a', title: 'Fire at Krefeld zoo kills apes',
    text: 'A fire at the zoo of Krefeld near the Dutch border killed more than 30 animals in the first hours of the new year, '
      + 'the city said. Zoo director Wolfgang Dressen told the broadcaster WDR that 2,500 visitors had been expected on Wednesday.\n\n'
      + 'Police in Krefeld said three women had admitted launching sky lanterns, and that a team of 189 firefighters and officers worked through the night.' };
  const zh = { ...EN, itemId: 'zoo-zh', url: 'https://zoo-zh.example/a', language: 'zh', publishedAt: hoursLater(4), title: '克雷菲尔德动物园火灾',
    text: '市政府表示，新年凌晨，荷兰边境附近的克雷菲尔德动物园发生火灾，30多只动物死亡。动物园园长沃尔夫冈·德雷森对 WDR 表示，周三原本预计有 2500 名游客。'
      + '克雷菲尔德警方说，三名妇女承认放飞了孔明灯，189 名消防员和警察连夜工作。' };

  it('folds with the English story: Krefeld and 克雷菲尔德 meet besides the numbers', () => {
    expect(anchorAgreement(signItem(zh), signItem(en)).shared).toBeGreaterThan(anchorAgreement(
      { ...signItem(zh), a: signItem(zh).a.filter((a) => !a.startsWith('~')) }, signItem(en)).shared);
    expect(match(zh, en)).toMatchObject({ method: 'translation' });
  });
});

describe('same day, same people, the same date written in each: stays apart', () => {
  const dated = (x: InMemoryItem, day: string): InMemoryItem => ({ ...x, text: `${day}\n\n${x.text}` });
  const ruDate = 'Москва, 2 декабря 2024 года. Об этом сообщила пресс-служба Кремля в заявлении, опубликованном вечером в понедельник.';
  const enDate = 'Moscow, December 2, 2024: the Kremlin reported on the talks in a statement published on Monday evening.';

  it('the Russian copy and the gas-pipeline story, both dated the same day', () => {
    expect(match(dated(RU, ruDate), dated(OTHER, enDate))).toBeNull();
  });

  it('the dated Russian copy still folds with its dated original', () => {
    expect(match(dated(RU, ruDate), dated(EN, enDate))).toMatchObject({ method: 'translation' });
  });
});

describe('order-aware alignment: a translation keeps its original’s anchors in order', () => {
  const FERRY_AT = new Date('2025-01-07T10:00:00Z');
  const ferry = (id: string, language: string, text: string, title: string, hours = 0): InMemoryItem => ({ itemId: id,
    url: `https://${id}.example/a`, canonicalUrl: null, title, text, links: [], language,
    publishedAt: new Date(FERRY_AT.getTime() + hours * 3600e3) });
  const EN_TEXT = read('ferry-original-en.txt');
  const DE_TEXT = read('ferry-translation-de.txt');
  const OTHER_TEXT = read('ferry-other-story-de.txt');
  const deParas = DE_TEXT.trim().split('\n\n');
  const original = ferry('ferry-en', 'en', EN_TEXT, 'Ferry runs aground near Tellmark with 214 passengers');
  const translated = (text: string) => ferry('ferry-de', 'de', text, 'Fähre mit 214 Passagieren vor Tellmark auf Grund gelaufen', 4);

  // Each case: the German item, and why it must (or must not) fold with the English original.
  it.each([
    ['the whole translation: every anchor in the original’s order', DE_TEXT],
    ['the translation without its third paragraph: the rest still follows the original', [...deParas.slice(0, 2), deParas[3]].join('\n\n')],
    ['the translation with a paragraph of its own added: extra names lower the share only of the longer side',
      [...deParas.slice(0, 2), OTHER_TEXT.split('\n\n')[1], ...deParas.slice(2)].join('\n\n')],
    ['the translation reduced to its first two paragraphs (a summary feed)', deParas.slice(0, 2).join('\n\n')],
  ])('folds: %s', (_why, text) => {
    expect(match(translated(text), original)).toMatchObject({ method: 'translation' });
  });

  it('the same names in reverse order do not align: the share falls under the threshold', () => {
    const seq = signItem(translated(DE_TEXT)).q ?? [];
    const shuffled = [...seq].reverse();
    const orig = signItem(original).q ?? [];
    expect(alignAnchors(seq, orig).share).toBe(1);
    expect(alignAnchors(shuffled, orig).share).toBeLessThan(foldSettings.minAlignedShare);
  });

  it('a Chinese-rendered name aligns with the Latin name of the same sound key', () => {
    expect(alignAnchors(['#2500', '~klflt', '#189'], ['#2500', 'krfld', '#189']).aligned).toBe(3);
    expect(alignAnchors(['#2500', '~klflt', '#189'], ['#2500', 'brln', '#189']).aligned).toBe(2);
  });

  // This separate German write-up names the ship, the captain, the harbour master, the towns and the passenger count in
  // nearly the original's order; it stays apart since the anchors of a sentence align as a set (sorted), not in the
  // order each language puts its words in, which left fewer chance alignments inside sentences.
  it('a same-event write-up in German naming the same people in nearly the same order stays apart', () => {
    expect(match(ferry('ferry-other', 'de', OTHER_TEXT, 'Wut in Saltvik: Reisende warten stundenlang', 6), original)).toBeNull();
  });
});
