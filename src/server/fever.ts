// The Fever API at /fever/?api, for the apps that speak only Fever: always HTTP 200 with api_version and
// auth; api_key = md5(name:password), kept per account apart from the password hash. Item ids are story
// ids, group ids folder ids, feed ids feed ids; one item per story, as in every stream.
import type { Context, Hono } from 'hono';
import { countStream, listStream, listStreamIds, markStreamRead, resolveVisibleStories, setStoryStates, type StreamScope } from '../db/account-stream.ts';
import { findAccountByFeverKey, type Account } from '../db/accounts.ts';
import { loadReaderItems } from '../db/reader-items.ts';
import { listFolders, listSubscriptions, type Subscription } from '../db/subscriptions.ts';
import { renderReaderItemHtml } from '../domain/reader/reader-item.ts';
import { clientAddress } from './login-limiter.ts';
import { readerBodyLimit, readParams, type ReaderContext } from './reader-context.ts';

/** Items per `items` page: the Fever protocol's own page size. */
export const FEVER_PAGE_ITEMS = 50;
/** The one favicon feedfold offers (a transparent 1×1 GIF), so apps that require one get one. */
const FAVICON = { id: 1, data: 'image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' };

type Reply = Record<string, unknown>;

function feedsGroups(subs: Subscription[]): { group_id: number; feed_ids: string }[] {
  const byFolder = new Map<number, number[]>();
  for (const s of subs) if (s.folderId !== null) byFolder.set(s.folderId, [...(byFolder.get(s.folderId) ?? []), s.feedId]);
  return [...byFolder].map(([group_id, ids]) => ({ group_id, feed_ids: ids.join(',') }));
}

const seconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : 0);

async function items(rc: ReaderContext, account: Account, params: URLSearchParams): Promise<Reply> {
  const idList = (name: string) => (params.get(name) ?? '').split(',').filter((x) => /^\d{1,15}$/.test(x)).map(Number);
  const withIds = idList('with_ids').slice(0, FEVER_PAGE_ITEMS);
  const since = Number(params.get('since_id'));
  const max = Number(params.get('max_id'));
  const base = { scope: { kind: 'reading-list' } as StreamScope, limit: FEVER_PAGE_ITEMS };
  const refs = params.has('with_ids')
    ? await listStream(rc.deps.db, account.id, { ...base, order: 'id-asc', storyIds: withIds })
    : params.has('max_id') && max > 0
      ? await listStream(rc.deps.db, account.id, { ...base, order: 'id-desc', belowId: max })
      : await listStream(rc.deps.db, account.id, { ...base, order: 'id-asc', aboveId: Number.isSafeInteger(since) && since > 0 ? since : 0 });
  const loaded = await loadReaderItems(rc.deps.db, account.id, refs);
  const total = (await countStream(rc.deps.db, account.id)).reduce((n, f) => n + f.total, 0);
  return {
    total_items: total,
    items: loaded.map((i) => ({
      id: i.storyId,
      feed_id: i.feedId,
      title: i.title,
      author: i.author ?? '',
      html: renderReaderItemHtml(i),
      url: i.url ?? '',
      is_saved: i.starred ? 1 : 0,
      is_read: i.read ? 1 : 0,
      created_on_time: i.publishedAt ? seconds(i.publishedAt) : Math.floor(Number(BigInt(i.crawledUsec) / 1_000_000n)),
    })),
  };
}

/** mark=item|feed|group with as and before; the lists that changed come back, as Fever answers. */
async function mark(rc: ReaderContext, account: Account, params: URLSearchParams): Promise<Reply> {
  const what = params.get('mark');
  const as = params.get('as');
  const id = Number(params.get('id'));
  if (!Number.isSafeInteger(id)) return { error: 'id must be a number' };
  if (what === 'item') {
    const visible = await resolveVisibleStories(rc.deps.db, account.id, [id]);
    const storyId = visible.get(id);
    if (storyId === undefined) return { error: 'unknown item' };
    const change = as === 'read' ? { read: true } : as === 'unread' ? { read: false } : as === 'saved' ? { starred: true } : as === 'unsaved' ? { starred: false } : null;
    if (!change) return { error: 'as must be read, unread, saved or unsaved' };
    await setStoryStates(rc.deps.db, account.id, [storyId], change, rc.deps.now());
    return 'starred' in change
      ? { saved_item_ids: (await listStreamIds(rc.deps.db, account.id, 'starred')).join(',') }
      : { unread_item_ids: (await listStreamIds(rc.deps.db, account.id, 'unread')).join(',') };
  }
  if ((what === 'feed' || what === 'group') && as === 'read') {
    const before = Number(params.get('before'));
    const beforeUsec = Number.isSafeInteger(before) && before > 0 ? String(BigInt(before) * 1_000_000n) : String(BigInt(rc.deps.now().getTime()) * 1000n);
    let scope: StreamScope | null = null;
    if (what === 'group' && id <= 0) scope = { kind: 'reading-list' };
    else if (what === 'group' && (await listFolders(rc.deps.db, account.id)).some((f) => f.id === id)) scope = { kind: 'folder', folderId: id };
    else if (what === 'feed' && (await listSubscriptions(rc.deps.db, account.id)).some((s) => s.feedId === id)) scope = { kind: 'feed', feedId: id };
    if (!scope) return { error: `unknown ${what}` };
    await markStreamRead(rc.deps.db, account.id, scope, { beforeUsec }, rc.deps.now());
    return { unread_item_ids: (await listStreamIds(rc.deps.db, account.id, 'unread')).join(',') };
  }
  return { error: 'mark must be item (as read, unread, saved, unsaved), or feed or group (as read)' };
}

async function answer(rc: ReaderContext, c: Context): Promise<Response> {
  const params = await readParams(c);
  const address = clientAddress(c);
  const now = rc.deps.now().getTime();
  const reply: Reply = { api_version: 3, auth: 0 };
  // Fever sends no account name: failures count against the address (twice, as address and as its own name).
  const key = params.get('api_key') ?? '';
  if (await rc.limiter.blocked(address, `fever:${address}`, now)) return c.json({ ...reply, error: 'too many failed attempts' });
  const account = /^[0-9a-fA-F]{32}$/.test(key) ? await findAccountByFeverKey(rc.deps.db, key) : null;
  if (!account) {
    await rc.limiter.fail(address, `fever:${address}`, now);
    return c.json(reply);
  }
  reply.auth = 1;
  reply.last_refreshed_on_time = Math.floor(now / 1000);
  const has = (name: string) => params.has(name);
  if (has('groups') || has('feeds')) {
    const subs = await listSubscriptions(rc.deps.db, account.id);
    if (has('groups')) reply.groups = (await listFolders(rc.deps.db, account.id)).map((f) => ({ id: f.id, title: f.name }));
    if (has('feeds')) {
      reply.feeds = subs.map((s) => ({ id: s.feedId, favicon_id: FAVICON.id, title: s.title, url: s.url, site_url: s.siteUrl ?? '', is_spark: 0, last_updated_on_time: seconds(s.createdAt) }));
    }
    reply.feeds_groups = feedsGroups(subs);
  }
  if (has('favicons')) reply.favicons = [FAVICON];
  if (has('items')) Object.assign(reply, await items(rc, account, params));
  if (has('unread_item_ids')) reply.unread_item_ids = (await listStreamIds(rc.deps.db, account.id, 'unread')).join(',');
  if (has('saved_item_ids')) reply.saved_item_ids = (await listStreamIds(rc.deps.db, account.id, 'starred')).join(',');
  if (has('mark')) Object.assign(reply, await mark(rc, account, params));
  return c.json(reply);
}

/** Register /fever/ (and /fever) for GET and POST. */
export function registerFeverRoutes(app: Hono, rc: ReaderContext): void {
  app.use('/fever/*', readerBodyLimit());
  for (const path of ['/fever', '/fever/']) app.on(['GET', 'POST'], path, (c) => answer(rc, c));
}
