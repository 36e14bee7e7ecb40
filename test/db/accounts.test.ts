// Accounts, tokens, subscriptions and the per-account view of stories over the fixture web folded by the real pipeline.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPassword, createAccount, findAccountByFeverKey, setAccountPassword } from '../../src/db/accounts.ts';
import { countStream, listStream, markStreamRead, resolveVisibleStories, setStoryStates } from '../../src/db/account-stream.ts';
import { issueToken, resolveToken, revokeTokens } from '../../src/db/account-tokens.ts';
import { queryRows } from '../../src/db/client.ts';
import { loadReaderItems } from '../../src/db/reader-items.ts';
import { addFeed, unlistFeed } from '../../src/db/feeds.ts';
import { listStories } from '../../src/db/story-reads.ts';
import { feverApiKey } from '../../src/domain/accounts/password.ts';
import { useSeededWorld } from '../helpers/seed.ts';
import { createTestAccounts, PASSWORDS, type TestAccounts } from '../helpers/accounts.ts';

const world = useSeededWorld();
let t: TestAccounts;
const all = { scope: { kind: 'reading-list' as const }, order: 'newest' as const, limit: 100 };

beforeAll(async () => {
  t = await createTestAccounts(world.database.db, world.web);
});

describe('accounts', () => {
  it('checks passwords with scrypt and refuses wrong ones and unknown names', async () => {
    const db = world.database.db;
    expect((await checkPassword(db, 'ana', PASSWORDS.ana))?.id).toBe(t.ana);
    expect(await checkPassword(db, 'ana', PASSWORDS.ben)).toBeNull();
    expect(await checkPassword(db, 'nobody', PASSWORDS.ana)).toBeNull();
    const [row] = await queryRows<{ password_hash: string }>(db, sql`select password_hash from accounts where id = ${t.ana}`);
    expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row!.password_hash).not.toContain(PASSWORDS.ana);
  });

  it('refuses a second account of the same name', async () => {
    expect(await createAccount(world.database.db, 'ana', 'whatever-123', new Date())).toBeNull();
  });

  it('finds an account by its Fever key, and a new password changes the key', async () => {
    const db = world.database.db;
    await createAccount(db, 'cleo', 'cleo-password', new Date());
    expect((await findAccountByFeverKey(db, feverApiKey('cleo', 'cleo-password')))?.name).toBe('cleo');
    await setAccountPassword(db, 'cleo', 'cleo-new-password', new Date());
    expect(await findAccountByFeverKey(db, feverApiKey('cleo', 'cleo-password'))).toBeNull();
    expect((await checkPassword(db, 'cleo', 'cleo-new-password'))?.name).toBe('cleo');
  });

  it('resolves live tokens only: wrong secret, wrong kind, expired and revoked fail', async () => {
    const db = world.database.db;
    const now = new Date();
    const { token, id } = await issueToken(db, t.ana, 'reader-auth', now, new Date(now.getTime() + 60_000));
    expect(await resolveToken(db, token, 'reader-auth', now)).toEqual({ accountId: t.ana, tokenId: id });
    expect(await resolveToken(db, token, 'private-feed', now)).toBeNull();
    expect(await resolveToken(db, `${id}.${'A'.repeat(43)}`, 'reader-auth', now)).toBeNull();
    expect(await resolveToken(db, token, 'reader-auth', new Date(now.getTime() + 61_000))).toBeNull();
    expect(await revokeTokens(db, t.ben, now, { id })).toBe(0);
    expect(await revokeTokens(db, t.ana, now, { id })).toBe(1);
    expect(await resolveToken(db, token, 'reader-auth', now)).toBeNull();
  });
});

describe('one item per story in every stream', () => {
  it("lists each story of the account's subscriptions once, under a feed it subscribes to", async () => {
    const db = world.database.db;
    const ana = await listStream(db, t.ana, all);
    const ben = await listStream(db, t.ben, all);
    // ana: the Syria call (digest + its French copy), wheat, the port strike; ben: Syria, wheat, Lavrov.
    expect(ana).toHaveLength(3);
    expect(ben).toHaveLength(3);
    expect(new Set(ana.map((r) => r.storyId)).size).toBe(3);
    for (const r of ana) expect([t.feed.digest, t.feed.digestFr]).toContain(r.feedId);
    for (const r of ben) expect(r.feedId).toBe(t.feed.wire);
    const shared = ana.filter((r) => ben.some((b) => b.storyId === r.storyId));
    expect(shared).toHaveLength(2);
  });

  it('uses the canonical item when the account subscribes to its feed, and names the other sources', async () => {
    const db = world.database.db;
    const ben = await listStream(db, t.ben, all);
    const canon = await queryRows<{ id: string; canonical_item_id: string }>(db, sql`select id, canonical_item_id from stories`);
    for (const r of ben) expect(String(r.itemId)).toBe(canon.find((c) => Number(c.id) === r.storyId)?.canonical_item_id);
    const items = await loadReaderItems(db, t.ben, ben);
    const syria = items.find((i) => i.alsoReportedBy.length === 2)!;
    expect(syria.alsoReportedBy.map((o) => o.sourceTitle).sort()).toEqual(['Monde Express', 'World Digest'].sort());
  });

  it('feed counts add up to the reading list, and reading one copy reads the story for that account only', async () => {
    const db = world.database.db;
    const before = await countStream(db, t.ana);
    expect(before.reduce((n, f) => n + f.unread, 0)).toBe(3);
    // A story both accounts see, so that ben's state of it can be checked.
    const benStories = new Set((await listStream(db, t.ben, all)).map((r) => r.storyId));
    const first = (await listStream(db, t.ana, all)).find((r) => benStories.has(r.storyId));
    expect(first).toBeDefined();
    await setStoryStates(db, t.ana, [first!.storyId], { read: true }, new Date());
    expect((await listStream(db, t.ana, { ...all, exclude: 'read' })).map((r) => r.storyId)).not.toContain(first!.storyId);
    expect((await countStream(db, t.ana)).reduce((n, f) => n + f.unread, 0)).toBe(2);
    // ben's state of the same story is untouched.
    expect((await listStream(db, t.ben, all)).find((r) => r.storyId === first!.storyId)?.read).toBe(false);
    await setStoryStates(db, t.ana, [first!.storyId], { read: false }, new Date());
  });

  it('resolves ids through merges and hides stories the account does not see', async () => {
    const db = world.database.db;
    const ben = await listStream(db, t.ben, all);
    const ana = await listStream(db, t.ana, all);
    const lavrov = ben.find((r) => !ana.some((a) => a.storyId === r.storyId))!;
    const visible = await resolveVisibleStories(db, t.ana, [...ana.map((r) => r.storyId), lavrov.storyId, 987654321]);
    expect([...visible.keys()].sort()).toEqual(ana.map((r) => r.storyId).sort());
  });

  it('mark-all-as-read up to a time leaves later stories unread', async () => {
    const db = world.database.db;
    const refs = await listStream(db, t.ben, { ...all, order: 'oldest' });
    const n = await markStreamRead(db, t.ben, { kind: 'feed', feedId: t.feed.wire }, { beforeUsec: refs[0]!.crawledUsec }, new Date());
    expect(n).toBeGreaterThanOrEqual(1);
    const unread = await listStream(db, t.ben, { ...all, exclude: 'read' });
    expect(unread.length).toBe(3 - n);
    await setStoryStates(db, t.ben, refs.map((r) => r.storyId), { read: false }, new Date());
  });
});

describe('merging stories keeps the documented state rule', () => {
  it('read when every state kept says read, starred when either was', async () => {
    const db = world.database.db;
    const mk = async () =>
      Number((await queryRows<{ id: string }>(db, sql`insert into stories (title) values ('t') returning id`))[0]!.id);
    const [a, b, c, d] = [await mk(), await mk(), await mk(), await mk()];
    const now = new Date();
    await setStoryStates(db, t.ana, [a], { read: true, starred: false }, now);
    await setStoryStates(db, t.ana, [b], { read: false, starred: true }, now);
    await setStoryStates(db, t.ben, [c], { read: true }, now);
    await db.execute(sql`update stories set merged_into = ${a} where id = ${b}`);
    await db.execute(sql`update stories set merged_into = ${d} where id = ${c}`);
    const rows = await queryRows<{ account_id: string; story_id: string; read: boolean; starred: boolean }>(
      db,
      sql`select account_id, story_id, read, starred from story_states where story_id in (${a}, ${b}, ${c}, ${d}) order by story_id`,
    );
    expect(rows.map((r) => [Number(r.account_id), Number(r.story_id), r.read, r.starred])).toEqual([
      [t.ana, a, false, true],
      [t.ben, d, true, false],
    ]);
  });
});

describe('the public merged feed', () => {
  it("leaves out stories only reader accounts' feeds hold, until the feed is added without an account", async () => {
    const db = world.database.db;
    const titles = async () => (await listStories(db, { limit: 50, offset: 0 })).map((s) => s.title);
    const before = await titles();
    expect(before.some((x) => /Lavrov/i.test(x))).toBe(true);
    await unlistFeed(db, t.feed.wire);
    const hidden = await titles();
    expect(hidden.some((x) => /Lavrov/i.test(x))).toBe(false);
    expect(hidden).toHaveLength(before.length - 1);
    // An account adding it keeps it out; adding it without an account lists it again.
    expect((await addFeed(db, { url: world.web.url('/wire/feed.xml'), inPublicFeed: false }, new Date())).feed.inPublicFeed).toBe(false);
    expect((await addFeed(db, { url: world.web.url('/wire/feed.xml') }, new Date())).feed.inPublicFeed).toBe(true);
    expect(await titles()).toEqual(before);
  });
});
