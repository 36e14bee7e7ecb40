// Item signatures as stored (jsonb), read back into the domain's Signature type at this edge and nowhere else.
import { sql } from 'drizzle-orm';
import { jsonList, type Statement } from './client.ts';
import { isSignature, type Signature } from '../domain/fingerprint.ts';

/** A stored signature, or null when there is none or it has another shape (bad data, an old format). */
export function parseSignature(stored: unknown): Signature | null {
  return isSignature(stored) ? stored : null;
}

/** The readable signatures of the items (an item without one is left out). */
export function readSignatures(itemIds: readonly number[]): Statement<Map<number, Signature>> {
  return {
    query: sql`select id, signature from items where id = any(array(select k::bigint from ${jsonList(itemIds)} as t(k)))`,
    read: (rows) => {
      const out = new Map<number, Signature>();
      for (const r of rows) {
        const sig = parseSignature(r.signature);
        if (sig) out.set(Number(r.id), sig);
      }
      return out;
    },
  };
}
