// Reader accounts over the seeded fixture web: `ana` reads the digests, `ben` the wire.
import { eq } from 'drizzle-orm';
import { createAccount } from '../../src/db/accounts.ts';
import type { Db } from '../../src/db/client.ts';
import { feeds } from '../../src/db/schema.ts';
import { subscribeAccount } from '../../src/db/subscriptions.ts';
import type { FixtureWeb } from '../../scripts/lib/fixture-web.ts';

/** Passwords of the test accounts. */
export const PASSWORDS = { ana: 'ana-password-1', ben: 'ben-password-2' } as const;

/** The test accounts' ids and the fixture feeds' ids by path. */
export interface TestAccounts {
  ana: number;
  ben: number;
  feed: Record<'wire' | 'digest' | 'digestFr', number>;
}

async function feedId(db: Db, url: string): Promise<number> {
  const rows = await db.select({ id: feeds.id }).from(feeds).where(eq(feeds.url, url));
  if (!rows[0]) throw new Error(`fixture feed ${url} missing`);
  return rows[0].id;
}

/** Create ana (World Digest in "World", Monde Express in "Français") and ben (Kremlin Wire, no folder). */
export async function createTestAccounts(db: Db, web: FixtureWeb, now = new Date()): Promise<TestAccounts> {
  const feed = {
    wire: await feedId(db, web.url('/wire/feed.xml')),
    digest: await feedId(db, web.url('/digest/atom.xml')),
    digestFr: await feedId(db, web.url('/digest-fr/feed.json')),
  };
  const ana = (await createAccount(db, 'ana', PASSWORDS.ana, now))!.id;
  const ben = (await createAccount(db, 'ben', PASSWORDS.ben, now))!.id;
  await subscribeAccount(db, ana, feed.digest, { title: 'Digest (mine)', folder: 'World' }, now);
  await subscribeAccount(db, ana, feed.digestFr, { folder: 'Français' }, now);
  await subscribeAccount(db, ben, feed.wire, {}, now);
  return { ana, ben, feed };
}
