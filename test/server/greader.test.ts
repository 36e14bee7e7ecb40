// The Google Reader API in-process over the fixture web folded by the real pipeline, with the request
// sequences apps send (FreshRSS's and Miniflux's notes list them), two accounts, and bad input of each kind.
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { longItemId } from '../../src/domain/reader/item-id.ts';
import { silentLogger } from '../../src/log.ts';
import { createApp } from '../../src/server/app.ts';
import { createTestAccounts, PASSWORDS, type TestAccounts } from '../helpers/accounts.ts';
import { useSeededWorld } from '../helpers/seed.ts';
import { testConfig } from '../helpers/services.ts';

const world = useSeededWorld();
let app: Hono;
let t: TestAccounts;
const session = { ana: { auth: '', T: '' }, ben: { auth: '', T: '' } };
const READING = 'user/-/state/com.google/reading-list';
const API = '/reader/api/0';

beforeAll(async () => {
  t = await createTestAccounts(world.database.db, world.web);
  const config = testConfig({ FEEDFOLD_LOGIN_MAX_FAILURES: '3' });
  app = createApp({ config, db: world.database.db, log: silentLogger() }).app;
  for (const name of ['ana', 'ben'] as const) {
    const res = await form('/accounts/ClientLogin', { Email: name, Passwd: PASSWORDS[name] });
    session[name].auth = /Auth=(\S+)/.exec(await res.text())![1]!;
    session[name].T = await (await get(`${API}/token`, name)).text();
  }
});

function headers(who?: 'ana' | 'ben'): Record<string, string> {
  return who ? { Authorization: `GoogleLogin auth=${session[who].auth}` } : {};
}
const get = (path: string, who?: 'ana' | 'ben') => app.request(path, { headers: headers(who) });
function form(path: string, fields: Record<string, string | string[]>, who?: 'ana' | 'ben'): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return Promise.resolve(app.request(path, { method: 'POST', headers: { ...headers(who), 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() }));
}
const write = (path: string, fields: Record<string, string | string[]>, who: 'ana' | 'ben') => form(`${API}${path}`, { ...fields, T: session[who].T }, who);
const json = async <T = Record<string, unknown>>(res: Response | Promise<Response>): Promise<T> => (await res).json() as Promise<T>;
type Stream = { items: { id: string; categories: string[]; origin: { streamId: string }; summary: { content: string } }[]; continuation?: string };
const unread = async (who: 'ana' | 'ben') =>
  (await json<{ max: number; unreadcounts: { id: string; count: number }[] }>(get(`${API}/unread-count?output=json`, who)));
const readingIds = async (who: 'ana' | 'ben') =>
  (await json<{ itemRefs: { id: string }[] }>(get(`${API}/stream/items/ids?s=${READING}&n=1000`, who))).itemRefs.map((r) => r.id);

describe('ClientLogin and tokens', () => {
  it('answers SID/LSID/Auth as text, and as JSON with output=json', async () => {
    const json = await (await form('/accounts/ClientLogin', { Email: 'ben', Passwd: PASSWORDS.ben, output: 'json' })).json();
    expect(Object.keys(json).sort()).toEqual(['Auth', 'LSID', 'SID']);
    expect((await get(`${API}/user-info`, 'ana')).status).toBe(200);
    expect(await json_(get(`${API}/user-info`, 'ana'))).toMatchObject({ userName: 'ana', userId: String(t.ana) });
  });

  it('refuses a wrong password with Error=BadAuthentication, then limits attempts per account name', async () => {
    const bad = await form('/accounts/ClientLogin', { Email: 'ben', Passwd: 'wrong-password' });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('Error=BadAuthentication');
    await form('/accounts/ClientLogin', { Email: 'ben', Passwd: 'wrong-again' });
    await form('/accounts/ClientLogin', { Email: 'ben', Passwd: 'and-again' });
    const limited = await form('/accounts/ClientLogin', { Email: 'ben', Passwd: PASSWORDS.ben });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });

  it.each([
    ['no header', {}],
    ['a token of nobody', { Authorization: 'GoogleLogin auth=12345.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['garbage', { Authorization: 'GoogleLogin auth=nope' }],
    ['a bearer header', { Authorization: 'Bearer whatever' }],
  ])('answers 401 to %s', async (_name, h) => {
    expect((await app.request(`${API}/subscription/list?output=json`, { headers: h })).status).toBe(401);
  });

  it("refuses a POST without this login's T token with 401 and X-Reader-Google-Bad-Token", async () => {
    const [id] = await readingIds('ana');
    for (const T of [undefined, 'x', session.ben.T]) {
      const res = await form(`${API}/edit-tag`, { i: id!, a: 'user/-/state/com.google/read', ...(T ? { T } : {}) }, 'ana');
      expect(res.status).toBe(401);
      expect(res.headers.get('x-reader-google-bad-token')).toBe('true');
    }
    expect((await unread('ana')).max).toBe(3);
  });
});

const json_ = json;

describe('subscriptions and folders', () => {
  it("lists each account's own subscriptions, titles and folders, and nobody else's", async () => {
    const ana = await json<{ subscriptions: { id: string; title: string; categories: { label: string }[] }[] }>(get(`${API}/subscription/list?output=json`, 'ana'));
    const ben = await json<{ subscriptions: { id: string }[] }>(get(`${API}/subscription/list?output=json`, 'ben'));
    expect(ana.subscriptions.map((s) => s.id).sort()).toEqual([`feed/${world.web.url('/digest-fr/feed.json')}`, `feed/${world.web.url('/digest/atom.xml')}`].sort());
    expect(ana.subscriptions.find((s) => s.title === 'Digest (mine)')?.categories).toEqual([{ id: 'user/-/label/World', label: 'World' }]);
    expect(ben.subscriptions.map((s) => s.id)).toEqual([`feed/${world.web.url('/wire/feed.xml')}`]);
    const tags = await json<{ tags: { id: string }[] }>(get(`${API}/tag/list?output=json`, 'ben'));
    expect(tags.tags.map((x) => x.id)).toEqual(['user/-/state/com.google/starred']);
  });

  it('renames, moves, unsubscribes and subscribes again; rename-tag and disable-tag act on folders', async () => {
    const wire = `feed/${world.web.url('/wire/feed.xml')}`;
    expect(await (await write('/subscription/edit', { ac: 'edit', s: wire, t: 'The Wire', a: 'user/-/label/News' }, 'ben')).text()).toBe('OK');
    let subs = (await json<{ subscriptions: { title: string; categories: { label: string }[] }[] }>(get(`${API}/subscription/list?output=json`, 'ben'))).subscriptions;
    expect(subs).toMatchObject([{ title: 'The Wire', categories: [{ label: 'News' }] }]);
    expect(await (await write('/rename-tag', { s: 'user/-/label/News', dest: 'user/-/label/Wires' }, 'ben')).text()).toBe('OK');
    expect((await write('/rename-tag', { s: 'user/-/label/World', dest: 'user/-/label/Mine' }, 'ben')).status).toBe(404);
    expect((await get(`${API}/stream/contents/user/-/label/Wires?output=json`, 'ben')).status).toBe(200);
    expect(await (await write('/disable-tag', { s: 'user/-/label/Wires' }, 'ben')).text()).toBe('OK');
    subs = (await json<{ subscriptions: { title: string; categories: { label: string }[] }[] }>(get(`${API}/subscription/list?output=json`, 'ben'))).subscriptions;
    expect(subs).toMatchObject([{ title: 'The Wire', categories: [] }]);
    expect((await write('/subscription/edit', { ac: 'unsubscribe', s: `feed/${world.web.url('/digest/atom.xml')}` }, 'ben')).status).toBe(404);
    expect(await (await write('/subscription/edit', { ac: 'unsubscribe', s: wire }, 'ben')).text()).toBe('OK');
    expect((await unread('ben')).max).toBe(0);
    const added = await json(write('/subscription/quickadd', { quickadd: world.web.url('/wire/feed.xml') }, 'ben'));
    expect(added).toMatchObject({ numResults: 1, streamId: wire });
    expect((await unread('ben')).max).toBe(3);
    // ana saw none of this.
    expect((await json<{ subscriptions: unknown[] }>(get(`${API}/subscription/list?output=json`, 'ana'))).subscriptions).toHaveLength(2);
  });
});

describe('streams', () => {
  it('unread counts: one story once, feeds and folders adding up to the reading list', async () => {
    const counts = await unread('ana');
    const byId = new Map(counts.unreadcounts.map((u) => [u.id, u.count]));
    const feedsSum = counts.unreadcounts.filter((u) => u.id.startsWith('feed/')).reduce((n, u) => n + u.count, 0);
    expect(counts.max).toBe(3);
    expect(byId.get(READING)).toBe(3);
    expect(feedsSum).toBe(3);
    expect((byId.get('user/-/label/World') ?? 0) + (byId.get('user/-/label/Français') ?? 0)).toBe(3);
  });

  it('pages stream/contents with continuation to the end, in both orders, each story once', async () => {
    for (const r of ['', '&r=o']) {
      const seen: string[] = [];
      let c = '';
      for (let page = 0; page < 10; page++) {
        const body = await json<Stream>(get(`${API}/stream/contents/${encodeURIComponent(READING)}?output=json&n=1${r}${c ? `&c=${c}` : ''}`, 'ana'));
        seen.push(...body.items.map((i) => i.id));
        if (!body.continuation) break;
        c = encodeURIComponent(body.continuation);
      }
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
      for (const id of seen) expect(id).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
    }
    expect((await get(`${API}/stream/contents/${READING}?c=bogus`, 'ana')).status).toBe(400);
  });

  it('windows by ot and nt (seconds) and names the other sources in the content', async () => {
    const all = await json<Stream>(get(`${API}/stream/contents/${READING}?n=100`, 'ana'));
    expect((await json<Stream>(get(`${API}/stream/contents/${READING}?ot=0`, 'ana'))).items).toHaveLength(3);
    expect((await json<Stream>(get(`${API}/stream/contents/${READING}?nt=1`, 'ana'))).items).toHaveLength(0);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await json<Stream>(get(`${API}/stream/contents/${READING}?ot=${future}`, 'ana'))).items).toHaveLength(0);
    expect((await json<Stream>(get(`${API}/stream/contents/${READING}?nt=${future}`, 'ana'))).items).toHaveLength(3);
    expect(all.items.some((i) => i.summary.content.includes('Also reported by'))).toBe(true);
    for (const i of all.items) expect(i.origin.streamId).not.toContain('/wire/');
  });

  it('answers 404 for an unknown stream, a feed of another account, or a folder it does not have', async () => {
    for (const s of ['user/-/label/Nope', `feed/${world.web.url('/wire/feed.xml')}`, 'feed/999999', 'splat']) {
      expect((await get(`${API}/stream/contents/${encodeURIComponent(s)}`, 'ana')).status).toBe(404);
    }
  });

  it('items/ids gives decimal ids; items/contents takes decimal and long ids alike', async () => {
    const ids = await readingIds('ana');
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^\d+$/);
    const mixed = [ids[0]!, longItemId(Number(ids[1]))];
    const body = await json<Stream>(form(`${API}/stream/items/contents?output=json`, { i: mixed }, 'ana'));
    expect(body.items.map((i) => i.id).sort()).toEqual([longItemId(Number(ids[0])), longItemId(Number(ids[1]))].sort());
  });

  it("refuses ids of stories the account does not see, and malformed ids, changing nothing", async () => {
    const anaIds = await readingIds('ana');
    const benIds = await readingIds('ben');
    const foreign = benIds.find((id) => !anaIds.includes(id))!;
    expect((await form(`${API}/stream/items/contents`, { i: foreign }, 'ana')).status).toBe(404);
    const edit = await write('/edit-tag', { i: [anaIds[0]!, foreign], a: 'user/-/state/com.google/read' }, 'ana');
    expect(edit.status).toBe(404);
    expect((await write('/edit-tag', { i: ['tag:google.com,2005:reader/item/zz'], a: 'user/-/state/com.google/read' }, 'ana')).status).toBe(400);
    expect((await write('/edit-tag', { i: ['99999999999'], a: 'user/-/state/com.google/read' }, 'ana')).status).toBe(404);
    expect((await unread('ana')).max).toBe(3);
  });

  it('refuses a body of a million ids with 413, changing nothing', async () => {
    const [id] = await readingIds('ana');
    const body = `T=${session.ana.T}&a=user/-/state/com.google/read&${Array.from({ length: 1_000_000 }, () => `i=${id}`).join('&')}`;
    const res = await app.request(`${API}/edit-tag`, { method: 'POST', headers: { ...headers('ana'), 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(413);
    expect((await unread('ana')).max).toBe(3);
  });
});

describe('state', () => {
  it('edit-tag reads, keeps unread and stars, per account; xt=read and the read and starred streams follow', async () => {
    const ids = await readingIds('ana');
    const shared = (await readingIds('ben')).filter((id) => ids.includes(id));
    expect(await (await write('/edit-tag', { i: longItemId(Number(shared[0])), a: 'user/-/state/com.google/read' }, 'ana')).text()).toBe('OK');
    expect((await unread('ana')).max).toBe(2);
    expect((await unread('ben')).max).toBe(3);
    const unreadOnly = await json<Stream>(get(`${API}/stream/contents/${READING}?xt=user/-/state/com.google/read`, 'ana'));
    expect(unreadOnly.items.map((i) => i.id)).not.toContain(longItemId(Number(shared[0])));
    const read = await json<Stream>(get(`${API}/stream/contents/user/-/state/com.google/read`, 'ana'));
    expect(read.items.map((i) => i.id)).toEqual([longItemId(Number(shared[0]))]);
    expect(read.items[0]!.categories).toContain('user/-/state/com.google/read');
    await write('/edit-tag', { i: shared[0]!, r: 'user/-/state/com.google/read', a: 'user/-/state/com.google/kept-unread' }, 'ana');
    expect((await unread('ana')).max).toBe(3);
    await write('/edit-tag', { i: ids[2]!, a: 'user/-/state/com.google/starred' }, 'ana');
    const starred = await json<Stream>(get(`${API}/stream/contents/user/-/state/com.google/starred`, 'ana'));
    expect(starred.items.map((i) => i.id)).toEqual([longItemId(Number(ids[2]))]);
    expect((await json<Stream>(get(`${API}/stream/contents/user/-/state/com.google/starred`, 'ben'))).items).toHaveLength(0);
  });

  it('an id stays valid after its story is merged into another', async () => {
    const [target] = await readingIds('ana');
    const [row] = await queryRows<{ id: string }>(world.database.db, sql`insert into stories (title) values ('absorbed') returning id`);
    await world.database.db.execute(sql`update stories set merged_into = ${Number(target)} where id = ${Number(row!.id)}`);
    expect(await (await write('/edit-tag', { i: longItemId(Number(row!.id)), a: 'user/-/state/com.google/read' }, 'ana')).text()).toBe('OK');
    const read = await json<Stream>(get(`${API}/stream/contents/user/-/state/com.google/read`, 'ana'));
    expect(read.items.map((i) => i.id)).toEqual([longItemId(Number(target))]);
    await write('/edit-tag', { i: target!, r: 'user/-/state/com.google/read' }, 'ana');
  });

  it('mark-all-as-read takes ts in seconds or microseconds and reads only up to it', async () => {
    const feed = `feed/${world.web.url('/digest/atom.xml')}`;
    expect(await (await write('/mark-all-as-read', { s: feed, ts: '1' }, 'ana')).text()).toBe('OK');
    expect((await unread('ana')).max).toBe(3);
    const usec = String((Date.now() + 60_000) * 1000);
    expect(await (await write('/mark-all-as-read', { s: feed, ts: usec }, 'ana')).text()).toBe('OK');
    const counts = await unread('ana');
    expect(counts.unreadcounts.find((u) => u.id === feed)?.count).toBe(0);
    expect(counts.max).toBe(counts.unreadcounts.find((u) => u.id === `feed/${world.web.url('/digest-fr/feed.json')}`)?.count);
    expect((await write('/mark-all-as-read', { s: 'user/-/label/Nope' }, 'ana')).status).toBe(404);
    await write('/edit-tag', { i: await readingIds('ana'), r: 'user/-/state/com.google/read' }, 'ana');
    expect((await unread('ana')).max).toBe(3);
  });

  it('serves a stream as Atom with the long id and a read or fresh category in Google scheme', async () => {
    const res = await get(`/reader/atom/${encodeURIComponent(`feed/${world.web.url('/digest/atom.xml')}`)}?n=20`, 'ana');
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toMatch(/<id>tag:google\.com,2005:reader\/item\/[0-9a-f]{16}<\/id>/);
    expect(xml).toContain('scheme="http://www.google.com/reader/" label="fresh"');
    expect((await get(`/reader/atom/${encodeURIComponent(`feed/${world.web.url('/digest/atom.xml')}`)}`)).status).toBe(401);
  });
});

describe('the sequences apps send', () => {
  it('NetNewsWire and Read You: ids of unread and starred, then contents in batches, then edit-tag with long ids', async () => {
    expect((await get(`${API}/tag/list?output=json`, 'ana')).status).toBe(200);
    expect((await get(`${API}/subscription/list?output=json`, 'ana')).status).toBe(200);
    const unreadRefs = await json<{ itemRefs: { id: string }[] }>(
      get(`${API}/stream/items/ids?output=json&s=${READING}&xt=user/-/state/com.google/read&n=1000&includeAllDirectStreamIds=false`, 'ana'),
    );
    const starredRefs = await json<{ itemRefs: { id: string }[] }>(get(`${API}/stream/items/ids?output=json&s=user/-/state/com.google/starred&n=1000`, 'ana'));
    const all = await readingIds('ana');
    expect(unreadRefs.itemRefs).toHaveLength((await unread('ana')).max);
    for (const r of unreadRefs.itemRefs) expect(all).toContain(r.id);
    // Batches of ids, as NetNewsWire posts them (decimal; Read You sends the long form).
    const batch = await json<Stream>(form(`${API}/stream/items/contents?output=json`, { i: unreadRefs.itemRefs.map((r) => r.id) }, 'ana'));
    expect(batch.items).toHaveLength(unreadRefs.itemRefs.length);
    const long = await json<Stream>(form(`${API}/stream/items/contents?output=json`, { i: batch.items.map((i) => i.id) }, 'ana'));
    expect(long.items.map((i) => i.id).sort()).toEqual(batch.items.map((i) => i.id).sort());
    // Reeder: newest first with a time window and no read items.
    const since = Math.floor(Date.now() / 1000) - 86_400;
    const reeder = await json<Stream>(get(`${API}/stream/contents/${encodeURIComponent(READING)}?output=json&n=50&r=n&ot=${since}&xt=user/-/state/com.google/read`, 'ana'));
    expect(reeder.items.map((i) => i.id).sort()).toEqual(batch.items.map((i) => i.id).sort());
    const starred = await json<Stream>(get(`${API}/stream/contents/user/-/state/com.google/starred?n=100`, 'ana'));
    expect(starredRefs.itemRefs.map((r) => longItemId(Number(r.id)))).toEqual(starred.items.map((i) => i.id));
    expect(starredRefs.itemRefs.length).toBeGreaterThan(0);
  });
});
