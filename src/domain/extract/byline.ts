// The byline line ("By Wire Staff", "News Desk March 7, 2025 at 12:23 AM") that templates print above the text.
import { isDateLine } from './lines.ts';

/** Words that introduce an author's name, in the languages of the corpus. */
const BY_WORD = /^(by|von|par|por|di|da|de|door|av|przez|автор|yazan)\s+/i;

/** A byline line is short: a name, maybe a date. Longer lines that start with the name are sentences. */
const BYLINE_MAX_CHARS = 80;

/** True when line is the author's name, with an optional "By" and an optional date after it. */
export function isBylineLine(line: string, author: string | null): boolean {
  if (!author || line.length > BYLINE_MAX_CHARS) return false;
  const name = author.trim().replace(BY_WORD, '');
  const rest = line.trim().replace(BY_WORD, '');
  if (name.length < 3 || !rest.toLowerCase().startsWith(name.toLowerCase())) return false;
  const tail = rest.slice(name.length).replace(/^[\s,|·•–—-]+/, '');
  return tail === '' || isDateLine(tail);
}

/** Drops byline lines from rendered text, keeping paragraph structure. */
export function dropBylineLines(text: string, author: string | null): string {
  if (!author) return text;
  return text
    .split('\n\n')
    .map((p) => p.split('\n').filter((l) => !isBylineLine(l, author)).join('\n'))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}
