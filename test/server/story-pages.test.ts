// A page per story over the fixture web: the canonical item, every copy as a timeline with its relation,
// who reported first and by how much; JSON by Accept; a merged-away story redirects (301); bad ids 404.
import type { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { DOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { listStories } from '../../src/db/story-reads.ts';
import { silentLogger } from '../../src/log.ts';
import { testConfig } from '../helpers/services.ts';
import { useSeededWorld } from '../helpers/seed.ts';

const world = useSeededWorld();
let app: Hono;
let syriaId = 0;

type StoryJson = {
  id: number;
  entry_id: string;
  first_reported_by: { outlet: string; at: string; lead_minutes: number; next_outlet: string };
  copies: { outlet: string; url: string; language: string; published_at: string; relation: string }[];
};

beforeAll(async () => {
  app = createApp({ config: testConfig({ FEEDFOLD_PUBLIC_URL: 'http://feeds.example' }), db: world.database.db, log: silentLogger() }).app;
  const stories = await listStories(world.database.db, { limit: 50, offset: 0 });
  syriaId = stories.find((s) => /Syria/.test(s.title) && s.itemCount === 3)?.id ?? 0;
  expect(syriaId).toBeGreaterThan(0);
});

describe('story page', () => {
  it('JSON by Accept: every copy in time order with its relation, and who was first by how many minutes', async () => {
    const res = await app.request(`/stories/${syriaId}`, { headers: { Accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary')).toMatch(/accept/i);
    const story = (await res.json()) as StoryJson;
    expect(story.copies.map((c) => c.outlet)).toEqual(['Kremlin Wire', 'World Digest', 'Monde Express']);
    expect(story.copies.map((c) => c.relation)).toEqual(['original', expect.stringMatching(/same text|links to the original/), 'translation']);
    // The fixture's wire copy is dated 08:10 and the digest's 10:45.
    expect(story.first_reported_by).toMatchObject({ outlet: 'Kremlin Wire', lead_minutes: 155, next_outlet: 'World Digest' });
    expect(story.entry_id).toMatch(/^urn:uuid:/);
  });

  it('HTML: the canonical item in its language, a timeline of copies with lang and dir, the first-report line', async () => {
    const res = await app.request(`/stories/${syriaId}`, { headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html') as unknown as Document;
    expect(doc.querySelector('article.canonical')?.getAttribute('lang')).toBe('en');
    expect(doc.querySelectorAll('article.canonical p').length).toBeGreaterThanOrEqual(2);
    const rows = [...doc.querySelectorAll('ol.timeline li')];
    expect(rows).toHaveLength(3);
    expect(rows[2]?.querySelector('[lang="fr"]')?.getAttribute('dir')).toBe('ltr');
    expect(rows[2]?.textContent).toMatch(/translation/);
    expect(doc.querySelector('.first')?.textContent).toMatch(/First reported by Kremlin Wire at .* 155 minutes before the next \(World Digest\)/);
    expect(doc.querySelector('script')).toBeNull();
  });

  it('answers a conditional request with 304', async () => {
    const first = await app.request(`/stories/${syriaId}`);
    const again = await app.request(`/stories/${syriaId}`, { headers: { 'If-None-Match': first.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    const json = await app.request(`/stories/${syriaId}`, { headers: { Accept: 'application/json' } });
    expect(json.headers.get('etag')).not.toBe(first.headers.get('etag'));
  });

  it('a story absorbed by a merge redirects (301) to the story that holds its copies', async () => {
    const rows = await world.database.db.execute(sql`insert into stories (title, merged_into, item_count) values ('absorbed', ${syriaId}, 0) returning id`);
    const absorbed = Number((rows as unknown as { id: string }[])[0]?.id ?? (rows as unknown as { rows: { id: string }[] }).rows[0]?.id);
    const res = await app.request(`/stories/${absorbed}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/stories/${syriaId}`);
  });

  it.each(['999999999', 'abc', '1e3', '-1'])('/stories/%s → 404 problem', async (id) => {
    const res = await app.request(`/stories/${id}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
