// The story part of an extracted text: the republisher's own lines removed before hashing.

import { measureTokens, splitParagraphs, tokenise } from '../text-normalise.ts';
import { foldSettings } from './settings.ts';

/** A web address or a bare domain name inside a line. */
// A name is read from the start of its run only: `\b[\p{L}\p{N}-]+` started again after every hyphen, which is
// quadratic on "a-a-a-…" (20 KB: 8 s).
const LINK_LIKE = /(https?:\/\/|www\.)\S+|(?<![\p{L}\p{N}-])[\p{L}\p{N}-]+\.(com|org|net|info|news|co|io|de|fr|es|it|ru|pl|tr|cn|uk)\b/iu;

/** How a sentence ends: a full stop, question or exclamation mark (also CJK), maybe inside closing quotes. */
const SENTENCE_END = /[.!?。！？…]["'”’»」』)）]*$/u;

/** One paragraph with its tokens. */
export interface Paragraph {
  text: string;
  tokens: string[];
}

/** A text's story paragraphs (to hash) and anchor paragraphs (to read names and numbers from). */
export interface BodyParagraphs {
  story: Paragraph[];
  anchors: string[];
}

/**
 * Whether a paragraph is a republisher line rather than story: short lines (site headers, "Source link",
 * "Lien source", "Read more at …", "This article first appeared on …", ad markers, editor's notes) carry
 * no story content whatever their language, and a line naming a web address is attribution or navigation.
 */
export function isRepublisherLine(p: Paragraph): boolean {
  const size = measureTokens(p.tokens);
  if (size < foldSettings.shortParagraphTokens) return true;
  // The size test first: it is cheap, and most paragraphs are too long for a link to matter.
  return size < 2 * foldSettings.shortParagraphTokens && LINK_LIKE.test(p.text);
}

/**
 * Whether a paragraph is a site's own promotion (newsletter and follow-us lines naming the site's address and
 * its social networks): a short paragraph naming a web address, whose names are the site's, not the story's.
 */
export function isSitePromotion(p: Paragraph): boolean {
  return measureTokens(p.tokens) < 3 * foldSettings.shortParagraphTokens && LINK_LIKE.test(p.text);
}

/** The story paragraphs among a text's paragraphs, with a fallback to every non-link line when the text is all short lines. */
function selectStory(all: Paragraph[]): Paragraph[] {
  const story = all.filter((p) => !isRepublisherLine(p));
  const storySize = story.reduce((n, p) => n + measureTokens(p.tokens), 0);
  if (storySize >= foldSettings.minBodyTokens) return story;
  // A text made of short lines (a reflowed lede, a list): keep all but the lines naming another site.
  return all.filter((p) => measureTokens(p.tokens) >= 4 && !LINK_LIKE.test(p.text));
}

/** Paragraph texts with their tokens, each distinct text tokenised once (via `cache`). */
function readParagraphs(texts: string[], cache: Map<string, string[]>): Paragraph[] {
  return texts.map((text) => {
    let tokens = cache.get(text);
    if (!tokens) {
      tokens = tokenise(text);
      cache.set(text, tokens);
    }
    return { text, tokens };
  });
}

/** The text's story paragraphs, with a fallback to every non-link line when the text is all short lines. */
export function selectStoryParagraphs(text: string): Paragraph[] {
  return selectStory(readParagraphs(splitParagraphs(text), new Map()));
}

/**
 * The paragraphs to read anchors from: every line taken as a paragraph, since some pages' text separates paragraphs
 * by single line breaks, where a republisher line ("Questo articolo è apparso per la prima volta su Coastal Herald.")
 * would otherwise lend the site's name to the story; a site's own promotion lines dropped too.
 */
export function selectAnchorParagraphs(text: string): string[] {
  return selectBodyParagraphs(text).anchors;
}

/**
 * The lines to read anchors from: the story's long lines and the short ones between them. A republisher's lines
 * (site header, "Source link", "first appeared on …", editor's note) come before or after the story and name
 * outlets, not the story's people; a short line inside the story is mostly one sentence of it ("Gorilla Kidogo and
 * his family are alive, the zoo wrote on Facebook."), and a translation that joins such sentences into longer
 * paragraphs keeps their names, so dropping them from one side only broke the alignment. Only inner lines that end
 * as a sentence ends count: the others are headlines of related stories and section lines ("NEWS AT NOON JAN 2nd,
 * 2020"), which name other stories' people; and none naming a web address.
 */
function selectAnchorLines(lines: Paragraph[]): Paragraph[] {
  const story = selectStory(lines);
  const first = lines.indexOf(story[0] as Paragraph);
  const last = lines.lastIndexOf(story.at(-1) as Paragraph);
  if (first < 0 || last < 0) return story;
  return lines.slice(first, last + 1).filter((p) => story.includes(p) || (SENTENCE_END.test(p.text) && !LINK_LIKE.test(p.text)));
}

/**
 * Both selections of a text at the cost of one: most texts have no line breaks inside paragraphs, so their lines
 * are their paragraphs, and a line is tokenised only once.
 */
export function selectBodyParagraphs(text: string): BodyParagraphs {
  const cache = new Map<string, string[]>();
  const story = selectStory(readParagraphs(splitParagraphs(text), cache));
  const lines = readParagraphs(splitParagraphs(text.replace(/\n/g, '\n\n')), cache);
  return { story, anchors: selectAnchorLines(lines).filter((p) => !isSitePromotion(p)).map((p) => p.text) };
}
