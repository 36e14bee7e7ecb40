// How often a story's canonical item is its original, scored against the dev web's labels.

/** A row of feedfold_v1.story_items, as the scorer needs it. */
export interface MemberRow {
  story_id: string;
  url: string | null;
  canonical_url: string | null;
  is_canonical: boolean;
}

/** The labels the scorer reads: each item's URLs, story and whether it is the original. */
export interface CanonicalLabels {
  items: { url: string; canonical_url: string | null; story: string; is_original: boolean; site: string }[];
}

/**
 * Among feedfold's stories that hold a labelled original and at least one other item, how many chose the
 * original as canonical; `misses` names the chosen item's site and the original's for each miss. A site that lists
 * one article in two of its feeds gives feedfold two items with the original's URL: either one chosen is the original.
 * A story holding two labelled originals (two of the web's stories folded into one) counts when either is chosen,
 * and is counted apart (`twoOriginals`).
 */
export function scoreCanonical(
  rows: MemberRow[],
  labels: CanonicalLabels,
): { stories: number; original: number; twoOriginals: number; misses: { chosen: string; original: string }[] } {
  const byUrl = new Map<string, CanonicalLabels['items'][number]>();
  for (const it of labels.items) {
    byUrl.set(it.url, it);
    if (it.canonical_url) byUrl.set(it.canonical_url, it);
  }
  const stories = new Map<string, { label: CanonicalLabels['items'][number] | undefined; canonical: boolean }[]>();
  for (const r of rows) {
    const label = (r.canonical_url ? byUrl.get(r.canonical_url) : undefined) ?? (r.url ? byUrl.get(r.url) : undefined);
    const list = stories.get(r.story_id) ?? [];
    list.push({ label, canonical: r.is_canonical });
    stories.set(r.story_id, list);
  }
  let counted = 0;
  let original = 0;
  let twoOriginals = 0;
  const misses: { chosen: string; original: string }[] = [];
  for (const members of stories.values()) {
    const originals = members.filter((m) => m.label?.is_original);
    const orig = originals[0];
    if (!orig || members.length < 2) continue;
    counted += 1;
    if (new Set(originals.map((m) => m.label?.url)).size > 1) twoOriginals += 1;
    if (originals.some((m) => m.canonical)) original += 1;
    else misses.push({ chosen: members.find((m) => m.canonical)?.label?.site ?? 'unlabelled', original: orig.label?.site ?? '' });
  }
  return { stories: counted, original, twoOriginals, misses };
}
