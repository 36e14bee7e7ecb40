// Google Reader item ids: the long form `tag:google.com,2005:reader/item/<16 hex>` and the short signed
// decimal form of the same 64-bit number. feedfold's item id is the story's id.

const LONG_PREFIX = 'tag:google.com,2005:reader/item/';
const HEX16 = /^[0-9a-fA-F]{1,16}$/;
const DECIMAL = /^-?\d{1,20}$/;
const TWO_64 = 1n << 64n;

/** The long form of a story id. */
export function longItemId(storyId: number): string {
  return LONG_PREFIX + BigInt(storyId).toString(16).padStart(16, '0');
}

/** The short (decimal) form of a story id. */
export function shortItemId(storyId: number): string {
  return String(storyId);
}

/** The story id an item id names (long, bare hex after the prefix, or signed decimal), or null when it is no id. */
export function parseItemId(raw: string): number | null {
  const text = raw.trim();
  let value: bigint;
  if (text.startsWith(LONG_PREFIX)) {
    const hex = text.slice(LONG_PREFIX.length);
    if (!HEX16.test(hex)) return null;
    value = BigInt(`0x${hex}`);
  } else if (DECIMAL.test(text)) {
    value = BigInt(text);
    // Clients that store ids as signed 64-bit numbers send the upper half negative.
    if (value < 0n) value += TWO_64;
  } else {
    return null;
  }
  if (value <= 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}
