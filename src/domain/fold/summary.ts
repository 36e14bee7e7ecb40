// A story's summary from its members: canonical item, title, counts, languages, first publication.

import type { Signature } from '../fingerprint.ts';
import { chooseCanonical } from './canonical.ts';
import type { Member } from './decide.ts';

/** A member as a story's summary needs it: the member, its title and language (its signature null when unreadable). */
export interface StoryMember extends Omit<Member, 'sig'> {
  sig: Signature | null;
  title: string;
  language: string | null;
}

/** What a story row says about its members. */
export interface StorySummary {
  canonicalItemId: number;
  canonicalReason: string;
  title: string;
  itemCount: number;
  /** Languages seen among the members, sorted. */
  languages: string[];
  firstPublishedAt: Date | null;
}

/**
 * The story's summary, or null for a story without members. The canonical item is chosen among the members
 * with a readable signature (chooseCanonical); a story with none keeps its first member ('first member').
 */
export function summariseStory(members: StoryMember[]): StorySummary | null {
  const first = members[0];
  if (!first) return null;
  const signed = members.filter((m): m is StoryMember & { sig: Signature } => m.sig !== null);
  const canonical = signed.length ? chooseCanonical(signed) : { itemId: first.itemId, reason: 'first member' };
  const canonicalRow = members.find((m) => m.itemId === canonical.itemId) ?? first;
  const times = members.map((m) => m.publishedAt?.getTime()).filter((t): t is number => t !== undefined);
  return {
    canonicalItemId: canonicalRow.itemId,
    canonicalReason: canonical.reason,
    title: canonicalRow.title,
    itemCount: members.length,
    languages: [...new Set(members.map((m) => m.language).filter((l): l is string => !!l))].sort(),
    firstPublishedAt: times.length ? new Date(Math.min(...times)) : null,
  };
}
