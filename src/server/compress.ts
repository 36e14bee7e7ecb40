// Response compression by Accept-Encoding (brotli, gzip; RFC 9110 §12.5.3 q-values) with Vary, for the
// documents subscribers fetch. node:zlib's asynchronous calls run on the thread pool, off the event loop.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Bodies smaller than this go out as they are: compressing them saves less than the headers cost. */
export const COMPRESS_MIN_BYTES = 1_024;
/** Brotli quality for responses: 5 gives most of the size gain of 11 at a small fraction of the CPU. */
export const BROTLI_QUALITY = 5;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /^(text\/|application\/(?:[\w.+-]*\+)?(?:xml|json)\b|image\/svg\+xml)/i;

type Coding = 'br' | 'gzip';

/** The coding to use for an Accept-Encoding value: the client's highest q among br and gzip, br on ties; null for identity. */
export function chooseEncoding(acceptEncoding: string | null | undefined): Coding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number.parseFloat(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const star = q.get('*') ?? 0;
  const qOf = (c: Coding) => q.get(c) ?? (c === 'gzip' ? (q.get('x-gzip') ?? star) : star);
  const best = (['br', 'gzip'] as const).filter((c) => qOf(c) > 0).sort((a, b) => qOf(b) - qOf(a))[0];
  return best ?? null;
}

function addVary(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(vary) && vary.trim() !== '*') headers.set('Vary', `${vary}, Accept-Encoding`);
}

/** Middleware: compress compressible 200 responses by Accept-Encoding; every such response carries Vary. */
export function compressResponses(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    // A 304 carries the Vary its 200 would (RFC 9110 §15.4.5), though it has no body or type.
    if (res.status === 304) addVary(res.headers);
    if (!COMPRESSIBLE.test(type) || res.headers.has('Content-Encoding')) return;
    addVary(res.headers);
    if (res.status !== 200 || !res.body || c.req.method === 'HEAD') return;
    const coding = chooseEncoding(c.req.header('accept-encoding'));
    if (!coding) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.length < COMPRESS_MIN_BYTES) {
      c.res = new Response(body, { status: res.status, headers });
      return;
    }
    const packed =
      coding === 'br'
        ? await brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : await gzip(body);
    headers.set('Content-Encoding', coding);
    headers.delete('Content-Length');
    c.res = new Response(packed, { status: res.status, headers });
  };
}
