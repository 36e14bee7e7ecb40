// The canonical item of a story: the original where it can be told.

import { timeOf, type Member } from './decide.ts';

/**
 * The story's canonical item. Rule: the member most other members point at (their attribution links or
 * rel=canonical name its URL); among equals the earliest published (unknown times last); ties by item id.
 */
export function chooseCanonical(members: Member[]): { itemId: number; reason: string } {
  if (members.length === 0) throw new RangeError('a story has at least one member');
  const pointers = new Map<number, number>();
  for (const m of members) {
    const n = members.filter((o) => o !== m && !!m.sig.u && (o.sig.l.includes(m.sig.u) || o.sig.c === m.sig.u)).length;
    pointers.set(m.itemId, n);
  }
  const sorted = [...members].sort((a, b) =>
    (pointers.get(b.itemId) ?? 0) - (pointers.get(a.itemId) ?? 0)
    || timeOf(a.publishedAt) - timeOf(b.publishedAt)
    || a.itemId - b.itemId);
  const top = sorted[0] as Member;
  const n = pointers.get(top.itemId) ?? 0;
  if (n > 0) return { itemId: top.itemId, reason: `named as source or canonical by ${n} other member${n > 1 ? 's' : ''}` };
  if (members.length === 1) return { itemId: top.itemId, reason: 'only member' };
  return { itemId: top.itemId, reason: top.publishedAt ? 'earliest published' : 'no publication times: lowest item id' };
}
