// What the server's modules read, in one place: every route module imports its deps type from here (not from
// app.ts, which imports them), and the optional deps are defaulted once, when the app is built.
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { SubscribeResult } from '../pipeline/subscribe.ts';
import type { Queues } from '../queue/queues.ts';

/** Subscribe with autodiscovery (`subscribe` of src/pipeline/subscribe.ts bound to pipeline deps). */
export type SubscribeFn = (url: string, opts: { folder?: string | null; title?: string | null }) => Promise<SubscribeResult>;

/** What a caller of createApp gives: the database, and optionally the queues, autodiscovery, a hub and a clock. */
export interface ServerOptions {
  config: Config;
  db: Db;
  log: Logger;
  /** Readiness of the queues' Redis; default: always ready (a process without queues). */
  pingQueue?: () => Promise<boolean>;
  /** The queues: Bull Board under /admin/queues and queue depth and lag metrics. */
  queues?: Queues;
  /** Autodiscovery for the admin API and reader apps; without it they answer that it is unavailable. */
  subscribe?: SubscribeFn;
  /** WebSub hub announced in the merged feed; default none. */
  hubUrl?: string | null;
  /** The clock; default the system's. */
  now?: () => Date;
}

/** What the server's modules read: the options with every default applied. */
export interface ServerDeps {
  config: Config;
  db: Db;
  log: Logger;
  pingQueue: () => Promise<boolean>;
  queues: Queues | null;
  subscribe: SubscribeFn | null;
  hubUrl: string | null;
  now: () => Date;
}

/** Apply the defaults of the optional deps, once. */
export function resolveServerDeps(opts: ServerOptions): ServerDeps {
  return {
    config: opts.config,
    db: opts.db,
    log: opts.log,
    pingQueue: opts.pingQueue ?? (() => Promise.resolve(true)),
    queues: opts.queues ?? null,
    subscribe: opts.subscribe ?? null,
    hubUrl: opts.hubUrl ?? null,
    now: opts.now ?? (() => new Date()),
  };
}
