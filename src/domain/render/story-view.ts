// The merged feed's data, as every renderer receives it (RSS, Atom, JSON Feed, the reader page, story pages).
import { createHash } from 'node:crypto';
import { trimCharEnd } from '../trim-chars.ts';

/** One copy of a story. */
export interface StoryMemberView {
  itemId: number;
  title: string;
  url: string | null;
  /** The title of the feed it came from. */
  sourceTitle: string | null;
  /** The site's home page, as its feed names it. */
  sourceUrl: string | null;
  /** The URL of the feed it came from (RSS `<source url>`, Atom `<source>`). */
  feedUrl?: string | null;
  /** The byline the feed gave, if any. */
  author?: string | null;
  language: string | null;
  publishedAt: Date | null;
  isCanonical: boolean;
  /** How the item joined its story (story_items.method: exact, near, containment, attribution, url, title, translation, new). */
  method?: string | null;
}

/** One story: its canonical item and the other copies. */
export interface StoryView {
  id: number;
  title: string;
  url: string | null;
  /** The story's lede: the first paragraph of the canonical item's text that reads as prose. */
  summary: string;
  /** The canonical item's text from its lede on: paragraphs separated by a blank line, lines by "\n". */
  text?: string;
  /** The canonical item's language. */
  language?: string | null;
  firstPublishedAt: Date | null;
  updatedAt: Date;
  itemCount: number;
  languages: string[];
  members: StoryMemberView[];
}

/** The merged feed's own metadata and paging links. */
export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the site (the reader page). */
  homeUrl: string;
  /** Absolute URL of this document (self link). */
  selfUrl: string;
  nextUrl: string | null;
  prevUrl: string | null;
  firstUrl: string | null;
  hubUrl: string | null;
  updatedAt: Date;
  /** The installation's UUID (src/db/installation.ts): entry ids derive from it, never from a URL. */
  installationId: string;
  /** The feed's language when every entry shares one (a language filter), else null. */
  language?: string | null;
  /** What distinguishes this feed from the installation's others (its filters, an account's feed); '' for the merged feed. */
  feedKey?: string;
}

/** Stable id of a feed document (Atom feed <id>): a name-based UUID of its key in the installation's namespace. */
export function feedDocumentId(meta: Pick<FeedMeta, 'installationId' | 'feedKey'>): string {
  return `urn:uuid:${uuidV5(meta.installationId, `feed/${meta.feedKey ?? ''}`)}`;
}

/** The language every story's canonical item shares, or null when they differ or one is unknown. */
export function sharedLanguage(stories: readonly StoryView[]): string | null {
  const langs = new Set(stories.map((s) => s.language ?? canonicalMember(s)?.language ?? null));
  const [only] = [...langs];
  return langs.size === 1 && only ? only : null;
}

/** An entry's author line: the byline with its outlet in brackets ("Wire staff (Kremlin Wire)"), else the outlet. */
export function bylineOf(m: Pick<StoryMemberView, 'author' | 'sourceTitle'> | null): string | null {
  const author = m?.author?.trim() || null;
  const outlet = m?.sourceTitle?.trim() || null;
  if (author && outlet && author !== outlet) return `${author} (${outlet})`;
  return outlet ?? author;
}

/** The copies of a story other than its canonical item. */
export function otherSources(story: StoryView): StoryMemberView[] {
  return story.members.filter((m) => !m.isCanonical);
}

/** The canonical item's member row, if the story has members. */
export function canonicalMember(story: StoryView): StoryMemberView | null {
  return story.members.find((m) => m.isCanonical) ?? story.members[0] ?? null;
}

/**
 * Stable id of a story entry: a name-based UUID (RFC 9562 version 5) of the story id in the installation's
 * namespace. It names no host, port or public URL, so changing them never makes a story look new.
 */
export function storyEntryId(meta: Pick<FeedMeta, 'installationId'>, story: Pick<StoryView, 'id'>): string {
  return `urn:uuid:${uuidV5(meta.installationId, `story/${story.id}`)}`;
}

/** The story's own page on this server. */
export function storyPageUrl(meta: Pick<FeedMeta, 'homeUrl'>, story: Pick<StoryView, 'id'>): string {
  return `${trimCharEnd(meta.homeUrl, '/')}/stories/${story.id}`;
}

/** RFC 9562 version 5 UUID: SHA-1 of namespace bytes and name, version and variant bits set. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new RangeError(`not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
