// The Google Reader API at the server's root, as FreshRSS and Miniflux serve it (docs/reader-apps.md).
import type { Context, Hono } from 'hono';
import { readerBodyLimit, readerHandler, readParams, type ReaderContext } from '../reader-context.ts';
import { actionToken, authenticate, checkActionToken, clientLogin, userInfo, type ReaderAuth } from './auth.ts';
import { editTag, markAllAsRead } from './edits.ts';
import { streamAtom, streamContents, streamItemContents, streamItemIds } from './streams.ts';
import { disableTag, quickAdd, renameTag, subscriptionEdit, subscriptionList, tagList, unreadCount } from './subscriptions.ts';

type Endpoint = (rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams) => Promise<Response> | Response;

const API = '/reader/api/0';

/** Read endpoints (GET or POST) and write endpoints (POST with a T token). */
const READS: Record<string, Endpoint> = {
  '/token': (_rc, c, auth) => actionToken(c, auth),
  '/user-info': (_rc, c, auth) => userInfo(c, auth),
  '/subscription/list': (rc, c, auth) => subscriptionList(rc, c, auth),
  '/tag/list': (rc, c, auth) => tagList(rc, c, auth),
  '/unread-count': (rc, c, auth) => unreadCount(rc, c, auth),
  '/stream/contents': streamContents,
  '/stream/contents/*': streamContents,
  '/stream/items/ids': streamItemIds,
  '/stream/items/contents': streamItemContents,
};
const WRITES: Record<string, Endpoint> = {
  '/edit-tag': editTag,
  '/mark-all-as-read': markAllAsRead,
  '/subscription/edit': subscriptionEdit,
  '/subscription/quickadd': quickAdd,
  '/rename-tag': renameTag,
  '/disable-tag': disableTag,
};

function route(rc: ReaderContext, endpoint: Endpoint, write: boolean) {
  return readerHandler(async (c) => {
    const auth = await authenticate(rc, c);
    const params = await readParams(c);
    if (write) checkActionToken(auth, params);
    return endpoint(rc, c, auth, params);
  });
}

/** Register /accounts/ClientLogin, /reader/api/0/… and /reader/atom/…. */
export function registerGoogleReaderRoutes(app: Hono, rc: ReaderContext): void {
  app.use('/accounts/*', readerBodyLimit());
  app.use(`${API}/*`, readerBodyLimit());
  app.on(['GET', 'POST'], '/accounts/ClientLogin', readerHandler((c) => clientLogin(rc, c)));
  for (const [path, endpoint] of Object.entries(READS)) app.on(['GET', 'POST'], API + path, route(rc, endpoint, false));
  for (const [path, endpoint] of Object.entries(WRITES)) app.post(API + path, route(rc, endpoint, true));
  app.get('/reader/atom/*', route(rc, streamAtom, false));
}
