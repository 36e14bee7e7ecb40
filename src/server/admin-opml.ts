// OPML import and export through the admin API: titles and folders kept both ways.
import type { Hono } from 'hono';
import { addFeed, listFeeds } from '../db/feeds.ts';
import { readOpml, writeOpml } from '../domain/opml.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import { LimitError, ParseError } from '../errors.ts';
import type { ServerDeps } from './deps.ts';
import { failWith } from './problem.ts';

const OPML_TYPES = /^(text\/x-opml|application\/xml|text\/xml|application\/x-opml|application\/opml\+xml)\b/i;

/** Result of importing one OPML document. */
export interface OpmlImportResult {
  added: number;
  existing: number;
  invalid: { url: string; reason: string }[];
}

/** Register GET and POST /api/opml. */
export function registerOpmlRoutes(app: Hono, deps: ServerDeps): void {
  app.get('/api/opml', async (c) => {
    const rows = await listFeeds(deps.db);
    const opml = writeOpml(rows.map((f) => ({ url: f.url, title: f.title, htmlUrl: f.siteUrl, folder: f.folder, language: f.language })), 'feedfold subscriptions');
    return c.body(opml, 200, { 'Content-Type': 'text/x-opml; charset=utf-8', 'Content-Disposition': 'attachment; filename="feedfold.opml"' });
  });
  app.post(
    '/api/opml',
    async (c) => {
      if (!OPML_TYPES.test(c.req.header('content-type') ?? '')) failWith(415, 'send the OPML as text/x-opml or application/xml');
      let feeds;
      try {
        feeds = readOpml(await c.req.text(), deps.config.opmlMaxFeeds);
      } catch (err) {
        if (err instanceof ParseError) failWith(400, `not an OPML document: ${err.message}`);
        if (err instanceof LimitError) failWith(413, err.message);
        throw err;
      }
      const result: OpmlImportResult = { added: 0, existing: 0, invalid: [] };
      for (const f of feeds) {
        const url = canonicalizeUrl(f.url);
        if (!url) {
          result.invalid.push({ url: f.url, reason: 'not an http(s) URL' });
          continue;
        }
        const { created } = await addFeed(deps.db, { url, title: f.title, folder: f.folder, siteUrl: f.htmlUrl }, deps.now());
        if (created) result.added += 1;
        else result.existing += 1;
      }
      return c.json(result, result.added ? 201 : 200);
    },
  );
}
