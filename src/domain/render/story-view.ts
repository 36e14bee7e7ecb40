// The merged feed's data, as every renderer receives it.

/** One copy of a story. */
export interface StoryMemberView {
  itemId: number;
  title: string;
  url: string | null;
  sourceTitle: string | null;
  sourceUrl: string | null;
  language: string | null;
  publishedAt: Date | null;
  isCanonical: boolean;
}

/** One story: its canonical item and the other copies. */
export interface StoryView {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  firstPublishedAt: Date | null;
  updatedAt: Date;
  itemCount: number;
  languages: string[];
  members: StoryMemberView[];
}

/** The merged feed's own metadata and paging links. */
export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the site (the reader page). */
  homeUrl: string;
  /** Absolute URL of this document (self link). */
  selfUrl: string;
  nextUrl: string | null;
  prevUrl: string | null;
  firstUrl: string | null;
  hubUrl: string | null;
  updatedAt: Date;
}

/** The copies of a story other than its canonical item. */
export function otherSources(story: StoryView): StoryMemberView[] {
  return story.members.filter((m) => !m.isCanonical);
}

/** Stable id of a story entry across renderings. */
export function storyEntryId(meta: FeedMeta, story: StoryView): string {
  return `${meta.homeUrl.replace(/\/+$/, '')}/stories/${story.id}`;
}
