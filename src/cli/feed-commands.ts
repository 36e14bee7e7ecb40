// `feedfold feeds …` and `feedfold opml …`: subscriptions, from the command line.
import fs from 'node:fs';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { addFeed, listFeeds } from '../db/feeds.ts';
import { removeFeed } from '../pipeline/remove-feed.ts';
import { readOpml, writeOpml } from '../domain/opml.ts';
import { canonicalizeUrl } from '../domain/url.ts';
import { fetchUrl } from '../http/fetch.ts';
import { subscribe } from '../pipeline/subscribe.ts';
import type { Deps } from '../pipeline/deps.ts';
import type { Queues } from '../queue/queues.ts';

/** Open and migrate the database for a short command, run `fn`, close. */
export async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function commandDeps(config: Config, log: Logger, database: Database): Deps {
  // Subscribing fetches but never queues: the scheduler picks new feeds up on its next tick.
  return { config, log, db: database.db, queues: null as unknown as Queues, fetch: fetchUrl, now: () => new Date(), random: Math.random };
}

/** `feeds add URL… [--folder F] [--no-discover]`: subscribe, finding the feed of a site URL. */
export async function feedsAdd(config: Config, log: Logger, urls: string[], opts: { folder: string | null; discover: boolean }): Promise<number> {
  return withDatabase(config, async (database) => {
    let failures = 0;
    for (const input of urls) {
      if (!opts.discover) {
        const url = canonicalizeUrl(input);
        if (!url) {
          failures++;
          console.error(`${input}: not an http(s) URL`);
          continue;
        }
        const { feed, created } = await addFeed(database.db, { url, folder: opts.folder }, new Date());
        console.log(`${created ? 'added' : 'exists'}\t${feed.id}\t${feed.url}`);
        continue;
      }
      const r = await subscribe(commandDeps(config, log, database), input, { folder: opts.folder });
      if (r.ok) console.log(`${r.created ? 'added' : 'exists'}\t${r.feed.id}\t${r.feed.url}`);
      else {
        failures++;
        console.error(`${r.url}: ${r.error}`);
      }
    }
    return failures ? 1 : 0;
  });
}

/** `feeds list [--json]`: every feed with its state, next poll and last error. */
export async function feedsList(config: Config, json: boolean): Promise<number> {
  return withDatabase(config, async (database) => {
    const feeds = await listFeeds(database.db);
    if (json) {
      for (const f of feeds) console.log(JSON.stringify(f));
      return 0;
    }
    console.log(['id', 'state', 'items', 'next_poll', 'errors', 'url', 'last_error'].join('\t'));
    for (const f of feeds) {
      console.log([f.id, f.state, f.itemCount, f.nextPollAt.toISOString(), f.errorCount, f.url, f.lastError ?? ''].join('\t'));
    }
    return 0;
  });
}

/** `feeds remove ID`: delete a feed and its items. */
export async function feedsRemove(config: Config, id: number): Promise<number> {
  return withDatabase(config, async (database) => {
    const ok = await removeFeed(database.db, id);
    console.log(ok ? `removed ${id}` : `no feed ${id}`);
    return ok ? 0 : 1;
  });
}

/** `opml import FILE`: subscribe to every feed of an OPML file, keeping titles and folders. */
export async function opmlImport(config: Config, file: string): Promise<number> {
  const entries = readOpml(fs.readFileSync(file, 'utf8'), config.opmlMaxFeeds);
  return withDatabase(config, async (database) => {
    let added = 0;
    let bad = 0;
    for (const [i, e] of entries.entries()) {
      const url = canonicalizeUrl(e.url);
      if (!url) {
        bad++;
        continue;
      }
      const r = await addFeed(database.db, { url, title: e.title, folder: e.folder, siteUrl: e.htmlUrl }, new Date());
      if (r.created) added++;
      if (process.stderr.isTTY && i % 50 === 0) process.stderr.write(`\rimported ${i + 1}/${entries.length}`);
    }
    console.log(`imported ${entries.length} outlines: ${added} new feeds, ${entries.length - added - bad} already present, ${bad} invalid`);
    return 0;
  });
}

/** `opml export`: every feed as OPML on stdout. */
export async function opmlExport(config: Config): Promise<number> {
  return withDatabase(config, async (database) => {
    const feeds = await listFeeds(database.db);
    process.stdout.write(
      writeOpml(
        feeds.map((f) => ({ url: f.url, title: f.title ?? f.url, htmlUrl: f.siteUrl, folder: f.folder })),
        'feedfold subscriptions',
      ),
    );
    return 0;
  });
}
