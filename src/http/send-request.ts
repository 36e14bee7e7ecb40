// One GET on a fresh socket (no agent pool, so nothing is shared between fetches or left open), with
// its three clocks: connect, time to headers, and the overall deadline that also covers the body.
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TLSSocket } from 'node:tls';
import { FetchError } from '../errors.ts';
import { classifyFetchError } from './classify-error.ts';
import { dialNameOf } from './guarded-lookup.ts';

/** What one request needs besides its URL. */
export interface SendOptions {
  headers: Record<string, string>;
  lookup: LookupFunction;
  /** Source address of the connection; undefined lets the system choose. */
  localAddress?: string | undefined;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** performance.now() value by which the whole exchange, body included, must be over. */
  deadline: number;
  signal?: AbortSignal | undefined;
}

/** A response whose body is still to be read; `release` stops the clocks and closes the socket. */
export interface SentRequest {
  res: IncomingMessage;
  release: () => void;
}

type RequestFn = (url: URL, options: RequestOptions) => ClientRequest;

/** Send a GET and wait for response headers; after that the deadline still destroys the body stream. */
export function sendRequest(request: RequestFn, url: URL, opts: SendOptions): Promise<SentRequest> {
  return new Promise((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    let res: IncomingMessage | null = null;
    let over = false;
    const release = (): void => {
      over = true;
      timers.forEach(clearTimeout);
      opts.signal?.removeEventListener('abort', onAbort);
      req.destroy();
    };
    const fail = (err: unknown): void => {
      if (over) return;
      const error = classifyFetchError(err, url.href);
      if (res) res.destroy(error); // readBody sees this error and rejects with it
      else reject(error);
      release();
    };
    const timeout = (what: string, ms: number): FetchError =>
      new FetchError('timeout', `${what} timed out after ${Math.round(ms)} ms (${url.host})`, { url: url.href, retryable: true });
    const onAbort = (): void =>
      fail(new FetchError('timeout', `aborted by the caller (${url.host})`, { url: url.href, retryable: true, cause: opts.signal?.reason }));

    const remaining = Math.max(0, opts.deadline - performance.now());
    const req = request(url, {
      method: 'GET',
      agent: false,
      hostname: dialNameOf(url),
      headers: opts.headers,
      lookup: opts.lookup,
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
    });
    req.on('error', fail);
    const startClock = (ms: number, what: string): NodeJS.Timeout => {
      const t = setTimeout(() => fail(timeout(what, ms)), ms);
      timers.push(t);
      return t;
    };
    startClock(remaining, 'request');
    const connectClock = startClock(Math.min(opts.connectTimeoutMs, remaining), 'connect');
    const headersClock = startClock(Math.min(opts.headersTimeoutMs, remaining), 'waiting for response headers');
    req.on('socket', (socket) => {
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => clearTimeout(connectClock));
    });
    req.on('response', (response) => {
      clearTimeout(headersClock);
      res = response;
      // readBody listens for errors it cares about; this keeps an unread body's abort from being unhandled.
      response.on('error', () => undefined);
      resolve({ res: response, release });
    });
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.end();
  });
}
