// Which IP addresses feedfold may connect to. A feed URL is user input, so without this check a feed
// could make the fetcher read the admin API, a cloud metadata service or anything else on the inside.
// The rule is an allow-list in spirit: an address is public only when ipaddr.js, whose range tables follow
// the IANA special-purpose registries, names it global unicast (or a global anycast service); IPv6 must
// also lie in 2000::/3, and addresses that embed an IPv4 address are judged by that address.
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Ranges ipaddr.js names that are globally reachable: unicast, and the anycast services AS112 and AMT. */
const PUBLIC_V4 = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_V6 = new Set(['unicast', 'as112v6', 'amt']);
/** The only IPv6 block routed on the Internet (RFC 4291 global unicast); ipaddr.js calls 4000::1 unicast too. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** The well-known NAT64 prefix embeds an IPv4 address (judged by it); the rest of rfc6052 is local-use NAT64. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/** True when `ip` (a literal IPv4 or IPv6 address) is publicly routable; false for anything else. */
export function isPublicAddress(ip: string): boolean {
  // node:net's checks first: ipaddr.js also reads "0177.0.0.1" and "1.2.3" as IPv4, which no URL host means here.
  if (isIPv4(ip)) return PUBLIC_V4.has(ipaddr.IPv4.parse(ip).range());
  const bare = ip.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (!isIPv6(bare)) return false;
  return isPublicV6(ipaddr.IPv6.parse(bare));
}

function isPublicV6(addr: ipaddr.IPv6): boolean {
  const embedded = embeddedV4(addr);
  if (embedded !== null) return PUBLIC_V4.has(embedded.range());
  return addr.match(GLOBAL_UNICAST_V6) && PUBLIC_V6.has(addr.range());
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one. */
function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = addr.parts;
  const v4 = (high: number, low: number): ipaddr.IPv4 => ipaddr.IPv4.parse(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  const at = (i: number): number => p[i] ?? 0;
  switch (addr.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d IPv4-translated
      return v4(at(6), at(7));
    case 'rfc6052': // 64:ff9b::a.b.c.d; the local-use 64:ff9b:1::/48 is refused as 0.0.0.0
      return addr.match(NAT64_WELL_KNOWN) ? v4(at(6), at(7)) : v4(0, 0);
    case '6to4': // 2002:AABB:CCDD::/48
      return v4(at(1), at(2));
    case 'teredo': // 2001::/32, the client's address inverted in the last 32 bits
      return v4(~at(6) & 0xffff, ~at(7) & 0xffff);
    default:
      // ::a.b.c.d IPv4-compatible (deprecated; also :: and ::1): judged by the IPv4 address, 0/8 refused.
      return p.slice(0, 6).every((x) => x === 0) ? v4(at(6), at(7)) : null;
  }
}
