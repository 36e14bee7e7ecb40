// Removes boilerplate that survives inside the chosen content: share bars, related links, captions, promos.
import { type El, textOf } from './dom.ts';

/** Class or id tokens that mark page furniture rather than article text. */
const BOILERPLATE_HINT =
  /(^|[-_\s])(share|sharing|sharebar|social|socials|related|newsletter|subscribe|subscription|promo|teaser|teasers|recommend\w*|breadcrumbs?|tags|taglist|tag-list|keywords|author-?box|author-?bio|about-?author|authorinfo|comments|comment-?list|comment-?form|comment-?section|commentlist|respond|disqus|paywall|widget|sidebar|footer|byline|more-?articles|more-?stories|more-?news|read-?more|see-?also|also-?read|advert\w*|adslot|sponsor\w*|banner|caption|credits?|copyright|print|toolbar|rating|pagination|pager|popular|trending|most-?read|follow|cookie|consent|signup|login|nav|navigation|menu|disclaimer|outbrain|taboola|rel-?posts|post-?nav)([-_\s]|$)/i;

/** Elements never part of an article's text. */
const FURNITURE_SELECTOR =
  'nav, aside, footer, form, button, figcaption, [role="navigation"], [role="complementary"], [role="contentinfo"], [aria-hidden="true"], [hidden]';

/** A block whose text is mostly link text is a list of links (related stories, tags, menus). */
const LINK_DENSITY_MAX = 0.5;

/** Hinted or link-dense blocks holding more than this share of the content are kept: they are the article. */
const MAX_REMOVED_SHARE = 0.35;

const BLOCK_SELECTOR = 'div, section, ul, ol, dl, table, p, span';

/** Strips furniture from the content element in place. */
export function pruneBoilerplate(content: El): void {
  const total = Math.max(1, textOf(content).length);
  for (const el of Array.from(content.querySelectorAll(FURNITURE_SELECTOR))) {
    if (textOf(el).length / total <= MAX_REMOVED_SHARE) el.remove();
  }
  for (const el of Array.from(content.querySelectorAll('*'))) {
    if (!el.parentNode) continue;
    const hint = `${el.className || ''} ${el.id || ''}`;
    if (hint.trim() && isHinted(hint) && textOf(el).length / total <= MAX_REMOVED_SHARE && !hasProse(el)) el.remove();
  }
  for (const el of Array.from(content.querySelectorAll(BLOCK_SELECTOR)).reverse()) {
    if (el.parentNode && isLinkList(el, total)) removeWithHeading(el);
  }
}

/** Prose this long outside links marks a block as article text, whatever its class says. */
const PROSE_MIN_CHARS = 300;

/** Ad slots are named "ad", "ads", "ad-slot", "ad-holder": the bare word only, not "--Ads" modifiers of a section. */
const AD_TOKEN = /^(ad|ads|ad[-_].*|ads[-_].*|.*[-_]ad|.*[-_]ads)$/i;

function isHinted(hint: string): boolean {
  return BOILERPLATE_HINT.test(hint) || hint.split(/\s+/).some((t) => AD_TOKEN.test(t) && !/--/.test(t));
}

/** True when el holds paragraphs of unlinked text long enough to be article prose. */
function hasProse(el: El): boolean {
  let prose = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) {
    const len = textOf(p).length;
    if (len > 80) prose += len - linkTextLength(p);
  }
  return prose >= PROSE_MIN_CHARS;
}

function linkTextLength(el: El): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += textOf(a).length;
  return n;
}

/** True for a block that is mostly links and not a large part of the content. */
function isLinkList(el: El, total: number): boolean {
  const len = textOf(el).length;
  if (len === 0 || len / total > MAX_REMOVED_SHARE) return false;
  const density = linkTextLength(el) / len;
  if (el.localName === 'p' || el.localName === 'span') return density > 0.9 && len < 80;
  return density > LINK_DENSITY_MAX;
}

/** Removes el and a short heading directly before it ("Related stories", "Read also:"). */
function removeWithHeading(el: El): void {
  let prev = previousElement(el);
  if (prev && /^h[1-6]$|^p$|^strong$|^div$/.test(prev.localName) && textOf(prev).length < 60 && !prev.querySelector('p')) {
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

/** Drops boilerplate lines from rendered text, keeping paragraph structure. */
export function dropBoilerplateLines(text: string): string {
  return text
    .split('\n\n')
    .map((p) => p.split('\n').filter((l) => !BOILERPLATE_LINE.test(l.trim())).join('\n'))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}
