// `feedfold parse`, `extract` and `fold` through the real command line.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { fixtureWebRoot } from '../../scripts/lib/fixture-web.ts';
import { htmlToText } from '../../src/domain/html-text.ts';

const env = { LOG_LEVEL: 'silent' };
const page = (p: string) => path.join(fixtureWebRoot, p);

describe('feedfold parse', () => {
  it('prints one JSON line per file, with an error line for a broken one', async () => {
    const dir = fs.mkdtempSync('/tmp/ff-');
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, 'not a feed at all');
    const truncated = path.join(dir, 'truncated.xml');
    fs.writeFileSync(truncated, '<rss><channel><item><title>x</ti');
    const r = await runCli(['parse', page('wire/feed.xml'), page('digest-fr/feed.json'), broken, truncated], env);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    // A truncated document keeps what is there and says it was recovered.
    expect(lines[3]).toMatchObject({ ok: true, feed: { recovered: expect.stringMatching(/invalid XML/) }, items: [{ title: 'x' }] });
    expect(lines[0]).toMatchObject({ ok: true, feed: { title: 'Kremlin Wire' } });
    expect(lines[0].items.map((i: { id: string }) => i.id)).toEqual(['wire-8841', 'wire-8842', 'wire-8843']);
    expect(lines[1].items[0]).toMatchObject({ id: '77', title: 'Moscou et Téhéran discutent de la Syrie – Kremlin' });
    expect(lines[2]).toMatchObject({ ok: false });
    expect(lines[2].error).toBeTruthy();
    expect(r.code).toBe(1);
  });
});

describe('feedfold extract', () => {
  it('prints the main text without the page chrome, with canonical URL and language', async () => {
    const r = await runCli(['extract', page('digest-fr/article/77.html'), '--url', 'http://digest.example/article/77.html'], env);
    const out = JSON.parse(r.stdout.trim());
    expect(out.ok).toBe(true);
    expect(out.language).toBe('fr');
    expect(out.text).toMatch(/Pezeshkian/);
    expect(out.text).not.toMatch(/Most read|All rights reserved/);
    expect(out.canonical_url).toMatch(/digest-fr\/article\/77\.html$/);
    expect(out.text.split('\n\n').length).toBeGreaterThanOrEqual(4);
  });
});

describe('feedfold fold', () => {
  it('folds JSON-line items from stdin into stories with the workers code', async () => {
    const text = (p: string) => htmlToText(/<article>([\s\S]*?)<\/article>/.exec(fs.readFileSync(page(p), 'utf8'))?.[1] ?? '');
    const input = [
      { id: 'a', url: 'http://wire.example/syria', title: 'Moscow and Tehran discuss Syria', text: text('wire/2026/11/24/putin-pezeshkian-syria.html'), published_at: '2026-11-24T08:10:00Z' },
      { id: 'b', url: 'http://wire.example/wheat', title: 'Russian wheat exports hit October record', text: text('wire/2026/11/24/wheat-exports.html'), published_at: '2026-11-24T09:00:00Z' },
      { id: 'c', url: 'http://digest.example/1001', title: 'Moscow and Tehran discuss Syria — World Digest', text: text('digest/p/1001.html'), published_at: '2026-11-24T10:45:00Z' },
      { id: 'd', url: 'http://wire.example/lavrov', title: 'Lavrov to meet Turkish counterpart on Syria', text: text('wire/2026/11/24/lavrov-ankara.html'), published_at: '2026-11-24T09:40:00Z' },
    ];
    const r = await runCli(['fold'], env, `${input.map((i) => JSON.stringify(i)).join('\n')}\nnot json\n`);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string; canonical: string });
    const byId = Object.fromEntries(out.map((o) => [o.id, o]));
    expect(out).toHaveLength(4);
    expect(byId.c?.story).toBe(byId.a?.story);
    expect(byId.c?.canonical).toBe('a');
    expect(new Set([byId.a?.story, byId.b?.story, byId.d?.story]).size).toBe(3);
    expect(r.stderr).toMatch(/line 5: not JSON/);
  });

  it('folds the French and Russian copies into the English story, and keeps a same-day story apart', async () => {
    const fold = (name: string) => fs.readFileSync(new URL(`../fixtures/fold/${name}`, import.meta.url), 'utf8');
    const input = [
      { id: 'en', url: 'http://en.example/syria', language: 'en', title: 'Putin and Pezeshkian discuss the worsening situation in Syria', text: fold('syria-original-en.txt'), published_at: '2024-12-02T12:00:00Z' },
      { id: 'other', url: 'http://en.example/gas', language: 'en', title: 'Putin and Pezeshkian discuss a Caspian gas pipeline in Ashgabat', text: fold('syria-other-story-en.txt'), published_at: '2024-12-02T13:00:00Z' },
      { id: 'fr', url: 'http://fr.example/syrie', language: 'fr', title: 'Moscou et Téhéran discutent de la Syrie – Kremlin — RT World News', text: fold('republished-fr-rt-syria.txt'), published_at: '2024-12-02T15:00:00Z' },
      { id: 'ru', url: 'http://ru.example/siria', language: 'ru', title: 'Путин и Пезешкиан обсудили обстановку в Сирии | Лента', text: fold('syria-copy-ru.txt'), published_at: '2024-12-02T18:00:00Z' },
    ];
    const r = await runCli(['fold'], env, input.map((i) => JSON.stringify(i)).join('\n'));
    const byId = Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string; canonical: string }).map((o) => [o.id, o]));
    expect(byId.fr?.story).toBe(byId.en?.story);
    expect(byId.ru?.story).toBe(byId.en?.story);
    expect(byId.ru?.canonical).toBe('en');
    expect(byId.other?.story).not.toBe(byId.en?.story);
  });
});
