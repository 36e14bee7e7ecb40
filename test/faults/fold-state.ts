// What the fault tests assert after a run: the stored items and stories, read back with plain SQL, and
// every way a fault could have left them wrong (lost, duplicated, half-folded or wrongly folded).
import postgres from 'postgres';

/** Everything that can go wrong after a run; every list is empty and every count right when all is well. */
export interface FoldState {
  items: number;
  storyItems: number;
  liveStories: number;
  /** (feed, url) pairs stored more than once. */
  duplicateItems: string[];
  /** Items in no story. */
  unfolded: number[];
  /** Items whose status is still 'new' (never ingested). */
  notIngested: number[];
  /** Memberships pointing at a merged or missing story. */
  membersOfDeadStories: number[];
  /** Live stories without members, or whose item_count disagrees with their members. */
  badStories: string[];
  /** item id → story id. */
  assignment: Map<number, number>;
  /** item id → its URL. */
  urls: Map<number, string>;
}

/** Read the fold state of the database at `url`. */
export async function readFoldState(url: string): Promise<FoldState> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const items = await sql<{ id: string; url: string; status: string }[]>`select id, url, status from items order by id`;
    const members = await sql<{ item_id: string; story_id: string }[]>`select item_id, story_id from story_items`;
    const dupes = await sql<{ k: string }[]>`select feed_id || ' ' || coalesce(url, '') as k from items group by feed_id, url having count(*) > 1`;
    const dead = await sql<{ item_id: string }[]>`
      select si.item_id from story_items si left join stories s on s.id = si.story_id
      where s.id is null or s.merged_into is not null`;
    const bad = await sql<{ id: string; item_count: number; n: string }[]>`
      select s.id, s.item_count, count(si.item_id) as n from stories s left join story_items si on si.story_id = s.id
      where s.merged_into is null group by s.id having count(si.item_id) = 0 or count(si.item_id) <> s.item_count`;
    const live = await sql<{ n: string }[]>`select count(*) as n from stories where merged_into is null`;
    const assignment = new Map(members.map((m) => [Number(m.item_id), Number(m.story_id)]));
    return {
      items: items.length,
      storyItems: members.length,
      liveStories: Number(live[0]?.n),
      duplicateItems: dupes.map((d) => d.k),
      unfolded: items.filter((i) => !assignment.has(Number(i.id))).map((i) => Number(i.id)),
      notIngested: items.filter((i) => i.status === 'new').map((i) => Number(i.id)),
      membersOfDeadStories: dead.map((d) => Number(d.item_id)),
      badStories: bad.map((b) => `story ${b.id}: item_count ${b.item_count}, members ${b.n}`),
      assignment,
      urls: new Map(items.map((i) => [Number(i.id), i.url])),
    };
  } finally {
    await sql.end();
  }
}

/** The folding as sets of expected story keys per stored story: each story should hold exactly one key. */
export function storiesByExpectedKey(state: FoldState, expectedStory: (url: string) => string): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  for (const [itemId, storyId] of state.assignment) {
    const key = expectedStory(state.urls.get(itemId) ?? '');
    if (!out.has(storyId)) out.set(storyId, new Set());
    out.get(storyId)?.add(key);
  }
  return new Map([...out].map(([id, keys]) => [id, [...keys].sort()]));
}

/** True when the run is complete: every item ingested and folded. */
export function isComplete(state: FoldState, expectedItems: number): boolean {
  return state.items === expectedItems && state.unfolded.length === 0 && state.notIngested.length === 0;
}
