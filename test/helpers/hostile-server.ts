// A misbehaving web server for tests: slow, silent, huge, compressed, looping and private-redirecting
// answers on 127.0.0.1 and a random port. Any test that fetches over HTTP can start one:
//
//   const server = await startHostileServer();
//   await fetchUrl(server.url('/ok.xml'), opts);
//   expect(server.hits('/ok.xml')).toBe(1);
//   await server.close();
//
// Routes (hits are counted per path, query string ignored):
//   /ok.xml                 valid RSS 2.0 with ETag + Last-Modified; conditional GET answers 304
//   /encoded/:enc           /ok.xml body sent with Content-Encoding gzip | deflate | br; deflate-raw sends
//                           "deflate" without its zlib header, as some servers do
//   /bad-gzip               Content-Encoding gzip on bytes that are not gzip
//   /windows-1251.xml       RSS in windows-1251 with Cyrillic titles, charset only in the XML declaration
//   /malformed.xml          broken XML served as RSS
//   /not-xml                binary bytes as application/octet-stream
//   /slow-drip              200 headers, then one byte per second forever
//   /no-headers             accepts the connection and never answers
//   /gzip-bomb              ~130 KB of gzip that inflates to 128 MiB of zeros
//   /huge                   Content-Length 1 GiB, streams zeros
//   /huge-chunked           no Content-Length, streams zeros forever
//   /moved                  301 to /ok.xml
//   /redirect-loop          302 to /redirect-loop/b, which 302s back to /redirect-loop
//   /redirect-chain/:n      n hops of /redirect-chain/n-1 down to /redirect-chain/0, which serves /ok.xml;
//                           ?code=301 (any 3xx) sets the status of every hop, default 302
//   /redirect?to=URL&code=  one redirect to any URL (default code 302)
//   /redirect-no-location   302 without a Location header
//   /redirect-to-private    302 to http://10.0.0.1/
//   /status/:code           that status with a short text body; Retry-After: 120 on 429 and 503
//   /reset                  destroys the socket without answering
//   /truncated              Content-Length 1000, sends 10 bytes and closes
//   /echo-headers           the request headers as JSON
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';

/** A running hostile server. */
export interface HostileServer {
  /** Absolute URL of a path on this server, e.g. url('/ok.xml'). */
  url(path: string): string;
  /** Stops the server, ending every open connection (slow-drip, no-headers …). */
  close(): Promise<void>;
  /** How many requests reached a path (query ignored). */
  hits(path: string): number;
}

const FIXTURES = new URL('../fixtures/http/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

/** Validators of /ok.xml. */
export const OK_ETAG = '"gazette-v1"';
export const OK_LAST_MODIFIED = 'Tue, 03 Nov 2026 14:05:00 GMT';
/** Size /gzip-bomb inflates to. */
export const GZIP_BOMB_INFLATED_BYTES = 128 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse, match: RegExpMatchArray, query: URLSearchParams) => void;

/** Start a hostile server on 127.0.0.1 and a free port. */
export async function startHostileServer(): Promise<HostileServer> {
  // Built before listening: built on the first request, it can outlast a test's 1 s header limit on a busy machine.
  await buildGzipBomb();
  const hitCounts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const routes = buildRoutes();
  const server = http.createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://localhost');
    hitCounts.set(parsed.pathname, (hitCounts.get(parsed.pathname) ?? 0) + 1);
    for (const [pattern, handle] of routes) {
      const match = pattern.exec(parsed.pathname);
      if (match) return handle(req, res, match, parsed.searchParams);
    }
    sendText(res, 404, 'not found');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hitCounts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function buildRoutes(): [RegExp, Handler][] {
  const okFeed = fixture('ok.xml');
  return [
    [/^\/ok\.xml$/, (req, res) => sendOkFeed(req, res, okFeed)],
    [/^\/encoded\/(gzip|deflate|deflate-raw|br)$/, (_req, res, m) => sendEncoded(res, okFeed, m[1] ?? '')],
    [/^\/bad-gzip$/, (_req, res) => sendBody(res, 200, 'text/xml', Buffer.from('<rss>plain</rss>'), { 'content-encoding': 'gzip' })],
    [/^\/windows-1251\.xml$/, (_req, res) => sendBody(res, 200, 'application/rss+xml', fixture('windows-1251.xml'))],
    [/^\/malformed\.xml$/, (_req, res) => sendBody(res, 200, 'application/rss+xml; charset=utf-8', fixture('malformed.xml'))],
    [/^\/not-xml$/, (_req, res) => sendBody(res, 200, 'application/octet-stream', binaryBytes())],
    [/^\/slow-drip$/, (_req, res) => sendSlowDrip(res)],
    [/^\/no-headers$/, () => undefined],
    [/^\/gzip-bomb$/, (_req, res) => void sendGzipBomb(res)],
    [/^\/huge$/, (_req, res) => streamZeros(res, { 'content-length': String(1024 ** 3) }, 1024 ** 3)],
    [/^\/huge-chunked$/, (_req, res) => streamZeros(res, {}, Infinity)],
    [/^\/moved$/, (_req, res) => redirect(res, 301, '/ok.xml')],
    [/^\/redirect-loop$/, (_req, res) => redirect(res, 302, '/redirect-loop/b')],
    [/^\/redirect-loop\/b$/, (_req, res) => redirect(res, 302, '/redirect-loop')],
    [/^\/redirect-chain\/(\d+)$/, (req, res, m, q) => sendChainHop(req, res, Number(m[1]), q, okFeed)],
    [/^\/redirect$/, (_req, res, _m, q) => redirect(res, Number(q.get('code') ?? 302), q.get('to') ?? '/ok.xml')],
    [/^\/redirect-no-location$/, (_req, res) => sendText(res, 302, 'moved, but where?')],
    [/^\/redirect-to-private$/, (_req, res) => redirect(res, 302, 'http://10.0.0.1/')],
    [/^\/status\/(\d{3})$/, (_req, res, m) => sendStatus(res, Number(m[1]))],
    [/^\/reset$/, (req) => req.socket.destroy()],
    [/^\/truncated$/, (_req, res) => sendTruncated(res)],
    [/^\/echo-headers$/, (req, res) => sendBody(res, 200, 'application/json', Buffer.from(JSON.stringify(req.headers)))],
  ];
}

function sendBody(res: ServerResponse, status: number, contentType: string, body: Buffer, extra: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length, ...extra });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string, extra: http.OutgoingHttpHeaders = {}): void {
  sendBody(res, status, 'text/plain; charset=utf-8', Buffer.from(text), extra);
}

function sendOkFeed(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  const validators = { etag: OK_ETAG, 'last-modified': OK_LAST_MODIFIED, 'cache-control': 'max-age=300' };
  if (isNotModified(req)) {
    res.writeHead(304, validators);
    res.end();
    return;
  }
  sendBody(res, 200, 'application/rss+xml; charset=utf-8', body, validators);
}

/** RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only counts without it. */
function isNotModified(req: IncomingMessage): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === OK_ETAG || tag.trim() === '*');
  }
  const ims = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(ims) && ims >= Date.parse(OK_LAST_MODIFIED);
}

const ENCODERS: Record<string, [string, (b: Buffer) => Buffer]> = {
  gzip: ['gzip', zlib.gzipSync],
  deflate: ['deflate', zlib.deflateSync],
  'deflate-raw': ['deflate', zlib.deflateRawSync],
  br: ['br', zlib.brotliCompressSync],
};

function sendEncoded(res: ServerResponse, body: Buffer, name: string): void {
  const [encoding, encode] = ENCODERS[name] ?? ['identity', (b: Buffer) => b];
  sendBody(res, 200, 'application/rss+xml; charset=utf-8', encode(body), { 'content-encoding': encoding, vary: 'accept-encoding' });
}

function sendChainHop(req: IncomingMessage, res: ServerResponse, n: number, query: URLSearchParams, okFeed: Buffer): void {
  if (n <= 0) return sendOkFeed(req, res, okFeed);
  const code = query.get('code');
  redirect(res, Number(code ?? 302), `/redirect-chain/${n - 1}${code ? `?code=${code}` : ''}`);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  sendText(res, status, `see ${location}`, { location });
}

function sendStatus(res: ServerResponse, status: number): void {
  const extra = status === 429 || status === 503 ? { 'retry-after': '120' } : {};
  sendText(res, status, `status ${status}`, extra);
}

function sendSlowDrip(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<');
  const timer = setInterval(() => res.write(' '), 1000);
  res.on('close', () => clearInterval(timer));
}

function sendTruncated(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 1000 });
  res.write('0123456789', () => res.socket?.destroy());
}

/** Write zeros until `total` bytes are sent or the client goes away, honouring backpressure. */
function streamZeros(res: ServerResponse, headers: http.OutgoingHttpHeaders, total: number): void {
  const chunk = Buffer.alloc(64 * 1024);
  let sent = 0;
  res.writeHead(200, { 'content-type': 'application/octet-stream', ...headers });
  const pump = (): void => {
    while (!res.destroyed && sent < total) {
      const piece = total - sent < chunk.length ? chunk.subarray(0, total - sent) : chunk;
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

let gzipBomb: Promise<Buffer> | null = null;

/** Built once per process by streaming zeros through gzip, so 128 MiB is never held in memory. */
function buildGzipBomb(): Promise<Buffer> {
  gzipBomb ??= new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({ level: 9 });
    const out: Buffer[] = [];
    gzip.on('data', (c: Buffer) => out.push(c));
    gzip.on('end', () => resolve(Buffer.concat(out)));
    gzip.on('error', reject);
    const zeros = Buffer.alloc(1024 * 1024);
    let left = GZIP_BOMB_INFLATED_BYTES / zeros.length;
    const pump = (): void => {
      while (left > 0) {
        left--;
        if (!gzip.write(zeros)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    pump();
  });
  return gzipBomb;
}

async function sendGzipBomb(res: ServerResponse): Promise<void> {
  const body = await buildGzipBomb();
  if (!res.destroyed) sendBody(res, 200, 'application/rss+xml', body, { 'content-encoding': 'gzip' });
}

function binaryBytes(): Buffer {
  const bytes = Buffer.alloc(1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) & 0xff;
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}
