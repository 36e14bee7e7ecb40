// Changing state: edit-tag (read, kept-unread, starred) and mark-all-as-read.
import type { Context } from 'hono';
import { markStreamRead, setStoryStates } from '../../db/account-stream.ts';
import { toMicroseconds } from '../../domain/reader/stream-id.ts';
import { ReaderReply, type ReaderContext } from '../reader-context.ts';
import type { ReaderAuth } from './auth.ts';
import { readItemIds, resolveStream } from './streams.ts';

/** The state change a set of `a` (add) and `r` (remove) tags asks for; tags feedfold does not keep are ignored. */
export function stateChangeOf(add: string[], remove: string[]): { read?: boolean; starred?: boolean } {
  const change: { read?: boolean; starred?: boolean } = {};
  const state = (tag: string) => tag.replace(/^user\/[^/]+\/state\/com\.google\//, '');
  for (const tag of add.map(state)) {
    if (tag === 'read') change.read = true;
    if (tag === 'kept-unread') change.read = false;
    if (tag === 'starred') change.starred = true;
  }
  for (const tag of remove.map(state)) {
    if (tag === 'read' && change.read === undefined) change.read = false;
    if (tag === 'kept-unread' && change.read === undefined) change.read = true;
    if (tag === 'starred') change.starred = false;
  }
  return change;
}

/** POST /reader/api/0/edit-tag: i (repeated), a and r (repeated). All ids are checked before anything changes. */
export async function editTag(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const storyIds = await readItemIds(rc, auth, params);
  const change = stateChangeOf(params.getAll('a'), params.getAll('r'));
  await rc.deps.db.transaction(async (tx) => setStoryStates(tx as unknown as typeof rc.deps.db, auth.account.id, storyIds, change, rc.deps.now()));
  return c.text('OK');
}

/** POST /reader/api/0/mark-all-as-read: s (stream), ts (seconds, milliseconds or microseconds; default now). */
export async function markAllAsRead(rc: ReaderContext, c: Context, auth: ReaderAuth, params: URLSearchParams): Promise<Response> {
  const streamId = params.get('s') ?? params.get('t');
  if (!streamId) throw new ReaderReply(400, 's (the stream id) is required');
  const { scope } = await resolveStream(rc, auth, streamId);
  const ts = params.get('ts');
  const beforeUsec = ts ? toMicroseconds(ts) : String(BigInt(rc.deps.now().getTime()) * 1000n);
  if (!beforeUsec) throw new ReaderReply(400, 'ts must be a Unix time');
  await markStreamRead(rc.deps.db, auth.account.id, scope, { beforeUsec }, rc.deps.now());
  return c.text('OK');
}
