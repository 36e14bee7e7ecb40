// The fixture web's expected folding (test/fixtures/web/stories.json), keyed the way the fold-state
// check of the fault tests reads it: the story an item URL belongs to.
import fs from 'node:fs';
import path from 'node:path';
import { fixtureWebRoot } from '../../scripts/lib/fixture-web.ts';

/** The fixture web's three feeds, as paths on its server. */
export const FIXTURE_FEEDS = ['/wire/feed.xml', '/digest/atom.xml', '/digest-fr/feed.json'];

const stories = (JSON.parse(fs.readFileSync(path.join(fixtureWebRoot, 'stories.json'), 'utf8')) as { stories: Record<string, string[]> }).stories;

/** How many items the three feeds hold. */
export const FIXTURE_ITEMS = Object.values(stories).flat().length;

/** The expected story key of an item URL on the fixture web; throws for a URL it does not serve. */
export function fixtureStoryOf(url: string): string {
  const page = new URL(url).pathname.replace(/^\//, '');
  const entry = Object.entries(stories).find(([, pages]) => pages.includes(page));
  if (!entry) throw new Error(`not a fixture-web article: ${url}`);
  return entry[0];
}

/** The expected folding as sorted story keys, one per story: what storiesByExpectedKey should return. */
export function expectedFixtureStories(): string[][] {
  return Object.keys(stories)
    .sort()
    .map((k) => [k]);
}
