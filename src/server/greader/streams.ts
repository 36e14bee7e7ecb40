// Reading streams: stream/contents, stream/items/ids, stream/items/contents and the Atom form /reader/atom.
import type { Context } from 'hono';
import { listStream, resolveVisibleStories, type StreamQuery, type StreamScope } from '../../db/account-stream.ts';
import { loadReaderItems } from '../../db/reader-items.ts';
import { findSubscribedFeed, listFolders } from '../../db/subscriptions.ts';
import { canonicalizeUrl } from '../../domain/url.ts';
import { parseItemId } from '../../domain/reader/item-id.ts';
import { readerItemJson, renderReaderAtom } from '../../domain/reader/greader-items.ts';
import { decodeContinuation, encodeContinuation, parseStreamId, toMicroseconds } from '../../domain/reader/stream-id.ts';
import type { ReaderItem } from '../../domain/reader/reader-item.ts';
import { READER_MAX_IDS, ReaderReply, type ReaderContext } from '../reader-context.ts';
import type { ReaderAuth } from './auth.ts';

/** Items per page when `n` is absent (Google Reader's default). */
export const STREAM_DEFAULT_ITEMS = 20;
/** Most items per stream/contents page; ids pages may hold up to READER_MAX_IDS. */
export const STREAM_MAX_ITEMS = 1000;

/** The stream a stream id names for this account, with the state filter it implies; 404 reply when it names nothing. */
export async function resolveStream(rc: ReaderContext, auth: ReaderAuth, raw: string): Promise<{ scope: StreamScope; only?: 'unread' }> {
  const stream = parseStreamId(raw);
  const accountId = auth.account.id;
  switch (stream?.kind) {
    case 'reading-list':
    case 'starred':
    case 'read':
      return { scope: { kind: stream.kind } };
    case 'kept-unread':
      return { scope: { kind: 'reading-list' }, only: 'unread' };
    case 'feed-id':
    case 'feed': {
      const ref = stream.kind === 'feed' ? { url: canonicalizeUrl(stream.url) ?? stream.url } : { id: stream.feedId };
      const feedId = await findSubscribedFeed(rc.deps.db, accountId, ref);
      if (feedId !== null) return { scope: { kind: 'feed', feedId } };
      break;
    }
    case 'label': {
      const folder = (await listFolders(rc.deps.db, accountId)).find((f) => f.name === stream.name);
      if (folder) return { scope: { kind: 'folder', folderId: folder.id } };
      break;
    }
  }
  throw new ReaderReply(404, `unknown stream: ${raw.slice(0, 200)}`);
}

function stateOf(target: string | null): 'read' | 'unread' | 'starred' | undefined {
  const state = target?.replace(/^user\/[^/]+\/state\/com\.google\//, '');
  if (state === 'read') return 'read';
  if (state === 'starred') return 'starred';
  if (state === 'kept-unread' || state === 'unread') return 'unread';
  return undefined;
}

function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new ReaderReply(400, `${name} must be a whole number`);
  return Math.min(Math.max(1, Number(raw)), max);
}

/** Read n, r, ot, nt, xt, it and c into a stream query. */
export async function readStreamQuery(rc: ReaderContext, auth: ReaderAuth, streamId: string, params: URLSearchParams, maxItems: number): Promise<StreamQuery> {
  const { scope, only } = await resolveStream(rc, auth, streamId);
  const query: StreamQuery = {
    scope,
    order: params.get('r') === 'o' ? 'oldest' : 'newest',
    limit: intParam(params, 'n', STREAM_DEFAULT_ITEMS, maxItems),
    only: stateOf(params.get('it')) ?? only,
    exclude: stateOf(params.get('xt')),
  };
  for (const [name, key] of [['ot', 'sinceUsec'], ['nt', 'untilUsec']] as const) {
    const raw = params.get(name);
    if (!raw) continue;
    const usec = toMicroseconds(raw);
    if (!usec) throw new ReaderReply(400, `${name} must be a Unix time`);
    query[key] = usec;
  }
  const c = params.get('c');
  if (c) {
    const after = decodeContinuation(c);
    if (!after) throw new ReaderReply(400, 'c is not a continuation this server gave');
    query.after = after;
  }
  return query;
}

/** One page: the items and the continuation to the next page (null at the end). */
async function readPage(rc: ReaderContext, auth: ReaderAuth, query: StreamQuery): Promise<{ items: ReaderItem[]; continuation: string | null }> {
  const refs = await listStream(rc.deps.db, auth.account.id, { ...query, limit: query.limit + 1 });
  const page = refs.slice(0, query.limit);
  const last = page[page.length - 1];
  const continuation = refs.length > query.limit && last ? encodeContinuation(last.crawledUsec, last.storyId) : null;
  return { items: await loadReaderItems(rc.deps.db, auth.account.id, page), continuation };
}

/** The stream id in the path after `prefix`, percent-decoded (apps send both `feed/http://…` and `feed%2Fhttp%3A…`). */
export function streamIdFromPath(c: Context, prefix: string): string {
  const path = new URL(c.req.url).pathname;
  const rest = path.slice(path.indexOf(prefix) + prefix.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    throw new ReaderReply(400, 'malformed stream id');
  }
}

function streamResponse(c: Context, streamId: string, page: { items: ReaderItem[]; continuation: string | null }, now: Date): Response {
  return c.json({
    direction: 'ltr',
    id: streamId,
    title: streamId,
    self: [{ href: c.req.url }],
    updated: Math.floor(now.getTime() / 1000),
    items: page.items.map(readerItemJson),
    ...(page.continuation ? { continuation: page.continuation } : {}),
  });
}

/** GET /reader/api/0/stream/contents/<stream> (or ?s=). */
export async function streamContents(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const streamId = streamIdFromPath(c, '/stream/contents/') || params.get('s') || 'user/-/state/com.google/reading-list';
  const query = await readStreamQuery(rc, auth, streamId, params, STREAM_MAX_ITEMS);
  return streamResponse(c, streamId, await readPage(rc, auth, query), rc.deps.now());
}

/** GET /reader/api/0/stream/items/ids?s=<stream>. */
export async function streamItemIds(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const streamId = params.get('s');
  if (!streamId) throw new ReaderReply(400, 's (the stream id) is required');
  const query = await readStreamQuery(rc, auth, streamId, params, READER_MAX_IDS);
  const refs = await listStream(rc.deps.db, auth.account.id, { ...query, limit: query.limit + 1 });
  const page = refs.slice(0, query.limit);
  const last = page[page.length - 1];
  return c.json({
    itemRefs: page.map((r) => ({ id: String(r.storyId), directStreamIds: [], timestampUsec: r.crawledUsec })),
    ...(refs.length > query.limit && last ? { continuation: encodeContinuation(last.crawledUsec, last.storyId) } : {}),
  });
}

/** The live story ids the request's `i` parameters name; 400 for a malformed id, 404 when any is not the account's. */
export async function readItemIds(rc: ReaderContext, auth: ReaderAuth, params: URLSearchParams): Promise<number[]> {
  const raw = params.getAll('i');
  if (raw.length === 0) throw new ReaderReply(400, 'i (item ids) is required');
  if (raw.length > READER_MAX_IDS) throw new ReaderReply(413, `at most ${READER_MAX_IDS} item ids per request`);
  const ids = raw.map(parseItemId);
  const bad = raw.filter((_, k) => ids[k] === null);
  if (bad.length) throw new ReaderReply(400, `not an item id: ${bad.slice(0, 3).join(', ').slice(0, 200)}`);
  const visible = await resolveVisibleStories(rc.deps.db, auth.account.id, ids as number[]);
  const unknown = (ids as number[]).filter((id) => !visible.has(id));
  if (unknown.length) throw new ReaderReply(404, `unknown item ids: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  return [...new Set((ids as number[]).map((id) => visible.get(id)!))];
}

/** POST /reader/api/0/stream/items/contents with repeated `i`. */
export async function streamItemContents(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const storyIds = await readItemIds(rc, auth, params);
  const order = params.get('r') === 'o' ? 'oldest' : 'newest';
  const refs = await listStream(rc.deps.db, auth.account.id, { scope: { kind: 'reading-list' }, storyIds, order, limit: storyIds.length });
  const items = await loadReaderItems(rc.deps.db, auth.account.id, refs);
  return streamResponse(c, 'user/-/state/com.google/reading-list', { items, continuation: null }, rc.deps.now());
}

/** GET /reader/atom/<stream>: the stream as Atom (newsboat's FeedHQ backend reads feeds this way). */
export async function streamAtom(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const streamId = streamIdFromPath(c, '/reader/atom/') || 'user/-/state/com.google/reading-list';
  const query = await readStreamQuery(rc, auth, streamId, params, STREAM_MAX_ITEMS);
  const page = await readPage(rc, auth, query);
  const title = page.items[0] && query.scope.kind === 'feed' ? page.items[0].feedTitle : streamId;
  const body = renderReaderAtom({ streamId, title, selfUrl: c.req.url, updated: rc.deps.now(), continuation: page.continuation }, page.items);
  return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'private, no-store' });
}
