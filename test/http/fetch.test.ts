import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, type FetchErrorKind } from '../../src/errors.ts';
import { isPublicAddress } from '../../src/http/address.ts';
import { defaultFetchOptions, fetchUrl, type FetchOptions } from '../../src/http/fetch.ts';
import { OK_ETAG, OK_LAST_MODIFIED, startHostileServer, type HostileServer } from '../helpers/hostile-server.ts';

const okFeed = readFileSync(new URL('../fixtures/http/ok.xml', import.meta.url));

/** The test server is on loopback: allow exactly 127.0.0.1, refuse every other non-public address. */
const loopbackOnly = (ip: string): boolean => ip === '127.0.0.1' || isPublicAddress(ip);

function options(extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    ...defaultFetchOptions,
    userAgent: 'feedfold-test/1.0 (+http://example.test/)',
    allowPrivate: false,
    isAllowedAddress: loopbackOnly,
    maxBytes: 1024 * 1024,
    connectTimeoutMs: 1000,
    headersTimeoutMs: 1000,
    totalTimeoutMs: 2000,
    ...extra,
  };
}

/** The FetchError a fetch fails with; fails the test when it succeeds or throws something else. */
async function fetchError(url: string, opts: FetchOptions): Promise<FetchError> {
  const err = await fetchUrl(url, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

let server: HostileServer;
let port: number;

beforeAll(async () => {
  server = await startHostileServer();
  port = Number(new URL(server.url('/')).port);
});
afterAll(async () => {
  await server.close();
});

describe('fetchUrl against the hostile server', () => {
  it('fetches a feed with its validators and headers', async () => {
    const res = await fetchUrl(server.url('/ok.xml'), options());
    expect(res.status).toBe(200);
    expect(res.notModified).toBe(false);
    expect(res.body.equals(okFeed)).toBe(true);
    expect(res.url).toBe(server.url('/ok.xml'));
    expect(res.permanentRedirect).toBeNull();
    expect(res.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(res.etag).toBe(OK_ETAG);
    expect(res.lastModified).toBe(OK_LAST_MODIFIED);
    expect(res.headers['cache-control']).toBe('max-age=300');
    expect(res.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['etag', { etag: OK_ETAG }],
    ['last-modified', { lastModified: OK_LAST_MODIFIED }],
  ])('answers a conditional GET by %s with notModified and an empty body', async (_name, extra) => {
    const res = await fetchUrl(server.url('/ok.xml'), options(extra));
    expect(res.status).toBe(304);
    expect(res.notModified).toBe(true);
    expect(res.body.length).toBe(0);
    expect(res.etag).toBe(OK_ETAG);
  });

  it('fetches the full body when the validator is stale', async () => {
    const res = await fetchUrl(server.url('/ok.xml'), options({ etag: '"gazette-v0"' }));
    expect(res.status).toBe(200);
    expect(res.body.equals(okFeed)).toBe(true);
  });

  it.each([
    ['gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['deflate-raw', 'deflate'],
    ['br', 'br'],
  ])('decodes a %s body', async (name, header) => {
    const res = await fetchUrl(server.url(`/encoded/${name}`), options());
    expect(res.headers['content-encoding']).toBe(header);
    expect(res.body.equals(okFeed)).toBe(true);
  });

  it('returns an empty body for 204', async () => {
    const res = await fetchUrl(server.url('/status/204'), options());
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
  });

  it('sends the user agent, accept and accept-encoding headers', async () => {
    const res = await fetchUrl(server.url('/echo-headers'), options({ accept: 'application/rss+xml' }));
    const sent = JSON.parse(res.body.toString('utf8')) as Record<string, string>;
    expect(sent['user-agent']).toBe('feedfold-test/1.0 (+http://example.test/)');
    expect(sent['accept']).toBe('application/rss+xml');
    expect(sent['accept-encoding']).toBe('gzip, deflate, br');
    expect(sent['if-none-match']).toBeUndefined();
  });

  it.each([
    ['/windows-1251.xml', 'windows-1251.xml', 'application/rss+xml'],
    ['/malformed.xml', 'malformed.xml', 'application/rss+xml; charset=utf-8'],
  ])('returns %s byte for byte, leaving charset and parsing to the caller', async (path, file, type) => {
    const res = await fetchUrl(server.url(path), options());
    expect(res.body.equals(readFileSync(new URL(`../fixtures/http/${file}`, import.meta.url)))).toBe(true);
    expect(res.contentType).toBe(type);
  });

  it('returns binary bodies with their content type', async () => {
    const res = await fetchUrl(server.url('/not-xml'), options());
    expect(res.contentType).toBe('application/octet-stream');
    expect(res.body.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  });
});

describe('redirects', () => {
  it.each([
    ['/moved', '/ok.xml', true],
    ['/redirect-chain/3?code=301', '/redirect-chain/0?code=301', true],
    ['/redirect-chain/2?code=308', '/redirect-chain/0?code=308', true],
    ['/redirect-chain/5', '/redirect-chain/0', false],
    ['/redirect-chain/2?code=307', '/redirect-chain/0?code=307', false],
    [`/redirect?code=301&to=${encodeURIComponent('/redirect-chain/1')}`, '/redirect-chain/0', false],
    [`/redirect?code=302&to=${encodeURIComponent('/redirect-chain/1?code=301')}`, '/redirect-chain/0?code=301', false],
    ['/redirect-chain/0', '/redirect-chain/0', false],
  ])('%s ends at %s (permanent: %s)', async (start, end, permanent) => {
    const res = await fetchUrl(server.url(start), options());
    expect(res.status).toBe(200);
    expect(res.url).toBe(server.url(end));
    expect(res.permanentRedirect).toBe(permanent ? server.url(end) : null);
    expect(res.body.equals(okFeed)).toBe(true);
  });
});

describe('failures carry their kind', () => {
  it.each<[string, FetchErrorKind, boolean, RegExp]>([
    ['/slow-drip', 'timeout', true, /request timed out/],
    ['/no-headers', 'timeout', true, /response headers timed out/],
    ['/gzip-bomb', 'too_large', false, /body exceeds 1048576 bytes/],
    ['/huge', 'too_large', false, /Content-Length 1073741824/],
    ['/huge-chunked', 'too_large', false, /body exceeds/],
    ['/redirect-loop', 'redirect_loop', false, /redirect-loop$/],
    ['/redirect-chain/6', 'too_many_redirects', false, /more than 5/],
    ['/redirect-to-private', 'blocked_address', false, /10\.0\.0\.1/],
    ['/redirect-no-location', 'protocol', false, /without a Location/],
    [`/redirect?to=${encodeURIComponent('ftp://example.test/feed.xml')}`, 'protocol', false, /ftp:/],
    ['/status/404', 'http_status', false, /HTTP 404/],
    ['/status/410', 'http_status', false, /HTTP 410/],
    ['/status/500', 'http_status', true, /HTTP 500/],
    ['/reset', 'connect', true, /ECONNRESET/],
    ['/bad-gzip', 'protocol', false, /cannot decode gzip/],
    ['/truncated', 'connect', true, /aborted/],
  ])('%s fails with %s (retryable %s)', async (path, kind, retryable, message) => {
    const err = await fetchError(server.url(path), options({ maxRedirects: 5 }));
    expect(err.kind).toBe(kind);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toMatch(message);
  });

  it.each([
    [429, 120],
    [503, 120],
    [502, null],
  ])('status %i is retryable with Retry-After %s', async (status, retryAfter) => {
    const err = await fetchError(server.url(`/status/${status}`), options());
    expect(err.kind).toBe('http_status');
    expect(err.status).toBe(status);
    expect(err.retryable).toBe(true);
    expect(err.retryAfterSeconds).toBe(retryAfter);
  });

  it.each(['ftp://example.test/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://'])(
    'refuses %s as invalid_url',
    async (url) => {
      const err = await fetchError(url, options());
      expect(err.kind).toBe('invalid_url');
    },
  );

  it('classifies a refused connection as connect', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await fetchError(`http://127.0.0.1:${freePort}/`, options());
    expect(err.kind).toBe('connect');
    expect(err.retryable).toBe(true);
  });

  it('times out a TLS handshake that never completes as a connect timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      const err = await fetchError(`https://127.0.0.1:${silentPort}/`, options({ connectTimeoutMs: 300 }));
      expect(err.kind).toBe('timeout');
      expect(err.message).toMatch(/^connect timed out/);
    } finally {
      silent.close();
    }
  });

  it('classifies an unresolvable name as dns', async () => {
    // .invalid never resolves (RFC 6761); generous clocks so a slow resolver still reports dns.
    const slowResolver = { connectTimeoutMs: 20_000, totalTimeoutMs: 20_000 };
    const err = await fetchError('http://feedfold-test.invalid/feed.xml', options(slowResolver));
    expect(err.kind).toBe('dns');
    expect(err.retryable).toBe(true);
  });

  it.each([
    ['before the request', true],
    ['while waiting for headers', false],
  ])('stops when the caller aborts %s', async (_when, early) => {
    const controller = new AbortController();
    if (early) controller.abort();
    else setTimeout(() => controller.abort(), 50);
    const err = await fetchError(server.url('/no-headers'), options({ signal: controller.signal, headersTimeoutMs: 5000, totalTimeoutMs: 5000 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/aborted by the caller/);
  });
});

describe('private addresses', () => {
  it('refuses the loopback test server itself when allowPrivate is false', async () => {
    const before = server.hits('/ok.xml');
    const err = await fetchError(server.url('/ok.xml'), options({ isAllowedAddress: undefined }));
    expect(err.kind).toBe('blocked_address');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('127.0.0.1');
    expect(server.hits('/ok.xml')).toBe(before);
  });

  it('checks the address a host name resolves to', async () => {
    const err = await fetchError(`http://localhost:${port}/ok.xml`, options({ isAllowedAddress: undefined }));
    expect(err.kind).toBe('blocked_address');
    expect(err.message).toMatch(/localhost \((127\.0\.0\.1|::1)\)/);
  });

  it('checks the resolved address on every redirect hop', async () => {
    const before = server.hits('/ok.xml');
    const to = encodeURIComponent(`http://localhost:${port}/ok.xml`);
    const checked: string[] = [];
    // Allow the first hop only: the redirect to "localhost" must be checked again, at lookup.
    const firstOnly = (ip: string): boolean => checked.push(ip) === 1;
    const err = await fetchError(server.url(`/redirect?to=${to}`), options({ isAllowedAddress: firstOnly }));
    expect(err.kind).toBe('blocked_address');
    expect(err.message).toContain('localhost');
    expect(checked.length).toBeGreaterThanOrEqual(2);
    expect(server.hits('/ok.xml')).toBe(before);
  });

  it.each([
    'http://2130706433:PORT/ok.xml',
    'http://0177.0.0.1:PORT/ok.xml',
    'http://0x7f.1:PORT/ok.xml',
    'http://127.1:PORT/ok.xml',
    'http://0x7f000001:PORT/ok.xml',
    'http://[::ffff:127.0.0.1]:PORT/ok.xml',
    'http://[::ffff:7f00:1]:PORT/ok.xml',
    'http://[::1]:PORT/ok.xml',
    'http://0.0.0.0:PORT/ok.xml',
  ])('refuses %s', async (template) => {
    const before = server.hits('/ok.xml');
    const err = await fetchError(template.replace('PORT', String(port)), options({ isAllowedAddress: undefined }));
    expect(err.kind).toBe('blocked_address');
    expect(server.hits('/ok.xml')).toBe(before);
  });

  it('reaches the same odd spelling when private addresses are allowed', async () => {
    const res = await fetchUrl(`http://0x7f.1:${port}/ok.xml`, options({ isAllowedAddress: undefined, allowPrivate: true }));
    expect(res.url).toBe(server.url('/ok.xml'));
    expect(res.body.equals(okFeed)).toBe(true);
  });
});
