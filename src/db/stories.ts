// Stories: the single-purpose statements a fold and a story refresh are made of. Which story an item joins
// and which member is canonical is decided in src/pipeline/fold-item.ts (with src/domain/fold); here each
// function builds one statement and reads its rows.
import { sql } from 'drizzle-orm';
import { bigintArray, jsonList, timestampParam, toDate, type Statement } from './client.ts';
import { parseSignature } from './signatures.ts';
import type { Signature } from '../domain/fingerprint.ts';
import type { StoryMember, StorySummary } from '../domain/fold.ts';

/** A member about to be written: the item, how it joined and its score. */
export interface NewMember {
  itemId: number;
  method: string;
  score: number;
}

const done = (): void => undefined;

/** The story an item already belongs to, with how it joined, or null. */
export function findItemStory(itemId: number): Statement<{ storyId: number; method: string } | null> {
  return {
    query: sql`select story_id, method from story_items where item_id = ${itemId}`,
    read: (rows) => (rows[0] ? { storyId: Number(rows[0].story_id), method: String(rows[0].method) } : null),
  };
}

/**
 * Insert a new story whose only member is the item, summarised from the item's stored row (as a summary
 * would: its title, language and time; 'only member' once it has a signature), and announce it. Reads its id.
 */
export function startStory(member: NewMember, now: Date): Statement<number> {
  return {
    query: sql`with s as (
          insert into stories (canonical_item_id, canonical_reason, title, item_count, languages, first_published_at, created_at, updated_at)
          select i.id, case when i.signature is null then 'first member' else 'only member' end, i.title, 1,
                 case when i.language is null then '{}'::text[] else array[i.language] end, i.published_at,
                 ${timestampParam(now)}, ${timestampParam(now)}
          from items i where i.id = ${member.itemId}
          returning id),
        m as (
          insert into story_items (item_id, story_id, method, score, joined_at)
          select ${member.itemId}, s.id, ${member.method}, ${member.score}, ${timestampParam(now)} from s
          returning story_id)
        select story_id, pg_notify('feedfold_stories', story_id::text) from m`,
    read: (rows) => {
      if (!rows[0]) throw new Error(`item ${member.itemId} does not exist`);
      return Number(rows[0].story_id);
    },
  };
}

/** Make the item a member of the story. */
export function joinStory(member: NewMember, storyId: number, now: Date): Statement<void> {
  return {
    query: sql`insert into story_items (item_id, story_id, method, score, joined_at)
               values (${member.itemId}, ${storyId}, ${member.method}, ${member.score}, ${timestampParam(now)})`,
    read: done,
  };
}

/** Lock the named story rows (id order) for the transaction; reads each one's id and where it was merged into. */
export function lockStories(ids: readonly number[]): Statement<{ id: number; mergedInto: number | null }[]> {
  return {
    query: sql`select id, merged_into from stories where id = any(${bigintArray(ids)}) order by id for update`,
    read: (rows) => rows.map((r) => ({ id: Number(r.id), mergedInto: r.merged_into == null ? null : Number(r.merged_into) })),
  };
}

/**
 * Merge stories `from` into `into`: their members move, they redirect to `into`, and stories merged earlier
 * into one of them now point at `into` (redirects stay one hop long). One statement: the three parts touch
 * different rows (the absorbed stories are live, so none of them is among the ones pointing at them).
 */
export function mergeStories(into: number, from: readonly number[], now: Date): Statement<void> {
  const absorbed = sql`any(${bigintArray(from)})`;
  return {
    query: sql`with moved as (update story_items set story_id = ${into} where story_id = ${absorbed} returning 1),
                    redirected as (update stories set merged_into = ${into}, updated_at = ${timestampParam(now)}, item_count = 0
                                   where id = ${absorbed} returning 1)
               update stories set merged_into = ${into} where merged_into = ${absorbed}`,
    read: done,
  };
}

/** A story's members with what its summary needs; signatures parsed here (an unreadable one reads as null). */
export function readStoryMembers(storyId: number): Statement<StoryMember[]> {
  return {
    query: sql`select i.id, i.signature, i.published_at, i.title, i.language from story_items si join items i on i.id = si.item_id
               where si.story_id = ${storyId}`,
    read: (rows) => rows.map((r) => memberOf(r, storyId, parseSignature(r.signature))),
  };
}

/** Stories' members by story, and the item about to join them, as `readJoiningMembers` reads them. */
export interface JoiningMembers {
  byStory: Map<number, StoryMember[]>;
  /** The joining item (its storyId 0 until it joins); null when it is gone. */
  item: StoryMember | null;
}

/**
 * The members of the named stories and the item about to join them, as stored, in item id order (sent after the
 * stories' locks, they are every member the stories will have until this transaction commits). Signatures the
 * caller holds (`known`, by item id) are not sent again; the others are parsed here (an unreadable one is null).
 */
export function readJoiningMembers(storyIds: readonly number[], joining: number, known: ReadonlyMap<number, Signature>): Statement<JoiningMembers> {
  // Each member by its key (LATERAL … LIMIT 1): a plain join may hash a whole scan of items.
  return {
    query: sql`with m as (select story_id, item_id from story_items where story_id = any(${bigintArray(storyIds)})
                          union all select null, ${joining})
               select m.story_id, i.id, i.published_at, i.title, i.language,
                      case when i.id = any(${bigintArray([...known.keys()])}) then null else i.signature end as signature
               from m cross join lateral (select id, published_at, title, language, signature from items where id = m.item_id limit 1) i
               order by i.id`,
    read: (rows) => {
      const out: JoiningMembers = { byStory: new Map(), item: null };
      for (const r of rows) {
        const storyId = r.story_id == null ? 0 : Number(r.story_id);
        const member = memberOf(r, storyId, known.get(Number(r.id)) ?? parseSignature(r.signature));
        if (r.story_id == null) out.item = member;
        else if (out.byStory.has(storyId)) out.byStory.get(storyId)?.push(member);
        else out.byStory.set(storyId, [member]);
      }
      return out;
    },
  };
}

function memberOf(r: Record<string, unknown>, storyId: number, sig: Signature | null): StoryMember {
  return {
    itemId: Number(r.id),
    storyId,
    sig,
    publishedAt: toDate(r.published_at),
    title: String(r.title),
    language: r.language == null ? null : String(r.language),
  };
}

/**
 * Delete a story left without members (every item it held was removed with its feed), with the redirects of
 * the stories once merged into it (their members were its own). A story that still has members is kept.
 */
export function deleteEmptyStory(storyId: number): Statement<void> {
  const empty = sql`not exists (select 1 from story_items where story_id = ${storyId})`;
  return {
    query: sql`with redirects as (delete from stories where merged_into = ${storyId} and ${empty} returning 1)
               delete from stories where id = ${storyId} and ${empty}`,
    read: done,
  };
}

/** Write a story's summary. */
export function writeStorySummary(storyId: number, summary: StorySummary, now: Date): Statement<void> {
  return {
    query: sql`update stories set canonical_item_id = ${summary.canonicalItemId}, canonical_reason = ${summary.canonicalReason},
      title = ${summary.title}, item_count = ${summary.itemCount}, languages = array${jsonList(summary.languages)},
      first_published_at = ${timestampParam(summary.firstPublishedAt)}, updated_at = ${timestampParam(now)}
    where id = ${storyId}`,
    read: done,
  };
}

/** NOTIFY feedfold_stories once per story id (delivered at commit). */
export function notifyStories(ids: readonly number[]): Statement<void> {
  return { query: sql`select pg_notify('feedfold_stories', id) from ${jsonList(ids)} as t(id)`, read: done };
}

/** Whether the story holds a member stored before the item (one a fold in arrival order placed first). */
export function hasOlderMember(storyId: number, itemId: number): Statement<boolean> {
  return {
    query: sql`select exists (select 1 from story_items where story_id = ${storyId} and item_id < ${itemId}) as older`,
    read: (rows) => rows[0]?.older === true,
  };
}

/** Move a member to another story, with how it joins there. */
export function moveMember(member: NewMember, storyId: number): Statement<void> {
  return {
    query: sql`update story_items set story_id = ${storyId}, method = ${member.method}, score = ${member.score} where item_id = ${member.itemId}`,
    read: done,
  };
}

/**
 * Split a member off its story into a new story of its own (summarised from its row as startStory does),
 * recorded in story_splits. Reads the new story's id.
 */
export function splitOffMember(member: NewMember, fromStory: number, now: Date): Statement<number> {
  return {
    query: sql`with s as (
          insert into stories (canonical_item_id, canonical_reason, title, item_count, languages, first_published_at, created_at, updated_at)
          select i.id, 'only member', i.title, 1, case when i.language is null then '{}'::text[] else array[i.language] end,
                 i.published_at, ${timestampParam(now)}, ${timestampParam(now)}
          from items i where i.id = ${member.itemId}
          returning id),
        m as (update story_items set story_id = (select id from s), method = ${member.method}, score = ${member.score}
              where item_id = ${member.itemId} returning story_id),
        sp as (insert into story_splits (story_id, split_from, created_at) select id, ${fromStory}, ${timestampParam(now)} from s)
        select story_id from m`,
    read: (rows) => {
      if (!rows[0]) throw new Error(`item ${member.itemId} is in no story`);
      return Number(rows[0].story_id);
    },
  };
}
