// The Fever API and the private feeds in-process over the fixture web: the calls Fever apps make in the
// order they make them (groups, feeds, favicons, unread and saved ids, items paged by since_id and
// max_id, mark), always HTTP 200, and two accounts that never see each other's data.
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken, revokeTokens } from '../../src/db/account-tokens.ts';
import { feverApiKey } from '../../src/domain/accounts/password.ts';
import { silentLogger } from '../../src/log.ts';
import { createApp } from '../../src/server/app.ts';
import { createTestAccounts, PASSWORDS, type TestAccounts } from '../helpers/accounts.ts';
import { useSeededWorld } from '../helpers/seed.ts';
import { testConfig } from '../helpers/services.ts';

const world = useSeededWorld();
let app: Hono;
let t: TestAccounts;
const KEY = { ana: feverApiKey('ana', PASSWORDS.ana), ben: feverApiKey('ben', PASSWORDS.ben) };

beforeAll(async () => {
  t = await createTestAccounts(world.database.db, world.web);
  app = createApp({ config: testConfig({ FEEDFOLD_PUBLIC_URL: 'http://feeds.example' }), db: world.database.db, log: silentLogger() }).app;
});

type Fever = Record<string, unknown> & { auth: number; api_version: number };
async function fever(who: 'ana' | 'ben' | string, query: string, extra: Record<string, string> = {}): Promise<Fever> {
  const api_key = who in KEY ? KEY[who as keyof typeof KEY] : who;
  const res = await app.request(`/fever/?api&${query}`, { method: 'POST', body: new URLSearchParams({ api_key, ...extra }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Fever;
}
const ids = (csv: unknown) => String(csv).split(',').filter(Boolean).map(Number);

describe('Fever API', () => {
  it('answers 200 with auth 0 to a wrong key and auth 1 with api_version 3 to the right one', async () => {
    expect(await fever('0'.repeat(32), '')).toEqual({ api_version: 3, auth: 0 });
    expect(await fever(feverApiKey('ana', 'wrong-password'), 'groups')).toEqual({ api_version: 3, auth: 0 });
    const ok = await fever('ana', '');
    expect(ok).toMatchObject({ api_version: 3, auth: 1 });
    expect(typeof ok.last_refreshed_on_time).toBe('number');
  });

  it("lists each account's own groups, feeds and feeds_groups", async () => {
    const ana = await fever('ana', 'groups&feeds&favicons');
    const ben = await fever('ben', 'groups&feeds');
    expect((ana.groups as { title: string }[]).map((g) => g.title).sort()).toEqual(['Français', 'World']);
    expect((ana.feeds as { id: number }[]).map((f) => f.id).sort()).toEqual([t.feed.digest, t.feed.digestFr].sort());
    expect((ana.feeds_groups as { feed_ids: string }[]).flatMap((g) => ids(g.feed_ids)).sort()).toEqual([t.feed.digest, t.feed.digestFr].sort());
    expect((ana.favicons as unknown[]).length).toBe(1);
    expect(ben.groups).toEqual([]);
    expect((ben.feeds as { id: number }[]).map((f) => f.id)).toEqual([t.feed.wire]);
  });

  it('pages items by since_id and max_id, one item per story, and takes with_ids', async () => {
    const unread = ids((await fever('ana', 'unread_item_ids')).unread_item_ids);
    expect(unread).toHaveLength(3);
    const first = await fever('ana', 'items');
    expect(first.total_items).toBe(3);
    const got = (first.items as { id: number; feed_id: number; html: string }[]);
    expect(got.map((i) => i.id)).toEqual([...unread].sort((a, b) => a - b));
    for (const i of got) expect([t.feed.digest, t.feed.digestFr]).toContain(i.feed_id);
    expect(got.some((i) => i.html.includes('Also reported by'))).toBe(true);
    const after = await fever('ana', `items&since_id=${got[0]!.id}`);
    expect((after.items as { id: number }[]).map((i) => i.id)).toEqual(got.slice(1).map((i) => i.id));
    const before = await fever('ana', `items&max_id=${got[2]!.id}`);
    expect((before.items as { id: number }[]).map((i) => i.id)).toEqual([got[1]!.id, got[0]!.id]);
    const some = await fever('ana', `items&with_ids=${got[1]!.id},999999`);
    expect((some.items as { id: number }[]).map((i) => i.id)).toEqual([got[1]!.id]);
  });

  it("marks items read and saved for one account, refuses another account's item, and marks feeds and groups read before a time", async () => {
    const anaIds = ids((await fever('ana', 'unread_item_ids')).unread_item_ids);
    const benIds = ids((await fever('ben', 'unread_item_ids')).unread_item_ids);
    const foreign = benIds.find((id) => !anaIds.includes(id))!;
    const refused = await fever('ana', '', { mark: 'item', as: 'read', id: String(foreign) });
    expect(refused.error).toBe('unknown item');
    expect(ids((await fever('ben', 'unread_item_ids')).unread_item_ids)).toHaveLength(3);
    const read = await fever('ana', '', { mark: 'item', as: 'read', id: String(anaIds[0]) });
    expect(ids(read.unread_item_ids)).toHaveLength(2);
    const saved = await fever('ana', '', { mark: 'item', as: 'saved', id: String(anaIds[1]) });
    expect(ids(saved.saved_item_ids)).toEqual([anaIds[1]]);
    expect(ids((await fever('ben', 'saved_item_ids')).saved_item_ids)).toEqual([]);
    await fever('ana', '', { mark: 'group', as: 'read', id: '0', before: '1' });
    expect(ids((await fever('ana', 'unread_item_ids')).unread_item_ids)).toHaveLength(2);
    const future = String(Math.floor(Date.now() / 1000) + 3600);
    expect((await fever('ana', '', { mark: 'feed', as: 'read', id: String(t.feed.wire), before: future })).error).toBe('unknown feed');
    await fever('ana', '', { mark: 'feed', as: 'read', id: String(t.feed.digestFr), before: future });
    await fever('ana', '', { mark: 'feed', as: 'read', id: String(t.feed.digest), before: future });
    expect(ids((await fever('ana', 'unread_item_ids')).unread_item_ids)).toEqual([]);
    expect(ids((await fever('ben', 'unread_item_ids')).unread_item_ids)).toHaveLength(3);
  });
});

describe('private feeds', () => {
  it("serve an account's stories as RSS, Atom and JSON Feed at a token URL, until the token is revoked", async () => {
    const { token } = await issueToken(world.database.db, t.ben, 'private-feed', new Date(), null);
    const json = (await (await app.request(`/private/${token}/feed.json`)).json()) as { items: { title: string }[] };
    expect(json.items).toHaveLength(3);
    for (const ext of ['xml', 'atom']) {
      const res = await app.request(`/private/${token}/feed.${ext}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Lavrov');
    }
    const anaToken = (await issueToken(world.database.db, t.ana, 'private-feed', new Date(), null)).token;
    expect(await (await app.request(`/private/${anaToken}/feed.xml`)).text()).not.toContain('Lavrov');
    await revokeTokens(world.database.db, t.ben, new Date(), { kind: 'private-feed' });
    expect((await app.request(`/private/${token}/feed.json`)).status).toBe(404);
    expect((await app.request(`/private/nonsense/feed.json`)).status).toBe(404);
  });
});
