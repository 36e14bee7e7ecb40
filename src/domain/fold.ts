// Folding: which story an item joins, which member is a story's canonical item, and an in-memory engine
// that runs both over a list of items exactly as the database workers do one item at a time.

export { decideFold, type FoldDecision, type Member } from './fold/decide.ts';
export { chooseCanonical } from './fold/canonical.ts';
export { summariseStory, type StoryMember, type StorySummary } from './fold/summary.ts';
export { foldInMemory, type InMemoryItem } from './fold/in-memory.ts';
export type { FoldMethod } from './fold/compare.ts';
