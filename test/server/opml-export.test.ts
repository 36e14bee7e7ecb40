// OPML export as readers import it: feed outlines with type="rss", category and language inside folder
// outlines; newsboat (-i) imports every feed with its folder as a tag.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/log.ts';
import { testConfig } from '../helpers/services.ts';
import { FIXTURE_FEEDS, useSeededWorld } from '../helpers/seed.ts';
import { requireTool } from '../helpers/tools.ts';

const TOKEN = 'opml-export-token';
const world = useSeededWorld();
const execFileAsync = promisify(execFile);

async function exportOpml(): Promise<string> {
  const { app } = createApp({ config: testConfig({ FEEDFOLD_ADMIN_TOKEN: TOKEN }), db: world.database.db, log: silentLogger() });
  const res = await app.request('/api/opml', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('OPML export', () => {
  it('writes feed outlines with type, category and language inside folder outlines', async () => {
    const doc = new DOMParser().parseFromString(await exportOpml(), 'text/xml') as unknown as Document;
    const feeds = [...doc.querySelectorAll('outline[xmlUrl]')];
    expect(feeds).toHaveLength(FIXTURE_FEEDS.length);
    for (const el of feeds) {
      expect(el.getAttribute('type')).toBe('rss');
      const folder = el.parentElement?.getAttribute('text');
      expect(el.getAttribute('category')).toBe(`/${folder}`);
    }
    const fr = feeds.find((el) => el.getAttribute('xmlUrl')?.endsWith('/digest-fr/feed.json'));
    expect(fr?.getAttribute('language')).toBe('fr');
  });

  it('newsboat imports every feed, tagged with its folder', async () => {
    if (!requireTool('newsboat', ['--version'])) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedfold-opml-'));
    try {
      const file = path.join(dir, 'export.opml');
      fs.writeFileSync(file, await exportOpml());
      for (const f of ['urls', 'config']) fs.writeFileSync(path.join(dir, f), '');
      const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir };
      await execFileAsync('newsboat', ['-i', file, '-u', path.join(dir, 'urls'), '-C', path.join(dir, 'config'), '-c', path.join(dir, 'cache.db')], { env, timeout: 30_000 });
      const lines = fs.readFileSync(path.join(dir, 'urls'), 'utf8').trim().split('\n');
      expect(lines.sort()).toEqual(FIXTURE_FEEDS.map((f) => `${world.web.url(f.path)} "${f.folder}"`).sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
