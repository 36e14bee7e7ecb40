// 64-bit simhash as a 16-hex-digit string, Hamming distance and pigeonhole bands.

/** FNV-1a state after the UTF-16 code units of `s`, from state `h`. */
function fnv1a(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** The murmur3 finaliser: every input bit reaches every output bit. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, finished with the murmur3 mix for avalanche. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  return mix32(fnv1a(seed >>> 0, s));
}

/** hash32 of `words.slice(start, start + count).join(' ')`, without building the string. */
export function hashWords(words: readonly string[], start: number, count: number, seed = 0x811c9dc5): number {
  let h = fnv1a(seed >>> 0, words[start] ?? '');
  for (let i = start + 1; i < start + count; i++) h = fnv1a(Math.imul(h ^ 0x20, 0x01000193), words[i] ?? '');
  return mix32(h);
}

/** A 32-bit unsigned number as 8 lowercase hex digits. */
export function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** A short stable hash of a string as 8 hex digits. */
export function hashHex(s: string): string {
  return hex32(hash32(s));
}

/** A 64-bit hash of a string as 16 hex digits (two independent 32-bit halves). */
export function hashHex64(s: string): string {
  return hashHex(s) + hex32(hash32(s, 0x9747b28c));
}

/** 64-bit simhash of distinct features (each weighing 1), as 16 hex digits; null when there are none. */
export function computeSimhash(features: ReadonlySet<string>): string | null {
  if (features.size === 0) return null;
  // Each bit is set where more features have it set than not: count the set ones.
  const ones = new Int32Array(64);
  for (const f of features) {
    // hash32(f, 0x811c9dc5) and hash32(f, 0x9747b28c), in one pass over the feature.
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193);
    }
    const hi = mix32(h1);
    const lo = mix32(h2);
    for (let b = 0; b < 32; b++) {
      ones[b] = (ones[b] as number) + ((hi >>> b) & 1);
      ones[32 + b] = (ones[32 + b] as number) + ((lo >>> b) & 1);
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * (ones[b] as number) > features.size) hi |= 1 << b;
    if (2 * (ones[32 + b] as number) > features.size) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Number of differing bits between two 16-hex-digit simhashes. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) throw new RangeError('simhash must be 16 hex digits');
  const ahi = parseInt(a.slice(0, 8), 16);
  const alo = parseInt(a.slice(8), 16);
  const bhi = parseInt(b.slice(0, 8), 16);
  const blo = parseInt(b.slice(8), 16);
  if (Number.isNaN(ahi + alo + bhi + blo)) throw new RangeError('simhash must be 16 hex digits');
  return popcount32((ahi ^ bhi) >>> 0) + popcount32((alo ^ blo) >>> 0);
}

/**
 * The simhash cut into k+1 contiguous bit blocks, each tagged with its position ("b<k>.<i>:<bits>").
 * Two simhashes within distance k agree on at least one block (pigeonhole), so they share a band key.
 */
export function simhashBands(simhash: string, k: number): string[] {
  const bits = BigInt(`0x${simhash}`).toString(2).padStart(64, '0');
  const blocks = k + 1;
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < blocks; i++) {
    const len = Math.floor(64 / blocks) + (i < 64 % blocks ? 1 : 0);
    const chunk = bits.slice(start, start + len);
    out.push(`b${k}.${i}:${parseInt(chunk, 2).toString(36)}`);
    start += len;
  }
  return out;
}
