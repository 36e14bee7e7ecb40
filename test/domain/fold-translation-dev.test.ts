// Cross-language folding checked pair by pair on cases built from the dev news web (../shared/data/newsweb-dev):
// every translated copy against its story's original, every pair of distinct same-event stories (and the hard
// negatives) read as if they were in two languages, and translations that lose or gain a paragraph. Skips with a
// message where ../shared is absent (a user's clone); test/domain/fold-translation.test.ts holds hand-written pairs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../scripts/lib/shared.ts';
import { storyHalf } from '../../scripts/lib/halves.ts';
import { signItem, type Signature } from '../../src/domain/fingerprint.ts';
import type { InMemoryItem } from '../../src/domain/fold.ts';
import { foldSettings } from '../../src/domain/fingerprint/settings.ts';
import { compareSignatures } from '../../src/domain/fold/compare.ts';
import { alignAnchors } from '../../src/domain/fold/anchor-alignment.ts';

const web = path.join(sharedDir, 'data/newsweb-dev');
const present = fs.existsSync(path.join(web, 'labels.json'));
if (!present) console.log(`fold-translation-dev: ${web} is absent; the dev-web pairs are skipped`);

interface LabelItem { id: string; story: string; language: string; is_original: boolean }
interface Labels { items: LabelItem[]; stories: { id: string; event: string | null; original_item: string; items: string[] }[];
  negatives: { stories: string[] }[] }
interface WebItem { id: string; url: string; title: string; text: string; language: string | null; published_at: string }

function load(): { labels: Labels; items: Map<string, InMemoryItem> } {
  const labels = JSON.parse(fs.readFileSync(path.join(web, 'labels.json'), 'utf8')) as Labels;
  const items = new Map<string, InMemoryItem>();
  for (const line of fs.readFileSync(path.join(web, 'items.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const it = JSON.parse(line) as WebItem;
    items.set(it.id, { itemId: it.id, url: it.url, canonicalUrl: null, title: it.title, text: it.text ?? '', links: [],
      language: it.language, publishedAt: new Date(it.published_at) });
  }
  return { labels, items };
}

const signed = (x: InMemoryItem): Signature => signItem(x);
const folds = (a: InMemoryItem, b: InMemoryItem): boolean => compareSignatures(signed(a), a.publishedAt, signed(b), b.publishedAt) !== null;

/** Translated copies that align with their original just under the rule's numbers, each with its measurement. */
const NEAR_MISSES: Record<string, string> = {
  'i00201→i00188': 'a French copy of a German story: 2.5 distinct anchors align at share 0.71 (evidence 1.8 < 2.5)',
  'i00481→i00449': 'a Russian copy: Michigan, AP and Telegraph Road align, but the English original names more (share 0.38 < 0.4)',
};

/** Why a translated copy does not fold with its original, when the reason is the text's and not the rule's. */
function explainMiss(copy: InMemoryItem, original: InMemoryItem): string | null {
  const near = NEAR_MISSES[`${copy.itemId}→${original.itemId}`];
  if (near) return near;
  const a = signed(copy);
  const b = signed(original);
  if (Math.min(a.n, b.n) < foldSettings.minTranslationTokens) return 'one side is a title or a few words';
  const { distinct } = alignAnchors(a.q ?? [], b.q ?? []);
  if (distinct < foldSettings.minAlignedEvidence) return `the two align ${distinct} weighted distinct names, numbers and dates`;
  return null;
}

describe.runIf(present)('cross-language pairs built from the dev web', () => {
  const { labels, items } = present ? load() : { labels: null as unknown as Labels, items: new Map<string, InMemoryItem>() };
  const byId = new Map((labels?.items ?? []).map((it) => [it.id, it]));
  const item = (id: string): InMemoryItem => items.get(id) as InMemoryItem;

  // Every copy in another language than its story's original, against the original.
  const translations = (labels?.stories ?? []).flatMap((s) => {
    const lang = byId.get(s.original_item)?.language;
    return s.items.filter((id) => byId.get(id)?.language !== lang).map((id) => ({ story: s.id, copy: id, original: s.original_item }));
  });

  it('every translated copy folds with its original, or its text explains why not', () => {
    const rows = translations.map((t) => {
      const ok = folds(item(t.copy), item(t.original));
      return { ...t, half: storyHalf(t.story), ok, why: ok ? 'folds' : explainMiss(item(t.copy), item(t.original)) };
    });
    const unexplained = rows.filter((r) => r.why === null);
    const table = rows.filter((r) => !r.ok).map((r) => `${r.half} ${r.story} ${r.copy}→${r.original}: ${r.why ?? 'UNEXPLAINED'}`);
    console.log(`translated copies folding with their original: A ${rows.filter((r) => r.half === 'A' && r.ok).length}/`
      + `${rows.filter((r) => r.half === 'A').length}, B ${rows.filter((r) => r.half === 'B' && r.ok).length}/`
      + `${rows.filter((r) => r.half === 'B').length}\n  ${table.join('\n  ')}`);
    expect(rows.length).toBeGreaterThan(50);
    expect(unexplained).toEqual([]);
  });

  it('no two distinct stories of one event fold as translations when they are in two languages', () => {
    const eventOf = new Map(labels.stories.map((s) => [s.id, s.event]));
    const pairs: [string, string][] = [];
    for (const a of labels.items) for (const b of labels.items) {
      if (a.id < b.id && a.story !== b.story && a.language !== b.language && eventOf.get(a.story) && eventOf.get(a.story) === eventOf.get(b.story)) pairs.push([a.id, b.id]);
    }
    expect(pairs.length).toBeGreaterThan(10);
    expect(pairs.filter(([a, b]) => folds(item(a), item(b)))).toEqual([]);
  });

  // Two stories on one party expulsion that the labels do not tie to one event (s0403, s0439): the first form of the
  // rule (aligned weight with repeats x share >= 3) folded these pairs through the pipeline and with them every member
  // of both stories (whole-web cross-language precision 0.975). Counted once, the party and its leaders align too little.
  it.each([
    ['i01094', 'i01106', 'a German and a French article: the party and three of its people, in a different order'],
    ['i01010', 'i01127', 'an English and a French article: three shared names, the English one names many more'],
  ])('%s and %s, %s, stay apart', (a, b) => {
    const { distinct, share } = alignAnchors(signed(item(a)).q ?? [], signed(item(b)).q ?? []);
    expect(byId.get(a)?.story).not.toBe(byId.get(b)?.story);
    expect(distinct * share).toBeLessThan(foldSettings.minAlignedEvidence * 0.8);
    expect(folds(item(a), item(b))).toBe(false);
  });

  // Measured: 39 of 807 (4.8 %) with the aligned-anchor rule and sentence sets (37 without them), 68 (8.4 %) with the
  // unordered rule it replaced.
  it('same-event and hard-negative pairs read as if in two languages: at most 5 % fold on their anchors', () => {
    const eventOf = new Map(labels.stories.map((s) => [s.id, s.event ?? s.id]));
    const negatives = new Set(labels.negatives.map((n) => [...n.stories].sort().join(' ')));
    const hard = (a: LabelItem, b: LabelItem): boolean => a.story !== b.story
      && (eventOf.get(a.story) === eventOf.get(b.story) || negatives.has([a.story, b.story].sort().join(' ')));
    let pairs = 0;
    const folded: string[] = [];
    for (const a of labels.items) for (const b of labels.items) {
      if (a.id >= b.id || a.language !== b.language || !hard(a, b)) continue;
      const x = item(a.id);
      const y = { ...item(b.id), language: 'xx' }; // the same text, taken as another language: only anchors can fold it
      if (Math.min(signed(x).n, signed(y).n) < foldSettings.minTranslationTokens) continue;
      pairs++;
      if (compareSignatures(signed(x), x.publishedAt, signed(y), y.publishedAt)?.method === 'translation') folded.push(`${a.id}/${b.id}`);
    }
    console.log(`same-language same-event or hard-negative pairs read as translations: ${folded.length}/${pairs} fold`);
    expect(pairs).toBeGreaterThan(200);
    expect(folded.length / pairs).toBeLessThanOrEqual(0.05);
  });

  // Measured: 38 of 41 folding translations still fold without their middle paragraph; with a paragraph of another
  // story's names inserted, 31 of 41 (the inserted names lower the share of the smaller side).
  it('a translation that loses or gains a paragraph still folds', () => {
    const folding = translations.filter((t) => folds(item(t.copy), item(t.original)));
    const filler = item(labels.stories[0]?.original_item as string).text.split('\n\n').find((p) => p.split(' ').length > 30) ?? '';
    const cases = [0, 0];
    const lost: string[][] = [[], []];
    for (const t of folding) {
      const copy = item(t.copy);
      const paras = copy.text.trim().split('\n\n');
      if (paras.length < 4) continue;
      const middle = Math.floor(paras.length / 2);
      const edits = [[...paras.slice(0, middle), ...paras.slice(middle + 1)], [...paras.slice(0, middle), filler, ...paras.slice(middle)]];
      for (const [i, edited] of edits.entries()) {
        (cases[i] as number)++;
        if (!folds({ ...copy, text: edited.join('\n\n') }, item(t.original))) lost[i]?.push(t.copy);
      }
    }
    const [loses = [], gains = []] = lost;
    const [lossCases = 0, gainCases = 0] = cases;
    console.log(`translations still folding without a paragraph: ${lossCases - loses.length}/${lossCases} (not: ${loses.join(' ')}); `
      + `with another story's paragraph added: ${gainCases - gains.length}/${gainCases} (not: ${gains.join(' ')})`);
    expect(lossCases).toBeGreaterThan(20);
    expect(loses.length / lossCases).toBeLessThanOrEqual(0.1);
    expect(gains.length / gainCases).toBeLessThanOrEqual(0.3);
  });
});
