// Which IP addresses feedfold may connect to. A feed URL is user input, so without this check a feed
// could make the fetcher read the admin API, a cloud metadata service or anything else on the inside.
// The rule is an allow-list in spirit: IPv6 must be global unicast (2000::/3) and every special-purpose
// block from the IANA registries is refused; addresses that embed an IPv4 address are judged by it.
import { isIPv4, isIPv6 } from 'node:net';

/** An IPv4 block: network address as a 32-bit number and prefix length. */
interface V4Block {
  net: number;
  bits: number;
}

const V4_BLOCKED: V4Block[] = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation TEST-NET-1
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation TEST-NET-2
  ['203.0.113.0', 24], // documentation TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
].map(([ip, bits]) => ({ net: parseV4(ip as string) ?? 0, bits: bits as number }));

/** An IPv6 block: the leading 16-bit groups that must match and how many bits of them count. */
interface V6Block {
  groups: number[];
  bits: number;
}

const V6_BLOCKED: V6Block[] = [
  { groups: [0x0064, 0xff9b, 0x0001], bits: 48 }, // local-use NAT64
  { groups: [0x0100, 0, 0, 0], bits: 64 }, // discard-only
  { groups: [0x2001, 0x0002, 0], bits: 48 }, // benchmarking
  { groups: [0x2001, 0x0010], bits: 28 }, // ORCHID
  { groups: [0x2001, 0x0020], bits: 28 }, // ORCHIDv2
  { groups: [0x2001, 0x0db8], bits: 32 }, // documentation
  { groups: [0x3fff, 0], bits: 20 }, // documentation (RFC 9637)
];

/** True when `ip` (a literal IPv4 or IPv6 address) is publicly routable; false for anything else. */
export function isPublicAddress(ip: string): boolean {
  if (isIPv4(ip)) return isPublicV4(parseV4(ip) ?? 0);
  const bare = ip.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (!isIPv6(bare)) return false;
  const groups = parseV6(bare);
  return groups !== null && isPublicV6(groups);
}

function isPublicV4(addr: number): boolean {
  return !V4_BLOCKED.some((b) => matchesV4(addr, b));
}

function matchesV4(addr: number, block: V4Block): boolean {
  const mask = block.bits === 0 ? 0 : (~0 << (32 - block.bits)) >>> 0;
  return ((addr & mask) >>> 0) === ((block.net & mask) >>> 0);
}

function isPublicV6(g: number[]): boolean {
  const embedded = embeddedV4(g);
  if (embedded !== null) return isPublicV4(embedded);
  // Only global unicast 2000::/3 is routable; this refuses ::, ::1, fc00::/7, fe80::/10, ff00::/8 …
  if (((g[0] ?? 0) & 0xe000) !== 0x2000) return false;
  return !V6_BLOCKED.some((b) => matchesV6(g, b));
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one. */
function embeddedV4(g: number[]): number | null {
  const at = (i: number): number => g[i] ?? 0;
  const low32 = ((at(6) << 16) | at(7)) >>> 0;
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && at(5) === 0xffff) return low32; // ::ffff:a.b.c.d IPv4-mapped
  if (zeros(0, 6)) return low32; // ::a.b.c.d IPv4-compatible (also :: and ::1, both refused via 0/8)
  if (zeros(0, 4) && at(4) === 0xffff && at(5) === 0) return low32; // ::ffff:0:a.b.c.d IPv4-translated
  if (at(0) === 0x0064 && at(1) === 0xff9b && zeros(2, 6)) return low32; // 64:ff9b::/96 NAT64
  if (at(0) === 0x2002) return ((at(1) << 16) | at(2)) >>> 0; // 2002::/16 6to4
  if (at(0) === 0x2001 && at(1) === 0) return ~low32 >>> 0; // 2001::/32 Teredo, client address inverted
  return null;
}

function matchesV6(g: number[], block: V6Block): boolean {
  let left = block.bits;
  for (let i = 0; left > 0; i++, left -= 16) {
    const take = Math.min(16, left);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((g[i] ?? 0) & mask) !== ((block.groups[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Dotted-quad IPv4 to a 32-bit unsigned number, or null when it is not one. */
function parseV4(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d{1,3}$/.test(p) || v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

/** A valid IPv6 text form to its eight 16-bit groups. */
function parseV6(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const tail: number[] = [];
  const v4 = /^(\d+\.\d+\.\d+\.\d+)$/.exec(text.slice(text.lastIndexOf(':') + 1));
  if (v4?.[1]) {
    const n = parseV4(v4[1]);
    if (n === null) return null;
    tail.push(n >>> 16, n & 0xffff);
    text = text.slice(0, -v4[1].length) + '0';
  }
  const [head = '', rest] = text.split('::');
  const toGroups = (s: string): number[] => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const front = toGroups(head);
  const back = rest === undefined ? [] : toGroups(rest);
  if (tail.length) (back.length ? back : front).pop(); // the '0' placeholder
  const fill = 8 - front.length - back.length - tail.length;
  if (fill < 0 || (rest === undefined && fill !== 0)) return null;
  const groups = [...front, ...new Array<number>(fill).fill(0), ...back, ...tail];
  return groups.length === 8 && groups.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? groups : null;
}
