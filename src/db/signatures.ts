// Item signatures as stored (`items.signature`, bytea: packed, src/db/packed-json.ts), read back into the domain's
// Signature type at this edge and nowhere else. Rows stored before migration 0014 hold their jsonb's text.
import { sql } from 'drizzle-orm';
import { jsonList, type Statement } from './client.ts';
import { packJson, unpackJson } from './packed-json.ts';
import { isSignature, type Signature } from '../domain/fingerprint.ts';

/** The bytes a signature is stored as. */
export function packSignature(sig: Signature): Buffer {
  return packJson(sig);
}

/** The first byte of a signature stored as JSON text (before packing): `{`. */
const JSON_OBJECT = 0x7b;

/** A stored signature, or null when there is none or it has another shape (bad data, an old format). */
export function parseSignature(stored: unknown): Signature | null {
  let value = stored;
  if (stored instanceof Uint8Array) {
    try {
      value = stored[0] === JSON_OBJECT ? JSON.parse(Buffer.from(stored).toString('utf8')) : unpackJson(stored);
    } catch {
      return null;
    }
  }
  return isSignature(value) ? value : null;
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
