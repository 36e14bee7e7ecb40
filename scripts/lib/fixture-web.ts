// Serves the fixture web (test/fixtures/web) on loopback, for tests and `npm run demo`.
// Files are served with {{base}} replaced by the server's own address, with ETag and
// Last-Modified so conditional GET can be exercised.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtureWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
};

/** A running fixture web. */
export interface FixtureWeb {
  base: string;
  url(p: string): string;
  hits(p: string): number;
  /** Replace a file's body for the rest of this server's life (to simulate a feed update). */
  override(p: string, body: string | null): void;
  close(): Promise<void>;
}

/** Start the fixture web on 127.0.0.1 (port 0 = any free port); `delayMs` holds every answer that long (work stays in flight). */
export async function startFixtureWeb(opts: { root?: string; port?: number; delayMs?: number } = {}): Promise<FixtureWeb> {
  const root = opts.root ?? fixtureWebRoot;
  const counts = new Map<string, number>();
  const overrides = new Map<string, string | null>();
  let base = '';
  const server = http.createServer((req, res) => {
    if (opts.delayMs) setTimeout(() => answer(req, res), opts.delayMs);
    else answer(req, res);
  });
  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (res.destroyed) return;
    const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    counts.set(urlPath, (counts.get(urlPath) ?? 0) + 1);
    const file = path.join(root, path.normalize(urlPath));
    let body: string | null = overrides.has(urlPath) ? (overrides.get(urlPath) ?? null) : null;
    if (body === null && !overrides.has(urlPath) && file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      body = fs.readFileSync(file, 'utf8');
    }
    if (body === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const bytes = Buffer.from(body.replaceAll('{{base}}', base), 'utf8');
    const etag = `"${crypto.createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      ETag: etag,
      'Last-Modified': new Date('2026-11-24T12:00:00Z').toUTCString(),
      'Content-Length': bytes.length,
    });
    res.end(bytes);
  };
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (p) => `${base}${p.startsWith('/') ? p : `/${p}`}`,
    hits: (p) => counts.get(p) ?? 0,
    override: (p, b) => overrides.set(p, b),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
