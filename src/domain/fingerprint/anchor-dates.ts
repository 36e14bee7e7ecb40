// Date anchors that survive translation: "December 31", "31 dicembre", "31. Dezember", "31 декабря", "12月31日"
// and "31.12.2019" are one day of the year, written "@12-31". Month and weekday words are no names: English and
// German capitalise them, other languages do not, so as names they would only be anchors a translation lacks.

/** Month words of the languages feedfold reads (lower case; Polish and Russian in the genitive a date takes). */
const MONTH_WORDS: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'enero', 'gennaio', 'janeiro', 'januari', 'stycznia', 'styczeń', 'января', 'январь', 'ocak', 'يناير'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'februari', 'lutego', 'luty', 'февраля', 'февраль', 'şubat', 'فبراير'],
  ['march', 'mar', 'märz', 'mars', 'marzo', 'março', 'maart', 'marca', 'marzec', 'марта', 'март', 'mart', 'مارس'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'kwietnia', 'kwiecień', 'апреля', 'апрель', 'nisan', 'أبريل'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maja', 'maj', 'мая', 'май', 'mayıs', 'مايو'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwca', 'czerwiec', 'июня', 'июнь', 'haziran', 'يونيو'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'lipca', 'lipiec', 'июля', 'июль', 'temmuz', 'يوليو'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'augustus', 'sierpnia', 'sierpień', 'августа', 'август', 'ağustos', 'أغسطس'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'setembro', 'września', 'wrzesień', 'сентября', 'сентябрь', 'eylül', 'سبتمبر'],
  ['october', 'oct', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'października', 'październik', 'октября', 'октябрь', 'ekim', 'أكتوبر'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'ноября', 'ноябрь', 'kasım', 'نوفمبر'],
  ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'grudnia', 'grudzień', 'декабря', 'декабрь', 'aralık', 'ديسمبر'],
];

/** Weekday words: capitalised in English and German (and in tables), never a name. */
const WEEKDAY_WORDS = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar',
  'poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela',
];

const MONTH_OF = new Map<string, number>(MONTH_WORDS.flatMap((words, i) => words.map((w) => [w, i + 1] as const)));
const CALENDAR_WORDS = new Set([...MONTH_OF.keys(), ...WEEKDAY_WORDS]);

const MONTH = [...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|');
const DAY = '(\\d{1,2})(?:er|st|nd|rd|th|º|\\.)?';
/** "31 December", "31. Dezember", "1er janvier", "1 de enero", "31 декабря". */
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\d.,])${DAY}\\s*(?:de\\s+|of\\s+)?(${MONTH})(?![\\p{L}])`, 'giu');
/** "December 31", "Jan. 1". */
const MONTH_DAY = new RegExp(`(?<![\\p{L}])(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d.,]\\d|\\d)`, 'giu');
/** "12月31日" (Chinese, Japanese), "12월 31일" (Korean). */
const CJK_DATE = /(?<!\d)(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日号號일]/gu;
/** "31.12.2019", "12/31/2019", "31/12/19": the year stays a number anchor. */
const NUMERIC_DATE = /(?<![\d.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/]\d)/gu;
/** "2019-12-31". */
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])/gu;
const HAS_DIGIT = /\d/;

/** Whether a word is a month or weekday name in one of the languages read (then it is no name). */
export function isCalendarWord(word: string): boolean {
  return CALENDAR_WORDS.has(word.toLowerCase().replace(/\.$/, ''));
}

function dateAnchor(month: number, day: number): string | null {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  return `@${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Month and day of a numeric date: day first except in English (month first), unless a field over 12 says otherwise. */
function numericMonthDay(first: number, second: number, separator: string, language: string | null): [number, number] {
  if (first > 12) return [second, first];
  if (second > 12) return [first, second];
  const monthFirst = separator === '/' && (language ?? 'en').startsWith('en');
  return monthFirst ? [first, second] : [second, first];
}

/** Date anchors of a sentence, and the sentence with the dates' day and month numbers blanked (years kept). */
export function extractDateAnchors(sentence: string, language: string | null = null): { anchors: string[]; rest: string } {
  if (!HAS_DIGIT.test(sentence)) return { anchors: [], rest: sentence }; // every date form has a day number
  const anchors: string[] = [];
  const keep = (a: string | null, replacement: string): string => { if (a) anchors.push(a); return a ? replacement : ''; };
  const rest = sentence
    .replace(ISO_DATE, (m, y: string, mo: string, d: string) => keep(dateAnchor(+mo, +d), ` ${y} `) || m)
    .replace(NUMERIC_DATE, (m, a: string, sep: string, b: string, y: string) =>
      keep(dateAnchor(...numericMonthDay(+a, +b, sep, language)), y.length === 4 ? ` ${y} ` : ' ') || m)
    .replace(CJK_DATE, (m, mo: string, d: string) => keep(dateAnchor(+mo, +d), ' ') || m)
    .replace(DAY_MONTH, (m, d: string, mo: string) => keep(dateAnchor(MONTH_OF.get(mo.toLowerCase()) ?? 0, +d), ' ') || m)
    .replace(MONTH_DAY, (m, mo: string, d: string) => keep(dateAnchor(MONTH_OF.get(mo.toLowerCase()) ?? 0, +d), ' ') || m);
  return { anchors, rest };
}

/** Days either side of an item's publication within which a date in its text is its dateline ("Moscow, December 2"):
 * every story of those days carries it, so it tells nothing about which story this is. */
const DATELINE_DAYS = 1;

/** Whether an anchor is a date within DATELINE_DAYS of `publishedAt` (then it is the dateline, not the story's). */
export function isDatelineAnchor(anchor: string, publishedAt: Date | null): boolean {
  if (!publishedAt || !anchor.startsWith('@')) return false;
  for (let d = -DATELINE_DAYS; d <= DATELINE_DAYS; d++) {
    const day = new Date(publishedAt.getTime() + d * 86400e3);
    if (anchor === dateAnchor(day.getUTCMonth() + 1, day.getUTCDate())) return true;
  }
  return false;
}
