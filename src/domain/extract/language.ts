// Language of a page: declared first, detected from the text last.
import { franc } from 'franc-min';

/** ISO 639-3 codes franc-min returns, mapped to ISO 639-1 where one exists. */
const ISO3_TO_ISO1: Record<string, string> = {
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl', rus: 'ru', ukr: 'uk',
  tur: 'tr', arb: 'ar', ara: 'ar', cmn: 'zh', zho: 'zh', jpn: 'ja', kor: 'ko', hin: 'hi', ben: 'bn', urd: 'ur',
  pes: 'fa', fas: 'fa', ind: 'id', zlm: 'ms', msa: 'ms', vie: 'vi', tha: 'th', swe: 'sv', dan: 'da', nob: 'no',
  nno: 'nn', fin: 'fi', ces: 'cs', slk: 'sk', hun: 'hu', ron: 'ro', bul: 'bg', ell: 'el', heb: 'he', hrv: 'hr',
  srp: 'sr', bos: 'bs', slv: 'sl', lit: 'lt', lav: 'lv', est: 'et', cat: 'ca', glg: 'gl', eus: 'eu', tam: 'ta',
  tel: 'te', mar: 'mr', guj: 'gu', kan: 'kn', mal: 'ml', pan: 'pa', swh: 'sw', swa: 'sw', amh: 'am', hau: 'ha',
  yor: 'yo', ibo: 'ig', zul: 'zu', xho: 'xh', som: 'so', uzn: 'uz', uzb: 'uz', kaz: 'kk', aze: 'az', azj: 'az',
  bel: 'be', tgl: 'tl', ceb: 'ceb', mya: 'my', khm: 'km', npi: 'ne', nep: 'ne', sin: 'si', kin: 'rw', run: 'rn',
  nya: 'ny', sna: 'sn', mad: 'mad', sun: 'su', jav: 'jv', mkd: 'mk', sqi: 'sq', als: 'sq', hye: 'hy', kat: 'ka',
  tgk: 'tg', kir: 'ky', tuk: 'tk', afr: 'af', ilo: 'ilo', hat: 'ht', ori: 'or', ory: 'or', plt: 'mg', mlg: 'mg',
  ful: 'ff', fuv: 'ff', aka: 'ak', tir: 'ti', ckb: 'ckb', kmr: 'ku', lao: 'lo', uig: 'ug', yue: 'zh', bho: 'bho',
  mai: 'mai', mag: 'mag', hne: 'hne', awa: 'awa', qug: 'qu', quy: 'qu', grn: 'gn', ssw: 'ss', tsn: 'tn', sot: 'st',
  nso: 'nso', lug: 'lg', snk: 'snk', wol: 'wo', bam: 'bm', kng: 'kg', lin: 'ln', lua: 'lua', umb: 'umb', kmb: 'kmb',
};

/** Shortest text franc is asked about; shorter text is too easily misread. */
const MIN_DETECT_CHARS = 40;

/** A two-letter lowercase code from a BCP 47 tag or locale ("en-US", "de_DE", "EN"), or null. */
export function normaliseLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().split(/[-_\s,;]/)[0]?.toLowerCase() ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return ISO3_TO_ISO1[primary] ?? null;
  return null;
}

/** The language of a text as a two-letter code, detected with franc-min; null when unsure. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 4000);
  if (sample.replace(/\s+/g, '').length < MIN_DETECT_CHARS) return null;
  const code = franc(sample, { minLength: MIN_DETECT_CHARS });
  return code === 'und' ? null : (ISO3_TO_ISO1[code] ?? null);
}
