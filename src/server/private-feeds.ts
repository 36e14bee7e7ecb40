// Private merged feeds: an account's stories, folded the same way over its own subscriptions, as RSS,
// Atom and JSON Feed at /private/<token>/feed.{xml,atom,json}; the token is revocable (`feedfold users revoke`).
import type { Hono } from 'hono';
import { listStream } from '../db/account-stream.ts';
import { resolveToken } from '../db/account-tokens.ts';
import { getStoriesById } from '../db/story-reads.ts';
import { sharedLanguage, type FeedMeta } from '../domain/render/story-view.ts';
import { FEED_FORMATS, installationIdReader } from './feeds.ts';
import { failWith } from './problem.ts';
import type { ReaderContext } from './reader-context.ts';

/** Register /private/:token/feed.xml, .atom and .json. */
export function registerPrivateFeeds(app: Hono, rc: ReaderContext): void {
  const installationId = installationIdReader(rc.deps);
  for (const [path, format] of Object.entries(FEED_FORMATS)) {
    app.get(`/private/:token${path}`, async (c) => {
      const token = c.req.param('token');
      const found = await resolveToken(rc.deps.db, token, 'private-feed', rc.deps.now());
      // The same answer for a wrong, revoked or malformed token: nothing tells them apart.
      if (!found) failWith(404, 'no such feed');
      const refs = await listStream(rc.deps.db, found.accountId, { scope: { kind: 'reading-list' }, order: 'newest', limit: rc.deps.config.feedPageSize });
      const stories = await getStoriesById(rc.deps.db, refs.map((r) => r.storyId));
      const base = rc.deps.config.publicUrl;
      const meta: FeedMeta = {
        title: 'feedfold: my merged feed',
        description: 'One entry per story of my subscriptions, with every source that reported it.',
        homeUrl: `${base}/`,
        selfUrl: `${base}/private/${token}${path}`,
        firstUrl: null,
        nextUrl: null,
        prevUrl: null,
        hubUrl: null,
        updatedAt: stories.reduce((t, s) => (s.updatedAt > t ? s.updatedAt : t), new Date(0)),
        installationId: await installationId(),
        language: sharedLanguage(stories),
        feedKey: `account/${found.accountId}`,
      };
      return c.body(format.render(meta, stories), 200, { 'Content-Type': format.type, 'Cache-Control': 'private, max-age=60' });
    });
  }
}
