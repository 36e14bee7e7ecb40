// In-memory folding engine: the same lookupKeys / decideFold / chooseCanonical path as the database workers.

import { lookupKeys, signItem, type FoldInput } from '../fingerprint.ts';
import { chooseCanonical } from './canonical.ts';
import { decideFold, type Member } from './decide.ts';

/** Fold items in the given order; returns each item's story id and the story's canonical item. */
export function foldInMemory(items: FoldInput[]): { itemId: string; storyId: string; canonical: string }[] {
  const index = new Map<string, string[]>();
  const members = new Map<string, Member>();
  const stories = new Map<string, Set<string>>();
  for (const input of items) {
    const sig = signItem(input);
    const keys = lookupKeys(sig);
    const seen = new Set<string>();
    const candidates: Member[] = [];
    for (const k of keys) {
      for (const id of index.get(k) ?? []) {
        const m = members.get(id);
        if (m && !seen.has(id)) { seen.add(id); candidates.push(m); }
      }
    }
    const decision = decideFold({ itemId: input.itemId, sig, publishedAt: input.publishedAt }, candidates);
    const storyId = decision.storyIds[0] ?? `story-${input.itemId}`;
    const story = stories.get(storyId) ?? new Set<string>();
    stories.set(storyId, story);
    for (const other of decision.storyIds.slice(1)) mergeStory(other, storyId, stories, members);
    const member: Member = { itemId: input.itemId, storyId, sig, publishedAt: input.publishedAt };
    members.set(input.itemId, member);
    story.add(input.itemId);
    for (const k of keys) {
      const list = index.get(k);
      if (list) list.push(input.itemId); else index.set(k, [input.itemId]);
    }
  }
  const canonicalOf = new Map<string, string>();
  for (const [storyId, ids] of stories) {
    canonicalOf.set(storyId, chooseCanonical([...ids].map((id) => members.get(id) as Member)).itemId);
  }
  return items.map((it) => {
    const storyId = (members.get(it.itemId) as Member).storyId;
    return { itemId: it.itemId, storyId, canonical: canonicalOf.get(storyId) as string };
  });
}

function mergeStory(from: string, into: string, stories: Map<string, Set<string>>, members: Map<string, Member>): void {
  const src = stories.get(from);
  const dst = stories.get(into);
  if (!src || !dst || from === into) return;
  for (const id of src) {
    const m = members.get(id);
    if (m) m.storyId = into;
    dst.add(id);
  }
  stories.delete(from);
}
