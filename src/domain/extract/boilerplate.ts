// Removes boilerplate that survives inside the chosen content: share bars, related links, captions, promos.
import { type El, textLength, textOf } from './dom.ts';
import { MAX_REMOVED_SHARE, linkTextLength, removeFurniture } from './furniture.ts';

/** A block whose text is mostly link text is a list of links (related stories, tags, menus). */
const LINK_DENSITY_MAX = 0.5;

const BLOCK_SELECTOR = 'div, section, ul, ol, dl, table, td, p, span';

/**
 * Strips furniture from the whole page before the content is chosen, so it cannot win; never an element
 * holding `keep` (the page's own article container: a short post inside a "widget" wrapper stays).
 */
export function prunePage(root: El, keep: El | null = null): void {
  removeFurniture(root, 'page', keep);
}

/**
 * Strips furniture from the chosen content element in place. Returns the removed one-link paragraphs
 * ("Source link", "Continue reading"): their links are attribution and are kept.
 */
export function pruneBoilerplate(content: El): El[] {
  const total = Math.max(1, textLength(content));
  const attributions: El[] = [];
  removeFurniture(content, 'content');
  for (const el of Array.from(content.querySelectorAll(BLOCK_SELECTOR)).reverse()) {
    if (!el.parentNode || !isLinkList(el, total)) continue;
    if (el.localName === 'p' || el.localName === 'span') attributions.push(el);
    removeWithHeading(el);
  }
  dropTrailingHeadings(content);
  return attributions;
}

/**
 * An article never ends on a heading: one left last is the title of a removed list ("Related stories"). Only a
 * heading-sized one: broken markup can open an <h2> that the parser closes around the whole article.
 */
function dropTrailingHeadings(content: El): void {
  for (;;) {
    const headings = Array.from(content.querySelectorAll('h1, h2, h3, h4, h5, h6'));
    const last = headings[headings.length - 1];
    if (!last || !endsContent(content, last) || textLength(last) > HEADING_MAX_CHARS) return;
    last.remove();
  }
}

/** Longest text of a real heading; a longer "heading" is markup gone wrong that wraps body text. */
const HEADING_MAX_CHARS = 200;

/** True when no text follows el inside root. */
function endsContent(root: El, el: El): boolean {
  for (let node: El | null = el; node && node !== root; node = node.parentNode) {
    for (let sib = node.nextSibling; sib; sib = sib.nextSibling) if ((sib.textContent ?? '').trim()) return false;
  }
  return true;
}

/** True for a block that is mostly links and not a large part of the content. */
function isLinkList(el: El, total: number): boolean {
  const len = textLength(el);
  if (len === 0) return false;
  const density = linkTextLength(el) / len;
  if (el.localName === 'p' || el.localName === 'span') return density > 0.9 && len < 80 && len / total <= MAX_REMOVED_SHARE;
  // A block made only of links ("Most read", "Related") is never article text, however short the article
  // beside it; unless it is all there is.
  if (density > PURE_LINK_LIST && len < total * 0.95) return true;
  return len / total <= MAX_REMOVED_SHARE && density > LINK_DENSITY_MAX;
}

/** Link density above which a list or block is only links. */
const PURE_LINK_LIST = 0.9;

/** Removes el and a short heading directly before it ("Related stories", "Read also:"). */
function removeWithHeading(el: El): void {
  let prev = previousElement(el);
  if (prev && /^h[1-6]$|^p$|^strong$|^div$/.test(prev.localName) && textLength(prev) < 60 && !prev.querySelector('p')) {
    if (/^h[1-6]$/.test(prev.localName) || /[:?]$/.test(textOf(prev))) prev.remove();
  }
  el.remove();
  prev = null;
}

function previousElement(el: El): El | null {
  const parent = el.parentNode;
  if (!parent) return null;
  const kids = Array.from(parent.children);
  const i = kids.indexOf(el);
  return i > 0 ? (kids[i - 1] ?? null) : null;
}

/** Lines that are page furniture whatever the template: ad labels, share prompts, bare dates. */
const BOILERPLATE_LINE =
  /^(advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|إعلان|广告|sponsored|share( this)?( article| story)?:?|teilen:?|partager:?|compartir:?|paylaş:?|udostępnij:?|read more|mehr lesen|weiterlesen|lire la suite|leer más|continue reading|source link|lien source|enlace fuente|kaynak bağlantısı|link źródłowy|ссылка на источник|来源链接|\d{1,2}[.:]\d{2}( uhr)?|\d{1,2}\.\d{1,2}\.\d{2,4})\.?$/i;

/** Attribution lines that republishing sites add; their links are kept, the line is not article text. */
const ATTRIBUTION_LINE =
  /^(the post .{3,200} (first )?appeared (first )?on .{2,80}|.{0,200}\bfirst appeared on .{2,80}|(originally|first) published (on|at|by) .{2,120}|this (article|story) (was )?(originally|first) (appeared|published) .{2,160})$/i;

/** "Read also: <other story>" lines that point away from the article, in the languages of the corpus. */
const READ_ALSO_LINE =
  /^(read more|read also|also read|see also|more on this|lea más|lee también|vea también|mira también|le puede interesar|te puede interesar|lesen sie auch|lesen sie mehr|auch lesen|mehr zum thema|mehr dazu|mehr aus|weiterlesen|lire aussi|à lire aussi|voir aussi|czytaj też|czytaj także|czytaj więcej|zobacz też|zobacz także|leia também|veja também|leggi anche|ayrıca okuyun|читайте также)(\s*[:|»›–—-].{0,200})?$/i;

/** Words that, with digits and punctuation, make up a dateline ("Dienstag, 4. Juni 2019, 20:37 Uhr"). */
const DATE_WORDS =
  /\b(jan\w*|feb\w*|mar\w*|apr\w*|may|mai|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|okt\w*|nov\w*|dec\w*|dez\w*|märz|januar|februar|ene\w*|dic\w*|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|uhr|am|um|at|on|de|del|le|à|h|pm|updated|published|posted|aktualisiert|veröffentlicht|stand|publicado|actualizado|publié|mis à jour|opublikowano|aktualizacja|publikacja)\b/giu;

/** True for a line made only of a date and time. */
export function isDateLine(line: string): boolean {
  if (line.length > 60 || !/\d/.test(line)) return false;
  const dateShaped = /\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}/.test(line) || /[^\d\s.,:\/|–—()-]/.test(line);
  if (!dateShaped) return false;
  return line.replace(DATE_WORDS, '').replace(/[\d\s.,:\/|–—()-]+/g, '') === '';
}

/** Lines shorter than this that name the site are the site's kicker or branding, not article text. */
const SITE_NAME_LINE_MAX = 60;

function isBoilerplateLine(line: string, siteName: string | null): boolean {
  const l = line.trim();
  if (BOILERPLATE_LINE.test(l) || ATTRIBUTION_LINE.test(l) || READ_ALSO_LINE.test(l) || isDateLine(l)) return true;
  return !!siteName && siteName.length >= 4 && l.length <= SITE_NAME_LINE_MAX && l.includes(siteName);
}

/** Drops boilerplate lines from rendered text, keeping paragraph structure. */
export function dropBoilerplateLines(text: string, siteName: string | null): string {
  return text
    .split('\n\n')
    .map((p) => p.split('\n').filter((l) => !isBoilerplateLine(l, siteName)).join('\n'))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}

/** Longest trailing label line dropped: a heading or a caption's lead-in, never a sentence. */
const TRAILING_LABEL_MAX_CHARS = 60;

/**
 * Drops label lines left at the end of the text ("Mehr zum Thema:", "Quelle:", "Schon gelesen?"): the list or
 * link they introduced was removed as furniture, and a label followed by nothing is not article text.
 */
export function dropTrailingLabels(text: string): string {
  let out = text.trimEnd();
  for (;;) {
    const cut = out.lastIndexOf('\n');
    const last = out.slice(cut + 1).trim();
    if (last.length === 0 || last.length > TRAILING_LABEL_MAX_CHARS || !/[:?]$/.test(last) || cut === -1) return out;
    out = out.slice(0, cut).trimEnd();
  }
}
