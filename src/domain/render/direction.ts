// Writing direction by language, for `dir` attributes next to `lang`.
import { languageTag } from './escape.ts';

/** Languages written right to left (ISO 639-1/-3 codes of scripts in Arabic, Hebrew, Thaana, Syriac, N'Ko). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku-arab', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** 'rtl' for a right-to-left language, 'ltr' for any other known language, 'auto' when unknown. */
export function textDirection(language: string | null | undefined): 'rtl' | 'ltr' | 'auto' {
  if (!language) return 'auto';
  const code = language.toLowerCase();
  return RTL_LANGUAGES.has(code) || RTL_LANGUAGES.has(code.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** `lang` and `dir` attributes for an element holding text in `language` (just `dir="auto"` when unknown). */
export function langAttributes(language: string | null | undefined): string {
  const tag = languageTag(language);
  return tag ? ` lang="${tag}" dir="${textDirection(tag)}"` : ' dir="auto"';
}
