// Lenient feed dates: RFC 822/1123 as feeds really write it, ISO 8601 / RFC 3339 and their partials.
// A date without a zone is read as UTC, so the same string always gives the same instant.

const MONTHS: Record<string, number> = {};
// English first, then the localized names real feeds use (de, fr, es, it, pt, nl, ru); a prefix of 3+ letters matches.
const MONTH_NAMES: string[][] = [
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
];
for (const names of MONTH_NAMES) {
  names.forEach((name, i) => {
    MONTHS[name] ??= i;
    MONTHS[name.slice(0, 3)] ??= i;
    MONTHS[name.slice(0, 4)] ??= i;
  });
}
Object.assign(MONTHS, { sept: 8, mrz: 2, mär: 2, okt: 9, dez: 11, juil: 6 });

/** Offsets in minutes east of UTC for zone abbreviations found in feeds. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 330, WEST: 60,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  CET: 60, CEST: 120, MET: 60, MEST: 120, MEZ: 60, MESZ: 120, EET: 120, EEST: 180, MSK: 180, MSD: 240,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const ISO_RE =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T ]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const TIME_RE = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?/i;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMinutes: number;
}

/** Parse a date string as found in a feed; null when it cannot be read. */
export function parseFeedDate(s: string | null): Date | null {
  if (s == null) return null;
  const text = s.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 100) return null;
  const parts = parseIso(text) ?? parseRfc822(text);
  return parts ? toDate(parts) : null;
}

function parseIso(text: string): Parts | null {
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const offset = m[8] ? parseOffset(m[8]) : 0;
  if (offset === null) return null;
  return {
    year: Number(m[1]),
    month: m[2] ? Number(m[2]) - 1 : 0,
    day: m[3] ? Number(m[3]) : 1,
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0,
    offsetMinutes: offset,
  };
}

function parseRfc822(text: string): Parts | null {
  // Drop the weekday (right, wrong or localized) and commas; the day-month-year fields carry the date.
  const cleaned = text.replace(/\([^()]*\)/g, ' ').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  // regex-safe: parseFeedDate reads at most 100 characters, so these quadratic searches stay small.
  const dmy = /(\d{1,2})(?:st|nd|rd|th)?[ .\-/]+([^\d\s.\-/]{3,})\.?[ .\-/]+(\d{2,4})\b/iu.exec(cleaned);
  // regex-safe: as above, at most 100 characters.
  const mdy = /\b([^\d\s.\-/]{3,})\.?[ \-]+(\d{1,2})(?:st|nd|rd|th)?[ \-]+(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(\d{4})\b/iu.exec(cleaned);
  let day: number, monthName: string, yearText: string, rest: string;
  if (dmy?.[1] && dmy[2] && dmy[3] && lookupMonth(dmy[2]) !== null) {
    [day, monthName, yearText] = [Number(dmy[1]), dmy[2], dmy[3]];
    rest = cleaned.slice(dmy.index + dmy[0].length);
  } else if (mdy?.[1] && mdy[2] && mdy[3] && lookupMonth(mdy[1]) !== null) {
    [day, monthName, yearText] = [Number(mdy[2]), mdy[1], mdy[3]];
    rest = cleaned.slice(mdy.index + mdy[1].length);
  } else {
    return null;
  }
  const month = lookupMonth(monthName);
  if (month === null) return null;
  const time = TIME_RE.exec(rest);
  let hour = time ? Number(time[1]) : 0;
  if (time?.[4]) hour = (hour % 12) + (/^p/i.test(time[4]) ? 12 : 0);
  const zoneText = time ? rest.slice(time.index + time[0].length) : rest.replace(/^\s*\d{4}\b/, '');
  const offset = parseZone(zoneText);
  if (offset === null) return null;
  return {
    year: expandYear(yearText),
    month,
    day,
    hour,
    minute: time ? Number(time[2]) : 0,
    second: time?.[3] ? Number(time[3]) : 0,
    ms: 0,
    offsetMinutes: offset,
  };
}

function lookupMonth(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[n] ?? MONTHS[n.slice(0, 4)] ?? MONTHS[n.slice(0, 3)] ?? null;
}

function expandYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

/** Zone after the time: a named zone, +hhmm, +hh:mm, GMT+2, UTC-05:00; nothing or an unknown name reads as UTC. */
function parseZone(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  const m = /^([A-Za-z]{1,5})?\s*([+-]\d{1,2}(?::?\d{2})?)?\b/.exec(t);
  if (!m || (!m[1] && !m[2])) return 0;
  const named = m[1] ? ZONES[m[1].toUpperCase()] ?? 0 : 0;
  if (!m[2]) return named;
  return parseOffset(m[2]);
}

function parseOffset(text: string): number | null {
  if (/^(Z|UTC|GMT)$/i.test(text)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  // "+0200" written as a bare number of 3-4 digits lands here as hh + mm by the regex above.
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function toDate(p: Parts): Date | null {
  if (p.month < 0 || p.month > 11 || p.day < 1 || p.day > 31) return null;
  if (p.hour > 24 || p.minute > 59 || p.second > 60 || p.year < 1000 || p.year > 9999) return null;
  const utc = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, p.second, p.ms) - p.offsetMinutes * 60_000;
  const d = new Date(utc);
  // Reject day overflow (31 February), which Date.UTC would silently roll into the next month.
  if (new Date(Date.UTC(p.year, p.month, p.day)).getUTCDate() !== p.day) return null;
  return Number.isNaN(d.getTime()) ? null : d;
}
