// An account's OPML: import subscribes it to shared feeds (added when new), export lists its own titles and folders.
import type { Db } from './client.ts';
import { addFeed } from './feeds.ts';
import { listSubscriptions, subscribeAccount } from './subscriptions.ts';
import { readOpml, writeOpml } from '../domain/opml.ts';
import { canonicalizeUrl } from '../domain/url.ts';

/** What one import did. */
export interface AccountOpmlResult {
  added: number;
  existing: number;
  invalid: { url: string; reason: string }[];
}

/** Subscribe the account to every feed of an OPML document (ParseError when it is not OPML, LimitError past `maxFeeds`). */
export async function importOpmlForAccount(db: Db, accountId: number, opml: string, now: Date, maxFeeds: number): Promise<AccountOpmlResult> {
  const entries = readOpml(opml, maxFeeds);
  const result: AccountOpmlResult = { added: 0, existing: 0, invalid: [] };
  for (const e of entries) {
    const url = canonicalizeUrl(e.url);
    if (!url) {
      result.invalid.push({ url: e.url, reason: 'not an http(s) URL' });
      continue;
    }
    const { feed } = await addFeed(db, { url, title: e.title, siteUrl: e.htmlUrl, inPublicFeed: false }, now);
    if (await subscribeAccount(db, accountId, feed.id, { title: e.title, folder: e.folder }, now)) result.added += 1;
    else result.existing += 1;
  }
  return result;
}

/** The account's subscriptions as an OPML document. */
export async function exportOpmlForAccount(db: Db, accountId: number): Promise<string> {
  const subs = await listSubscriptions(db, accountId);
  return writeOpml(
    subs.map((s) => ({ url: s.url, title: s.title, htmlUrl: s.siteUrl, folder: s.folder })),
    'feedfold subscriptions',
  );
}
