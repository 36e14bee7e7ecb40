// What pipeline functions receive: passed in, never imported as singletons.
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { Queues } from '../queue/queues.ts';
import type { FetchOptions, FetchResult } from '../http/fetch.ts';
import { defaultFetchOptions } from '../http/fetch.ts';
import { createInProcessReader, readLimitsFrom, type DocumentReader } from '../sandbox/reader.ts';

/** The I/O a pipeline step may do, and the clock it reads. */
export interface Deps {
  config: Config;
  log: Logger;
  db: Db;
  queues: Queues;
  fetch: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  now: () => Date;
  random: () => number;
  /** Reads fetched feeds and pages; the runtime's runs them in the sandbox's threads. Unset: on this thread (tests, tools). */
  reader?: DocumentReader;
  /** Called after a story was created or changed (e.g. a debounced WebSub ping); optional. */
  announce?: () => void;
}

/** Fetch options from the settings, with per-request extras (conditional GET headers, Accept). */
export function fetchOptionsFrom(config: Config, extra: Partial<FetchOptions> = {}): FetchOptions {
  return {
    ...defaultFetchOptions,
    allowPrivate: config.allowPrivateAddresses,
    userAgent: config.userAgent,
    maxBytes: config.fetchMaxBytes,
    totalTimeoutMs: config.fetchTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    maxRedirects: config.maxRedirects,
    ...(config.localAddress ? { localAddress: config.localAddress } : {}),
    ...extra,
  };
}

/** The deps' document reader: the sandbox in a running process, this thread where none was given. */
export function readerOf(deps: Pick<Deps, 'reader' | 'config'>): DocumentReader {
  return deps.reader ?? createInProcessReader(readLimitsFrom(deps.config));
}
