// Reads a response body through a streaming decompressor, counting bytes on both sides, and stops the
// moment either count passes the limit: a gzip bomb costs at most one zlib chunk past maxBytes.
import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../errors.ts';
import { classifyFetchError } from './classify-error.ts';

const SUPPORTED = new Set(['', 'identity', 'gzip', 'x-gzip', 'deflate', 'br']);

/**
 * A streaming decoder for a Content-Encoding, chosen once the first body bytes are known; null for identity.
 * "deflate" should be zlib-wrapped, but some servers send raw deflate: the header decides.
 */
export function createDecoder(contentEncoding: string, firstChunk: Buffer): Transform | null {
  // Flush on truncated input instead of failing, like browsers do with a body cut short.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (contentEncoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(lenient);
    case 'deflate':
      return hasZlibHeader(firstChunk) ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

/** RFC 1950: CM = 8 and the first two bytes, read big-endian, are a multiple of 31. */
function hasZlibHeader(chunk: Buffer): boolean {
  const [cmf = 0, flg = 0] = chunk;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

/** The whole decoded body of `res`, or a FetchError ('too_large', 'protocol', 'connect') as soon as one applies. */
export function readBody(res: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let decoder: Transform | null = null;
    let settled = false;
    const settle = (err: unknown, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      if (err) {
        res.destroy();
        decoder?.destroy();
        reject(err);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const tooLarge = (): FetchError =>
      new FetchError('too_large', `body exceeds ${maxBytes} bytes`, { url, retryable: false });
    const collect = (output: Readable): void => {
      output.on('data', (chunk: Buffer) => {
        decoded += chunk.length;
        if (decoded > maxBytes) return settle(tooLarge());
        chunks.push(chunk);
      });
      output.on('end', () => settle(null, Buffer.concat(chunks)));
    };

    if (!SUPPORTED.has(encoding)) {
      return settle(new FetchError('protocol', `unsupported Content-Encoding "${encoding}"`, { url }));
    }
    res.on('error', (err) => settle(classifyFetchError(err, url)));
    res.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > maxBytes) settle(tooLarge());
    });
    if (encoding === '' || encoding === 'identity') return collect(res);
    res.once('data', (first: Buffer) => {
      decoder = createDecoder(encoding, first);
      if (!decoder) return;
      decoder.on('error', (err) =>
        settle(new FetchError('protocol', `cannot decode ${encoding} body: ${err.message}`, { url, cause: err })),
      );
      collect(decoder);
      decoder.write(first);
      res.pipe(decoder);
    });
    // An empty body (even one labelled gzip) never reaches the 'data' handler above.
    res.once('end', () => raw === 0 && settle(null, Buffer.alloc(0)));
  });
}
