// Item signatures as stored (`items.signature`, bytea: packed, src/db/packed-json.ts), read back into the domain's
// Signature type at this edge and nowhere else. Rows stored before migration 0014 hold their jsonb's text.
// Stored, the shingle hashes (`ss`) are 8 hex digits each, as they always were (packed as 4 bytes); in memory they
// are numbers (src/domain/fingerprint.ts), converted here both ways, so the stored bytes did not change.
import { sql } from 'drizzle-orm';
import { bigintArray, type Statement } from './client.ts';
import { packJson, unpackJson } from './packed-json.ts';
import { isSignature, shingleHex, type Signature } from '../domain/fingerprint.ts';

/** The bytes a signature is stored as: storedForm packed, its shingle hashes given as their 4 bytes (the same bytes). */
export function packSignature(sig: Signature): Buffer {
  const bytes = Buffer.allocUnsafe(4 * sig.ss.length);
  const ss = sig.ss.map((h, i) => {
    bytes.writeUInt32BE(h, 4 * i);
    return bytes.subarray(4 * i, 4 * i + 4);
  });
  return packJson({ ...sig, ss });
}

/** The signature as it is stored: its shingle hashes as hex digits. */
export function storedForm(sig: Signature): Omit<Signature, 'ss'> & { ss: string[] } {
  return { ...sig, ss: sig.ss.map(shingleHex) };
}

const HEX8 = /^[0-9a-f]{8}$/;

/** A stored value with its shingle hashes as numbers again (left as it is when they are not 8 hex digits: isSignature refuses it). */
function withShingleNumbers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { ss?: unknown }).ss)) return value;
  const ss: number[] = [];
  for (const h of (value as { ss: unknown[] }).ss) {
    if (typeof h !== 'string' || !HEX8.test(h)) return value;
    ss.push(parseInt(h, 16));
  }
  return { ...value, ss };
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
  value = withShingleNumbers(value);
  return isSignature(value) ? value : null;
}

/** The readable signatures of the items (an item without one is left out). */
export function readSignatures(itemIds: readonly number[]): Statement<Map<number, Signature>> {
  return {
    // Each by its key (LATERAL … LIMIT 1), whatever the planner knows of the table: `id = any(…)` scans items
    // while it has no statistics (a new store, or a server with autovacuum off).
    query: sql`select i.id, i.signature from unnest(${bigintArray(itemIds)}) as k(id)
               cross join lateral (select id, signature from items where id = k.id limit 1) i`,
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
