// Page furniture found by element kind and by class or id words: navigation, share bars, ads, overlays.
import { type El, textLength } from './dom.ts';

/** Class or id tokens that mark page furniture rather than article text. */
// regex-safe: recheck's fuzzer calls it quadratic, but its attack strings ("E" + "-B" × n) run in linear time:
// a match can start only after a separator, and each alternative is a fixed word.
const BOILERPLATE_HINT =
  /(^|[-_\s])(share|sharing|sharebar|social|socials|related|newsletter|subscribe|subscription|promo|teaser|teasers|recommend\w*|breadcrumbs?|tags|taglist|tag-list|keywords|author-?box|author-?bio|about-?author|authorinfo|comments|comment-?list|comment-?form|comment-?section|commentlist|respond|disqus|paywall|widget|sidebar|footer|byline|more-?articles|more-?stories|more-?news|read-?more|see-?also|also-?read|advert\w*|adslot|sponsor\w*|banner|caption|credits?|copyright|toolbar|rating|pagination|pager|popular|trending|most-?read|follow|cookie|consent|signup|login|nav|navigation|menu|disclaimer|outbrain|taboola|rel-?posts|post-?nav)([-_\s]|$)/i;

/** Hinted or furniture blocks holding more than this share of the text they are pruned from are kept: they are the article. */
export const MAX_REMOVED_SHARE = 0.35;

/** Elements never part of an article's text (nav, aside, footer, form, button, figcaption). */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'button', 'figcaption']);
const FURNITURE_ROLES = new Set(['navigation', 'complementary', 'contentinfo']);

/** Where furniture is pruned: the whole page before the content is chosen, or the chosen content. */
export type Scope = 'page' | 'content';

/**
 * True for furniture by element kind: the tags and roles above, hidden elements and, on the page, dialogs and
 * overlays (cookie banners, log-in boxes). Captions stay on the page: Readability weighs them with their figure.
 */
export function isFurniture(el: El, scope: Scope): boolean {
  const tag = el.localName;
  if (FURNITURE_TAGS.has(tag)) return scope === 'content' || tag !== 'figcaption';
  if (scope === 'page' && tag === 'dialog') return true;
  const role = el.getAttribute('role');
  if (role !== null && (FURNITURE_ROLES.has(role) || (scope === 'page' && role === 'dialog'))) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  return scope === 'page' && el.getAttribute('aria-modal') === 'true';
}

/**
 * Removes furniture under root, first by kind, then by class or id words; never an element holding `keep`.
 * One walk over the elements with the tests in code: a CSS selector list per call was compiled anew and
 * matched against every element, twice per page.
 */
export function removeFurniture(root: El, scope: Scope, keep: El | null = null): void {
  const total = Math.max(1, textLength(root));
  const byKind: El[] = [];
  const named: El[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (isFurniture(el, scope)) byKind.push(el);
    if (el.className || el.id) named.push(el);
  }
  for (const el of byKind) {
    if (keep && el.contains(keep)) continue;
    if (isAttached(el, root) && textLength(el) / total <= MAX_REMOVED_SHARE && !hasProse(el)) el.remove();
  }
  for (const el of named) {
    const cls = el.className || '';
    const id = el.id || '';
    // Text is read only for hinted elements: reading it for every element cost 1 MB of heap per page.
    const strong = isHinted(cls) || isHinted(id);
    if (!strong && !WEAK_HINT.test(cls) && !WEAK_HINT.test(id)) continue;
    if ((keep && el.contains(keep)) || !isAttached(el, root)) continue;
    const len = textLength(el);
    if (!strong && len >= WEAK_HINT_MAX_CHARS) continue;
    if (len / total <= MAX_REMOVED_SHARE && !hasProse(el)) el.remove();
  }
}

/** True while el is still inside root (neither it nor an ancestor was removed). */
function isAttached(el: El, root: El): boolean {
  for (let node: El | null = el; node; node = node.parentNode) if (node === root) return true;
  return false;
}

/**
 * Class words that name a print button as often as the printable article body ("print-step", "printable-recipe"):
 * they mark furniture only on short blocks. On the trafilatura set "print" as a full hint lost 4 required
 * segments on 2 pages and dropping it leaked 4 print buttons; limited to blocks under WEAK_HINT_MAX_CHARS it
 * keeps the 4 segments and leaks 2 (F 0.916 → 0.917).
 */
const WEAK_HINT = /(^|[-_\s])print([-_\s]|$)/i;

/** Longest text of a block removed for a weak hint alone: a button or a one-line label, never a paragraph. */
const WEAK_HINT_MAX_CHARS = 80;

/** Prose this long outside links marks a block as article text, whatever its class says. */
const PROSE_MIN_CHARS = 300;

/**
 * Ad slots are named "ad", "ads", "ad-slot", "ad-holder": the bare word only, not "--Ads" modifiers of a
 * section. One regular expression over the whole class list: splitting it cost an array per element.
 */
// regex-safe: a match starts only at the class list's start or after white space and reads one token; recheck's
// fuzzer's attack ("_" + "-A" × n) runs in linear time.
const AD_TOKEN = /(^|\s)(?![^\s]*--)(ads?|ads?[-_][^\s]*|[^\s]*[-_]ads?)(?=\s|$)/i;

function isHinted(hint: string): boolean {
  return BOILERPLATE_HINT.test(hint) || AD_TOKEN.test(hint);
}

/** True when el holds paragraphs of unlinked text long enough to be article prose. */
function hasProse(el: El): boolean {
  let prose = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) {
    const len = textLength(p);
    if (len > 80) prose += len - linkTextLength(p);
  }
  return prose >= PROSE_MIN_CHARS;
}

/** Length of the text inside links under el. */
export function linkTextLength(el: El): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += textLength(a);
  return n;
}
