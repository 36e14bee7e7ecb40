// The one way feedfold talks HTTP: every feed poll and article fetch goes through fetchUrl, so the
// address check, the size and time limits and the redirect rules cannot be forgotten by a caller.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { settingDefaults } from '../config.ts';
import { FetchError } from '../errors.ts';
import { isPublicAddress } from './address.ts';
import { classifyFetchError } from './classify-error.ts';
import { checkLiteralHost, createGuardedLookup, type AddressPolicy } from './guarded-lookup.ts';
import { readBody } from './read-body.ts';
import { parseRetryAfter } from './retry-after.ts';
import { sendRequest } from './send-request.ts';

export { parseRetryAfter } from './retry-after.ts';

/** How one fetch behaves. Spread `defaultFetchOptions` and add `userAgent` and `allowPrivate`. */
export interface FetchOptions {
  /** Connect to private, loopback and other non-public addresses (FEEDFOLD_ALLOW_PRIVATE_ADDRESSES). */
  allowPrivate: boolean;
  /** Largest body accepted, counted after decompression (and before it too). Default: FEEDFOLD_FETCH_MAX_BYTES's. */
  maxBytes: number;
  /** DNS + TCP (+ TLS handshake) of one hop. Default: FEEDFOLD_CONNECT_TIMEOUT_MS's. */
  connectTimeoutMs: number;
  /** From sending a request to its response headers, per hop. Default 15 s. */
  headersTimeoutMs: number;
  /** The whole exchange, all redirect hops and a slow-drip body included. Default: FEEDFOLD_FETCH_TIMEOUT_MS's. */
  totalTimeoutMs: number;
  /** Redirects followed before 'too_many_redirects'; a URL seen twice is 'redirect_loop'. Default: FEEDFOLD_MAX_REDIRECTS's. */
  maxRedirects: number;
  userAgent: string;
  /** Accept header; default "*\/*". */
  accept?: string;
  /** Sent as If-None-Match. */
  etag?: string | null;
  /** Sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Aborting fails the fetch with kind 'timeout' (retryable): the work was cut short, not refused. */
  signal?: AbortSignal;
  /** Local address the connections leave from (FEEDFOLD_LOCAL_ADDRESS); unset: the system chooses. */
  localAddress?: string;
  /** Overrides allowPrivate with an exact rule; tests use it to reach the loopback test server only. */
  isAllowedAddress?: AddressPolicy;
}

/** Defaults for every option that has one (the settings' defaults, from config.ts); see FetchOptions for why each exists. */
export const defaultFetchOptions: Omit<FetchOptions, 'userAgent' | 'allowPrivate'> = Object.freeze({
  maxBytes: settingDefaults.FEEDFOLD_FETCH_MAX_BYTES,
  connectTimeoutMs: settingDefaults.FEEDFOLD_CONNECT_TIMEOUT_MS,
  headersTimeoutMs: 15_000,
  totalTimeoutMs: settingDefaults.FEEDFOLD_FETCH_TIMEOUT_MS,
  maxRedirects: settingDefaults.FEEDFOLD_MAX_REDIRECTS,
});

/** A successful fetch: a 2xx body or a 304. */
export interface FetchResult {
  /** 200..299 or 304. */
  status: number;
  notModified: boolean;
  /** Final URL after redirects. */
  url: string;
  /** The final URL when every redirect hop was 301/308 (the stored URL may be updated), else null. */
  permanentRedirect: string | null;
  /** Decompressed; empty on 304. */
  body: Buffer;
  contentType: string | null;
  /** On 304 without validators in the response, the ones that were sent (they are still valid). */
  etag: string | null;
  lastModified: string | null;
  /** Response headers, lower-case names, repeated headers joined with ", ". */
  headers: Record<string, string>;
  elapsedMs: number;
}

/** What one hop produced: a redirect to follow or a final response with its body. */
type Hop =
  | { kind: 'redirect'; status: number; location: string | undefined }
  | { kind: 'final'; status: number; headers: Record<string, string>; body: Buffer };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Fetch one URL safely, following redirects. Throws FetchError (src/errors.ts) with a kind. */
export async function fetchUrl(url: string, opts: FetchOptions): Promise<FetchResult> {
  const started = performance.now();
  const deadline = started + opts.totalTimeoutMs;
  const policy = opts.isAllowedAddress ?? (opts.allowPrivate ? () => true : isPublicAddress);
  let current = parseHttpUrl(url, undefined, url);
  const seen = new Set([current.href]);
  let allPermanent = true;
  for (let redirects = 0; ; redirects++) {
    const hop = await fetchHop(current, opts, policy, deadline);
    if (hop.kind === 'final') {
      const permanentRedirect = redirects > 0 && allPermanent ? current.href : null;
      return buildResult(current, hop, permanentRedirect, opts, performance.now() - started);
    }
    allPermanent &&= hop.status === 301 || hop.status === 308;
    if (!hop.location) {
      throw new FetchError('protocol', `redirect ${hop.status} without a Location header`, { url: current.href });
    }
    const next = parseHttpUrl(hop.location, current, current.href, 'protocol');
    if (seen.has(next.href)) {
      throw new FetchError('redirect_loop', `redirect loop back to ${next.href}`, { url });
    }
    if (redirects >= opts.maxRedirects) {
      throw new FetchError('too_many_redirects', `more than ${opts.maxRedirects} redirects`, { url });
    }
    seen.add(next.href);
    current = next;
  }
}

/** An absolute http(s) URL, or a FetchError of `kind` (invalid_url for input, protocol for a Location). */
function parseHttpUrl(text: string, base: URL | undefined, forUrl: string, kind: 'invalid_url' | 'protocol' = 'invalid_url'): URL {
  let parsed: URL;
  try {
    parsed = new URL(text, base);
  } catch (err) {
    throw new FetchError(kind, `not a valid URL: ${text.slice(0, 200)}`, { url: forUrl, cause: err });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError(kind, `unsupported scheme ${parsed.protocol} in ${parsed.href.slice(0, 200)}`, { url: forUrl });
  }
  parsed.hash = '';
  return parsed;
}

/** One request/response exchange, under the connect, headers and overall deadlines. */
async function fetchHop(url: URL, opts: FetchOptions, policy: AddressPolicy, deadline: number): Promise<Hop> {
  checkLiteralHost(url, policy);
  const request = url.protocol === 'https:' ? https.request : http.request;
  const { res, release } = await sendRequest(request, url, {
    headers: buildRequestHeaders(opts),
    lookup: createGuardedLookup(url, policy),
    localAddress: opts.localAddress,
    connectTimeoutMs: opts.connectTimeoutMs,
    headersTimeoutMs: opts.headersTimeoutMs,
    deadline,
    signal: opts.signal,
  });
  try {
    return await readHop(res, url, opts);
  } finally {
    release();
  }
}

/** Turn a response into a Hop, reading the body only for 2xx; error statuses throw. */
async function readHop(res: IncomingMessage, url: URL, opts: FetchOptions): Promise<Hop> {
  const status = res.statusCode ?? 0;
  if (REDIRECT_STATUSES.has(status) || (status >= 300 && status < 400 && status !== 304 && res.headers.location)) {
    return { kind: 'redirect', status, location: res.headers.location };
  }
  const headers = flattenHeaders(res);
  if (status >= 400 && status < 600) {
    throw new FetchError('http_status', `HTTP ${status} from ${url.href}`, {
      url: url.href,
      status,
      retryable: RETRYABLE_STATUSES.has(status),
      retryAfterSeconds: parseRetryAfter(headers['retry-after'], new Date()),
    });
  }
  if (status === 304) return { kind: 'final', status, headers, body: Buffer.alloc(0) };
  if (status < 200 || status >= 300) {
    throw new FetchError('protocol', `unexpected HTTP status ${status}`, { url: url.href, status });
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    throw new FetchError('too_large', `Content-Length ${declared} exceeds ${opts.maxBytes} bytes`, { url: url.href });
  }
  const body = await readBody(res, opts.maxBytes, url.href);
  return { kind: 'final', status, headers, body };
}

function buildRequestHeaders(opts: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: opts.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  return headers;
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function buildResult(
  url: URL,
  hop: Extract<Hop, { kind: 'final' }>,
  permanentRedirect: string | null,
  opts: FetchOptions,
  elapsedMs: number,
): FetchResult {
  const notModified = hop.status === 304;
  const h = hop.headers;
  return {
    status: hop.status,
    notModified,
    url: url.href,
    permanentRedirect,
    body: hop.body,
    contentType: h['content-type'] ?? null,
    etag: h['etag'] ?? (notModified ? opts.etag ?? null : null),
    lastModified: h['last-modified'] ?? (notModified ? opts.lastModified ?? null : null),
    headers: h,
    elapsedMs: Math.round(elapsedMs),
  };
}
