// The address check happens where the connection is made: http.request calls this lookup, so the
// address that is checked is the address that is dialled (no gap for DNS rebinding between the two).
import dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { FetchError } from '../errors.ts';

/** Decides whether one resolved IP address may be connected to. */
export type AddressPolicy = (ip: string) => boolean;

/**
 * The name or address a URL's connection dials: no port, IPv6 literals without their brackets (what
 * http.request's `hostname` and isIP expect). Not the per-host budget's key: that is queue/host-limiter's hostOf.
 */
export function dialNameOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Refuse a URL whose host is a literal IP the policy forbids; lookup is never called for those. */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  const host = dialNameOf(url);
  if (isIP(host) && !policy(host)) {
    throw blockedError(url, host, host);
  }
}

/** A dns.lookup for http.request that fails when ANY address the name resolves to is forbidden. */
export function createGuardedLookup(url: URL, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => !policy(a.address));
      if (bad) return callback(blockedError(url, hostname, bad.address), '');
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

function blockedError(url: URL, host: string, address: string): FetchError {
  return new FetchError('blocked_address', `refusing to connect to ${host} (${address}): not a public address`, {
    url: url.href,
    retryable: false,
  });
}
