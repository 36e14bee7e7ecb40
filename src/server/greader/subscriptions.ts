// Subscriptions and folders: subscription/list, subscription/edit, subscription/quickadd, tag/list,
// unread-count, rename-tag and disable-tag.
import type { Context } from 'hono';
import { countStream } from '../../db/account-stream.ts';
import { addFeed, unlistFeed } from '../../db/feeds.ts';
import { deleteFolder, editSubscription, findSubscribedFeed, listFolders, listSubscriptions, renameFolder, subscribeAccount, unsubscribeAccount } from '../../db/subscriptions.ts';
import { feedStreamId, labelStreamId, parseStreamId, stateStreamId } from '../../domain/reader/stream-id.ts';
import { canonicalizeUrl } from '../../domain/url.ts';
import { ReaderReply, type ReaderContext } from '../reader-context.ts';
import type { ReaderAuth } from './auth.ts';

/** GET /reader/api/0/subscription/list. */
export async function subscriptionList(rc: ReaderContext, c: Context, auth: ReaderAuth): Promise<Response> {
  const subs = await listSubscriptions(rc.deps.db, auth.account.id);
  return c.json({
    subscriptions: subs.map((s) => ({
      id: feedStreamId(s.url),
      title: s.title,
      categories: s.folder ? [{ id: labelStreamId(s.folder), label: s.folder }] : [],
      sortid: String(s.feedId),
      firstitemmsec: String(s.createdAt.getTime()),
      url: s.url,
      htmlUrl: s.siteUrl ?? '',
      iconUrl: '',
    })),
  });
}

function labelName(tag: string | null): string | null {
  const stream = tag ? parseStreamId(tag) : null;
  return stream?.kind === 'label' ? stream.name : null;
}

/** The shared feed a `feed/<url>` stream id names, added when new (polled once however many accounts subscribe). */
async function feedForSubscribe(rc: ReaderContext, streamId: string): Promise<number> {
  const stream = parseStreamId(streamId);
  const url = stream?.kind === 'feed' ? canonicalizeUrl(stream.url) : null;
  if (!url) throw new ReaderReply(400, `not a feed/<http(s) URL> stream: ${streamId.slice(0, 200)}`);
  return (await addFeed(rc.deps.db, { url, inPublicFeed: false }, rc.deps.now())).feed.id;
}

async function subscribedFeed(rc: ReaderContext, auth: ReaderAuth, streamId: string): Promise<number> {
  const stream = parseStreamId(streamId);
  const ref = stream?.kind === 'feed' ? { url: canonicalizeUrl(stream.url) ?? stream.url } : stream?.kind === 'feed-id' ? { id: stream.feedId } : null;
  const feedId = ref ? await findSubscribedFeed(rc.deps.db, auth.account.id, ref) : null;
  if (feedId === null) throw new ReaderReply(404, `not subscribed: ${streamId.slice(0, 200)}`);
  return feedId;
}

/** POST /reader/api/0/subscription/edit: ac=subscribe|unsubscribe|edit, s (repeated), t, a, r. */
export async function subscriptionEdit(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const action = params.get('ac');
  const streams = params.getAll('s');
  if (streams.length === 0) throw new ReaderReply(400, 's (the feed stream) is required');
  const titles = params.getAll('t');
  const add = labelName(params.get('a'));
  const remove = labelName(params.get('r'));
  for (const [k, streamId] of streams.entries()) {
    const title = titles[k] ?? null;
    if (action === 'subscribe') {
      await subscribeAccount(rc.deps.db, auth.account.id, await feedForSubscribe(rc, streamId), { title, folder: add }, rc.deps.now());
    } else if (action === 'unsubscribe') {
      await unsubscribeAccount(rc.deps.db, auth.account.id, await subscribedFeed(rc, auth, streamId));
    } else if (action === 'edit') {
      const feedId = await subscribedFeed(rc, auth, streamId);
      await editSubscription(rc.deps.db, auth.account.id, feedId, {
        ...(title !== null ? { title } : {}),
        ...(add ? { folder: add } : remove ? { folder: null } : {}),
      });
    } else {
      throw new ReaderReply(400, 'ac must be subscribe, unsubscribe or edit');
    }
  }
  return c.text('OK');
}

/** POST /reader/api/0/subscription/quickadd: quickadd=<site or feed URL>, with autodiscovery when this process has it. */
export async function quickAdd(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const query = (params.get('quickadd') ?? '').replace(/^feed\//, '');
  let feed: { id: number; url: string; title: string | null } | null = null;
  let error = 'not an http(s) URL';
  if (rc.deps.subscribe) {
    const r = await rc.deps.subscribe(query, { folder: null, title: null });
    if (r.ok) {
      feed = r.feed;
      if (r.created) await unlistFeed(rc.deps.db, r.feed.id);
    } else error = r.error;
  } else {
    const url = canonicalizeUrl(query);
    if (url) feed = (await addFeed(rc.deps.db, { url, inPublicFeed: false }, rc.deps.now())).feed;
  }
  if (!feed) return c.json({ numResults: 0, query, error });
  await subscribeAccount(rc.deps.db, auth.account.id, feed.id, {}, rc.deps.now());
  return c.json({ numResults: 1, query, streamId: feedStreamId(feed.url), streamName: feed.title ?? feed.url });
}

/** GET /reader/api/0/tag/list. */
export async function tagList(rc: ReaderContext, c: Context, auth: ReaderAuth): Promise<Response> {
  const folders = await listFolders(rc.deps.db, auth.account.id);
  return c.json({
    tags: [{ id: stateStreamId('starred') }, ...folders.map((f) => ({ id: labelStreamId(f.name), type: 'folder' }))],
  });
}

/** GET /reader/api/0/unread-count: per feed, per folder and the reading list; a story counts once, under one feed. */
export async function unreadCount(rc: ReaderContext, c: Context, auth: ReaderAuth): Promise<Response> {
  const [counts, subs] = await Promise.all([countStream(rc.deps.db, auth.account.id), listSubscriptions(rc.deps.db, auth.account.id)]);
  const byFeed = new Map(counts.map((n) => [n.feedId, n]));
  const entries: { id: string; count: number; newestItemTimestampUsec: string }[] = [];
  const folders = new Map<string, { count: number; newest: bigint }>();
  let total = 0;
  let newestAll = 0n;
  for (const s of subs) {
    const n = byFeed.get(s.feedId);
    const count = n?.unread ?? 0;
    const newest = BigInt(n?.newestUsec ?? '0');
    entries.push({ id: feedStreamId(s.url), count, newestItemTimestampUsec: String(newest) });
    total += count;
    if (newest > newestAll) newestAll = newest;
    if (s.folder) {
      const f = folders.get(s.folder) ?? { count: 0, newest: 0n };
      f.count += count;
      if (newest > f.newest) f.newest = newest;
      folders.set(s.folder, f);
    }
  }
  for (const [name, f] of folders) entries.push({ id: labelStreamId(name), count: f.count, newestItemTimestampUsec: String(f.newest) });
  entries.push({ id: stateStreamId('reading-list'), count: total, newestItemTimestampUsec: String(newestAll) });
  return c.json({ max: total, unreadcounts: entries });
}

/** POST /reader/api/0/rename-tag: s (or t) the folder, dest the new name. */
export async function renameTag(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const from = labelName(params.get('s') ?? params.get('t'));
  const to = labelName(params.get('dest'));
  if (!from || !to) throw new ReaderReply(400, 's and dest must be user/-/label/<name>');
  if (!(await renameFolder(rc.deps.db, auth.account.id, from, to))) throw new ReaderReply(404, `no folder ${from}`);
  return c.text('OK');
}

/** POST /reader/api/0/disable-tag: s (or t) the folder; its feeds stay, outside any folder. */
export async function disableTag(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const name = labelName(params.get('s') ?? params.get('t'));
  if (!name) throw new ReaderReply(400, 's must be user/-/label/<name>');
  if (!(await deleteFolder(rc.deps.db, auth.account.id, name))) throw new ReaderReply(404, `no folder ${name}`);
  return c.text('OK');
}
