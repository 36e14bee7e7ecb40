// An account's view of the stories: one row per story of its subscriptions, under one chosen copy.
// The copy is the story's canonical item when the account subscribes to its feed, else the account's
// earliest copy (published, then id). Feed and folder streams filter this one view, so every story is
// counted once and the counts of the feeds add up to the reading list's.
import { sql, type SQL } from 'drizzle-orm';
import { bigintArray, queryRows, timestampParam, type Db } from './client.ts';

/** Which stories a stream holds. */
export type StreamScope =
  | { kind: 'reading-list' }
  | { kind: 'starred' }
  | { kind: 'read' }
  | { kind: 'feed'; feedId: number }
  | { kind: 'folder'; folderId: number };

/** Keyset position after the last row of a page: (crawl time in µs, story id). */
export interface StreamCursor {
  usec: string;
  storyId: number;
}

/** A page request over an account's view. */
export interface StreamQuery {
  scope: StreamScope;
  /** Keep only stories in this state (`it`), drop those in that one (`xt`). */
  only?: 'read' | 'unread' | 'starred';
  exclude?: 'read' | 'unread' | 'starred';
  /** Crawl-time window in µs since the epoch: `ot` (inclusive) and `nt` (exclusive). */
  sinceUsec?: string;
  untilUsec?: string;
  order: 'newest' | 'oldest' | 'id-asc' | 'id-desc';
  after?: StreamCursor;
  /** Story-id window (Fever's since_id and max_id, both exclusive). */
  aboveId?: number;
  belowId?: number;
  storyIds?: number[];
  limit: number;
}

/** One story of the view: the chosen copy, its feed, the account's state. */
export interface StreamRef {
  storyId: number;
  itemId: number;
  feedId: number;
  /** When the story first reached the account (its earliest copy there was stored), µs since the epoch. */
  crawledUsec: string;
  read: boolean;
  starred: boolean;
}

/** The account's view as a CTE named `v` (story_id, item_id, feed_id, crawled_usec). */
function viewCte(accountId: number): SQL {
  return sql`with copies as (
      select si.story_id, i.id as item_id, i.feed_id, i.created_at,
             coalesce(i.published_at, i.created_at) as at, (i.id = s.canonical_item_id) as is_canonical
      from subscriptions sub
      join items i on i.feed_id = sub.feed_id
      join story_items si on si.item_id = i.id
      join stories s on s.id = si.story_id
      where sub.account_id = ${accountId}
    ), v as (
      select distinct on (story_id) story_id, item_id, feed_id,
             (extract(epoch from min(created_at) over (partition by story_id)) * 1000000)::bigint as crawled_usec
      from copies
      order by story_id, is_canonical desc, at, item_id
    )`;
}

function stateCondition(state: 'read' | 'unread' | 'starred'): SQL {
  if (state === 'read') return sql`coalesce(st.read, false)`;
  if (state === 'unread') return sql`not coalesce(st.read, false)`;
  return sql`coalesce(st.starred, false)`;
}

function scopeCondition(accountId: number, scope: StreamScope): SQL | null {
  switch (scope.kind) {
    case 'reading-list':
      return null;
    case 'starred':
      return stateCondition('starred');
    case 'read':
      return stateCondition('read');
    case 'feed':
      return sql`v.feed_id = ${scope.feedId}`;
    case 'folder':
      return sql`v.feed_id in (select feed_id from subscriptions where account_id = ${accountId} and folder_id = ${scope.folderId})`;
  }
}

function conditions(accountId: number, q: Omit<StreamQuery, 'order' | 'limit'>): SQL[] {
  const conds: (SQL | null)[] = [scopeCondition(accountId, q.scope)];
  if (q.only) conds.push(stateCondition(q.only));
  if (q.exclude) conds.push(sql`not (${stateCondition(q.exclude)})`);
  if (q.sinceUsec) conds.push(sql`v.crawled_usec >= ${q.sinceUsec}::bigint`);
  if (q.untilUsec) conds.push(sql`v.crawled_usec < ${q.untilUsec}::bigint`);
  if (q.aboveId !== undefined) conds.push(sql`v.story_id > ${q.aboveId}`);
  if (q.belowId !== undefined) conds.push(sql`v.story_id < ${q.belowId}`);
  if (q.storyIds) conds.push(sql`v.story_id = any(${bigintArray(q.storyIds)})`);
  return conds.filter((c): c is SQL => c !== null);
}

function whereOf(conds: SQL[]): SQL {
  return conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
}

function fromView(accountId: number): SQL {
  return sql`from v left join story_states st on st.account_id = ${accountId} and st.story_id = v.story_id`;
}

/** One page of a stream, in the requested order. */
export async function listStream(db: Db, accountId: number, q: StreamQuery): Promise<StreamRef[]> {
  const conds = conditions(accountId, q);
  if (q.after) {
    const { usec, storyId } = q.after;
    conds.push(
      q.order === 'oldest'
        ? sql`(v.crawled_usec, v.story_id) > (${usec}::bigint, ${storyId}::bigint)`
        : sql`(v.crawled_usec, v.story_id) < (${usec}::bigint, ${storyId}::bigint)`,
    );
  }
  const order = {
    newest: sql`v.crawled_usec desc, v.story_id desc`,
    oldest: sql`v.crawled_usec asc, v.story_id asc`,
    'id-asc': sql`v.story_id asc`,
    'id-desc': sql`v.story_id desc`,
  }[q.order];
  const rows = await queryRows<{ story_id: string; item_id: string; feed_id: string; crawled_usec: string; read: boolean; starred: boolean }>(
    db,
    sql`${viewCte(accountId)}
      select v.story_id, v.item_id, v.feed_id, v.crawled_usec::text as crawled_usec,
             coalesce(st.read, false) as read, coalesce(st.starred, false) as starred
      ${fromView(accountId)} ${whereOf(conds)} order by ${order} limit ${q.limit}`,
  );
  return rows.map((r) => ({
    storyId: Number(r.story_id),
    itemId: Number(r.item_id),
    feedId: Number(r.feed_id),
    crawledUsec: String(r.crawled_usec),
    read: r.read,
    starred: r.starred,
  }));
}

/** Per feed of the account: stories, unread stories, and the newest crawl time (µs). */
export async function countStream(db: Db, accountId: number): Promise<{ feedId: number; total: number; unread: number; newestUsec: string }[]> {
  const rows = await queryRows<{ feed_id: string; total: number; unread: number; newest: string }>(
    db,
    sql`${viewCte(accountId)}
      select v.feed_id, count(*)::int as total, (count(*) filter (where not coalesce(st.read, false)))::int as unread,
             max(v.crawled_usec)::text as newest
      ${fromView(accountId)} group by v.feed_id`,
  );
  return rows.map((r) => ({ feedId: Number(r.feed_id), total: Number(r.total), unread: Number(r.unread), newestUsec: String(r.newest) }));
}

/** Story ids of a stream in one state, id order (Fever's unread_item_ids and saved_item_ids). */
export async function listStreamIds(db: Db, accountId: number, state: 'unread' | 'starred'): Promise<number[]> {
  const rows = await queryRows<{ story_id: string }>(
    db,
    sql`${viewCte(accountId)} select v.story_id ${fromView(accountId)} where ${stateCondition(state)} order by v.story_id`,
  );
  return rows.map((r) => Number(r.story_id));
}

/**
 * The live story each asked id stands for (following a merge), kept only where the account sees that
 * story through one of its subscriptions. Ids of no story, or of another account's stories, are absent.
 */
export async function resolveVisibleStories(db: Db, accountId: number, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ asked: string; live: string }>(
    db,
    sql`select s.id as asked, coalesce(s.merged_into, s.id) as live
      from stories s
      where s.id = any(${bigintArray(ids)})
        and exists (select 1 from story_items si
                    join items i on i.id = si.item_id
                    join subscriptions sub on sub.feed_id = i.feed_id and sub.account_id = ${accountId}
                    where si.story_id = coalesce(s.merged_into, s.id))`,
  );
  return new Map(rows.map((r) => [Number(r.asked), Number(r.live)]));
}

/** Set read and/or starred on stories for the account, recording when each changed. */
export async function setStoryStates(db: Db, accountId: number, storyIds: number[], change: { read?: boolean; starred?: boolean }, now: Date): Promise<void> {
  if (storyIds.length === 0) return;
  const ids = sql`unnest(${bigintArray([...new Set(storyIds)])})`;
  const at = timestampParam(now);
  if (change.read !== undefined) {
    await db.execute(sql`insert into story_states (account_id, story_id, read, read_changed_at)
      select ${accountId}, k, ${change.read}, ${at} from ${ids} as ids(k)
      on conflict (account_id, story_id) do update set read = excluded.read,
        read_changed_at = case when story_states.read = excluded.read then story_states.read_changed_at else excluded.read_changed_at end`);
  }
  if (change.starred !== undefined) {
    await db.execute(sql`insert into story_states (account_id, story_id, starred, starred_changed_at)
      select ${accountId}, k, ${change.starred}, ${at} from ${ids} as ids(k)
      on conflict (account_id, story_id) do update set starred = excluded.starred,
        starred_changed_at = case when story_states.starred = excluded.starred then story_states.starred_changed_at else excluded.starred_changed_at end`);
  }
}

/** Mark every unread story of a stream read, up to a crawl time (µs, inclusive) or a story id; returns how many. */
export async function markStreamRead(
  db: Db,
  accountId: number,
  scope: StreamScope,
  limit: { beforeUsec?: string; maxStoryId?: number },
  now: Date,
): Promise<number> {
  const conds = conditions(accountId, { scope, only: 'unread' });
  if (limit.beforeUsec) conds.push(sql`v.crawled_usec <= ${limit.beforeUsec}::bigint`);
  if (limit.maxStoryId !== undefined) conds.push(sql`v.story_id <= ${limit.maxStoryId}`);
  const rows = await queryRows<{ story_id: string }>(
    db,
    sql`${viewCte(accountId)}, picked as (select v.story_id ${fromView(accountId)} ${whereOf(conds)})
      insert into story_states (account_id, story_id, read, read_changed_at)
      select ${accountId}, story_id, true, ${timestampParam(now)} from picked
      on conflict (account_id, story_id) do update set read = true, read_changed_at = excluded.read_changed_at
      returning story_id`,
  );
  return rows.length;
}
