// In-memory folding engine: the same lookupKeys / decideFold / chooseCanonical path as the database workers.

import { lookupKeys, signItem, type Signature, type SignInput } from '../fingerprint.ts';
import { chooseCanonical } from './canonical.ts';
import { decideFold, type Member } from './decide.ts';

/** An item for the in-memory engine: what signing needs, and the caller's id for it. */
export interface InMemoryItem extends SignInput {
  itemId: string;
}

/**
 * Fold items in the given order; returns each item's story id and the story's canonical item. Inside, an item
 * is numbered by its position and a story by its first item's, as the database numbers them in arrival order.
 * `keysOf` picks the candidate-index keys (bench/key-kinds.ts passes subsets to measure which kinds find copies).
 */
export function foldInMemory(
  items: InMemoryItem[],
  keysOf: (sig: Signature) => string[] = lookupKeys,
): { itemId: string; storyId: string; canonical: string }[] {
  const index = new Map<string, number[]>();
  const members: Member[] = [];
  const stories = new Map<number, Set<number>>();
  items.forEach((input, itemId) => {
    const sig = signItem(input);
    const keys = keysOf(sig);
    const seen = new Set<number>();
    const candidates: Member[] = [];
    for (const k of keys) {
      for (const id of index.get(k) ?? []) {
        const m = members[id];
        if (m && !seen.has(id)) { seen.add(id); candidates.push(m); }
      }
    }
    const decision = decideFold({ itemId, sig, publishedAt: input.publishedAt }, candidates);
    const storyId = decision.storyIds[0] ?? itemId;
    const story = stories.get(storyId) ?? new Set<number>();
    stories.set(storyId, story);
    for (const other of decision.storyIds.slice(1)) mergeStory(other, storyId, stories, members);
    members[itemId] = { itemId, storyId, sig, publishedAt: input.publishedAt };
    story.add(itemId);
    for (const k of keys) {
      const list = index.get(k);
      if (list) list.push(itemId); else index.set(k, [itemId]);
    }
  });
  const canonicalOf = new Map<number, number>();
  for (const [storyId, ids] of stories) {
    canonicalOf.set(storyId, chooseCanonical([...ids].map((id) => members[id] as Member)).itemId);
  }
  const idOf = (n: number) => (items[n] as InMemoryItem).itemId;
  return items.map((it, n) => {
    const storyId = (members[n] as Member).storyId;
    return { itemId: it.itemId, storyId: `story-${idOf(storyId)}`, canonical: idOf(canonicalOf.get(storyId) as number) };
  });
}

function mergeStory(from: number, into: number, stories: Map<number, Set<number>>, members: Member[]): void {
  const src = stories.get(from);
  const dst = stories.get(into);
  if (!src || !dst || from === into) return;
  for (const id of src) {
    const m = members[id];
    if (m) m.storyId = into;
    dst.add(id);
  }
  stories.delete(from);
}
