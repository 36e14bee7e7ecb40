// Every setting feedfold reads, its default and what it does: validated once at start.
// Nothing below src/ reads process.env; the Config object is passed in.
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { trimCharEnd } from './domain/trim-chars.ts';
import type { EntryLimits } from './domain/feed/entry-limits.ts';

/** A yes/no setting: true, 1, yes or false, 0, no (any case); empty is no. */
const bool = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no', ''] });
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every setting's default, in one place: the schema applies them, and code that needs one without a Config
 * (the fetcher's options, the schedule's base interval) reads it here rather than restating the number.
 */
export const settingDefaults = {
  FEEDFOLD_DATA_DIR: './data',
  REDIS_URL: 'redis://127.0.0.1:6379',
  FEEDFOLD_REDIS_AUTOSTART: true,
  FEEDFOLD_REDIS_CLUSTER: false,
  FEEDFOLD_QUEUE_PREFIX: '{feedfold}',
  PORT: 8080,
  HOST: '0.0.0.0',
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: false,
  FEEDFOLD_USER_AGENT: 'feedfold/0.1 (+https://github.com/feedfold/feedfold)',
  FEEDFOLD_FETCH_MAX_BYTES: 10 * 1024 * 1024,
  FEEDFOLD_FETCH_TIMEOUT_MS: 30_000,
  FEEDFOLD_CONNECT_TIMEOUT_MS: 10_000,
  FEEDFOLD_MAX_REDIRECTS: 5,
  FEEDFOLD_POLL_INTERVAL_SECONDS: 900,
  FEEDFOLD_SCHEDULER_TICK_SECONDS: 15,
  FEEDFOLD_POLL_CONCURRENCY: 4,
  FEEDFOLD_INGEST_CONCURRENCY: 4,
  FEEDFOLD_JOB_ATTEMPTS: 5,
  // BullMQ's default: long enough that a busy event loop (a large page being extracted) never loses a live lock.
  FEEDFOLD_JOB_LOCK_SECONDS: 30,
  // Times a job may stop its worker process before it fails for good: a second crash is no accident.
  FEEDFOLD_JOB_MAX_CRASHES: 2,
  FEEDFOLD_FEED_PAGE_SIZE: 50,
  FEEDFOLD_RETENTION_DAYS: 90,
  FEEDFOLD_KEY_WINDOW_DAYS: 3,
  // About 2.5 kB each: 25 MB of a worker's heap when full (bench/RESULTS.md, "What a worker's memory is made of").
  FEEDFOLD_SIGNATURE_CACHE_ITEMS: 10_000,
  // Two requests at once per host, as browsers did per HTTP/1.1 (RFC 2616 §8.1.4).
  FEEDFOLD_HOST_MAX_CONCURRENT: 2,
  // One request every 2 s on average, well under what CDNs rate-limit.
  FEEDFOLD_HOST_MAX_PER_MINUTE: 30,
  FEEDFOLD_READER_TOKEN_DAYS: 90,
  FEEDFOLD_LOGIN_MAX_FAILURES: 10,
  FEEDFOLD_LOGIN_WINDOW_SECONDS: 900,
  FEEDFOLD_ADMIN_MAX_BODY_BYTES: 4 * 1024 * 1024,
  FEEDFOLD_BOARD_SESSION_HOURS: 12,
  // A site announces one to three feeds; with the 9 usual paths after them, 12 finds every feed the dev web's sites offer.
  FEEDFOLD_DISCOVER_MAX_CANDIDATES: 12,
  // The largest reader exports seen (about 3,000 feeds) fit with room to spare.
  FEEDFOLD_OPML_MAX_FEEDS: 5000,
  // Article links matter for folding when they name a source; an article names a handful, a link farm thousands.
  FEEDFOLD_PAGE_MAX_LINKS: 500,
  // Past this a guid is stored as its hash: PostgreSQL's index entries stop near 2.7 KB.
  FEEDFOLD_MAX_GUID_CHARS: 512,
  // Browsers and CDNs stop near 2–8 K characters; a longer link is dropped.
  FEEDFOLD_MAX_LINK_CHARS: 4096,
  // Headlines in the dev news web stay under 300.
  FEEDFOLD_MAX_TITLE_CHARS: 1000,
  FEEDFOLD_MAX_AUTHOR_CHARS: 500,
  // The largest real entry in the feed test suites is 0.2 M characters.
  FEEDFOLD_MAX_TEXT_CHARS: 1_000_000,
  // One thread per worker process: workers scale by process (compose `--scale worker=N`), and a second thread
  // cost about 60 MB and more CPU per document than it gave back (bench/RESULTS.md, "One reading thread").
  FEEDFOLD_SANDBOX_THREADS: 1,
  FEEDFOLD_SANDBOX_HEAP_MB: 256,
  // Pages die young at 16 MB: at 4 MB the thread promoted each page's DOM and spent a quarter more CPU per page.
  FEEDFOLD_SANDBOX_YOUNG_MB: 16,
  FEEDFOLD_SANDBOX_TIMEOUT_MS: 20_000,
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'auto',
} as const;

/** The settings table: environment variable → schema with default. Each setting's meaning is in `settingDocs` (printed by `feedfold config`; the README's table is kept by hand). */
const schema = z.object({
  DATABASE_URL: z.string().optional(),
  FEEDFOLD_DATA_DIR: z.string().default(settingDefaults.FEEDFOLD_DATA_DIR),
  REDIS_URL: z.string().default(settingDefaults.REDIS_URL),
  FEEDFOLD_REDIS_AUTOSTART: bool.default(settingDefaults.FEEDFOLD_REDIS_AUTOSTART),
  FEEDFOLD_REDIS_CLUSTER: bool.default(settingDefaults.FEEDFOLD_REDIS_CLUSTER),
  FEEDFOLD_QUEUE_PREFIX: z.string().default(settingDefaults.FEEDFOLD_QUEUE_PREFIX),
  PORT: int(0, 65535).default(settingDefaults.PORT),
  HOST: z.string().default(settingDefaults.HOST),
  FEEDFOLD_PUBLIC_URL: z.string().optional(),
  FEEDFOLD_ADMIN_TOKEN: z.string().optional(),
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: bool.default(settingDefaults.FEEDFOLD_ALLOW_PRIVATE_ADDRESSES),
  FEEDFOLD_LOCAL_ADDRESS: z.union([z.ipv4(), z.ipv6()]).optional(),
  FEEDFOLD_USER_AGENT: z.string().default(settingDefaults.FEEDFOLD_USER_AGENT),
  FEEDFOLD_FETCH_MAX_BYTES: int(1024, 1 << 30).default(settingDefaults.FEEDFOLD_FETCH_MAX_BYTES),
  FEEDFOLD_FETCH_TIMEOUT_MS: int(100, 600_000).default(settingDefaults.FEEDFOLD_FETCH_TIMEOUT_MS),
  FEEDFOLD_CONNECT_TIMEOUT_MS: int(100, 600_000).default(settingDefaults.FEEDFOLD_CONNECT_TIMEOUT_MS),
  FEEDFOLD_MAX_REDIRECTS: int(0, 20).default(settingDefaults.FEEDFOLD_MAX_REDIRECTS),
  FEEDFOLD_POLL_INTERVAL_SECONDS: int(60, 7 * 86_400).default(settingDefaults.FEEDFOLD_POLL_INTERVAL_SECONDS),
  FEEDFOLD_SCHEDULER_TICK_SECONDS: int(1, 3600).default(settingDefaults.FEEDFOLD_SCHEDULER_TICK_SECONDS),
  FEEDFOLD_POLL_CONCURRENCY: int(1, 256).default(settingDefaults.FEEDFOLD_POLL_CONCURRENCY),
  FEEDFOLD_INGEST_CONCURRENCY: int(1, 256).default(settingDefaults.FEEDFOLD_INGEST_CONCURRENCY),
  FEEDFOLD_JOB_ATTEMPTS: int(1, 50).default(settingDefaults.FEEDFOLD_JOB_ATTEMPTS),
  FEEDFOLD_JOB_LOCK_SECONDS: int(1, 600).default(settingDefaults.FEEDFOLD_JOB_LOCK_SECONDS),
  FEEDFOLD_JOB_MAX_CRASHES: int(1, 100).default(settingDefaults.FEEDFOLD_JOB_MAX_CRASHES),
  FEEDFOLD_FEED_PAGE_SIZE: int(1, 500).default(settingDefaults.FEEDFOLD_FEED_PAGE_SIZE),
  FEEDFOLD_RETENTION_DAYS: int(0, 36_500).default(settingDefaults.FEEDFOLD_RETENTION_DAYS),
  FEEDFOLD_KEY_WINDOW_DAYS: int(0, 36_500).default(settingDefaults.FEEDFOLD_KEY_WINDOW_DAYS),
  FEEDFOLD_SIGNATURE_CACHE_ITEMS: int(1, 1_000_000).default(settingDefaults.FEEDFOLD_SIGNATURE_CACHE_ITEMS),
  FEEDFOLD_HOST_MAX_CONCURRENT: int(1, 100).default(settingDefaults.FEEDFOLD_HOST_MAX_CONCURRENT),
  FEEDFOLD_HOST_MAX_PER_MINUTE: int(1, 10_000).default(settingDefaults.FEEDFOLD_HOST_MAX_PER_MINUTE),
  FEEDFOLD_WEBSUB_HUB_URL: z.string().url().optional(),
  FEEDFOLD_READER_TOKEN_DAYS: int(1, 3650).default(settingDefaults.FEEDFOLD_READER_TOKEN_DAYS),
  FEEDFOLD_LOGIN_MAX_FAILURES: int(1, 100_000).default(settingDefaults.FEEDFOLD_LOGIN_MAX_FAILURES),
  FEEDFOLD_LOGIN_WINDOW_SECONDS: int(1, 86_400).default(settingDefaults.FEEDFOLD_LOGIN_WINDOW_SECONDS),
  FEEDFOLD_ADMIN_MAX_BODY_BYTES: int(1024, 1 << 30).default(settingDefaults.FEEDFOLD_ADMIN_MAX_BODY_BYTES),
  FEEDFOLD_BOARD_SESSION_HOURS: int(1, 24 * 30).default(settingDefaults.FEEDFOLD_BOARD_SESSION_HOURS),
  FEEDFOLD_DISCOVER_MAX_CANDIDATES: int(1, 100).default(settingDefaults.FEEDFOLD_DISCOVER_MAX_CANDIDATES),
  FEEDFOLD_OPML_MAX_FEEDS: int(1, 1_000_000).default(settingDefaults.FEEDFOLD_OPML_MAX_FEEDS),
  FEEDFOLD_PAGE_MAX_LINKS: int(1, 100_000).default(settingDefaults.FEEDFOLD_PAGE_MAX_LINKS),
  FEEDFOLD_MAX_GUID_CHARS: int(64, 2048).default(settingDefaults.FEEDFOLD_MAX_GUID_CHARS),
  FEEDFOLD_MAX_LINK_CHARS: int(256, 65_536).default(settingDefaults.FEEDFOLD_MAX_LINK_CHARS),
  FEEDFOLD_MAX_TITLE_CHARS: int(20, 100_000).default(settingDefaults.FEEDFOLD_MAX_TITLE_CHARS),
  FEEDFOLD_MAX_AUTHOR_CHARS: int(20, 100_000).default(settingDefaults.FEEDFOLD_MAX_AUTHOR_CHARS),
  FEEDFOLD_MAX_TEXT_CHARS: int(1000, 100_000_000).default(settingDefaults.FEEDFOLD_MAX_TEXT_CHARS),
  FEEDFOLD_SANDBOX_THREADS: int(1, 64).default(settingDefaults.FEEDFOLD_SANDBOX_THREADS),
  FEEDFOLD_SANDBOX_HEAP_MB: int(32, 4096).default(settingDefaults.FEEDFOLD_SANDBOX_HEAP_MB),
  FEEDFOLD_SANDBOX_YOUNG_MB: int(1, 1024).default(settingDefaults.FEEDFOLD_SANDBOX_YOUNG_MB),
  FEEDFOLD_SANDBOX_TIMEOUT_MS: int(100, 600_000).default(settingDefaults.FEEDFOLD_SANDBOX_TIMEOUT_MS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(settingDefaults.LOG_LEVEL),
  LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default(settingDefaults.LOG_FORMAT),
});

/** What each setting does, for `feedfold config` and the README. */
export const settingDocs: Record<keyof z.infer<typeof schema>, string> = {
  DATABASE_URL: 'PostgreSQL URL (postgres://…). Unset: an embedded PGlite database in FEEDFOLD_DATA_DIR/pglite.',
  FEEDFOLD_DATA_DIR: 'Where the embedded database and a private Redis keep their files.',
  REDIS_URL: 'Redis for the BullMQ queues; with FEEDFOLD_REDIS_CLUSTER, one or more seed nodes separated by commas.',
  FEEDFOLD_REDIS_AUTOSTART: 'When no Redis answers at REDIS_URL, start a private redis-server (if installed) for this process.',
  FEEDFOLD_REDIS_CLUSTER: 'REDIS_URL is a Redis Cluster (seed nodes); every key feedfold writes shares the prefix hash tag, so one slot.',
  FEEDFOLD_QUEUE_PREFIX: 'BullMQ key prefix; the braces keep every key in one Redis Cluster slot.',
  PORT: 'HTTP port of the merged feed, admin API, health and metrics.',
  HOST: 'Address the HTTP server binds.',
  FEEDFOLD_PUBLIC_URL: 'Absolute base URL of the merged feed as subscribers see it (default http://localhost:PORT).',
  FEEDFOLD_ADMIN_TOKEN: 'Bearer token for the admin API. Unset: the admin API is disabled.',
  FEEDFOLD_ALLOW_PRIVATE_ADDRESSES: 'Allow fetching private, loopback and link-local addresses (tests, private deployments).',
  FEEDFOLD_LOCAL_ADDRESS: 'Local IP address feed and article fetches leave from (a host with several addresses). Unset: the system chooses.',
  FEEDFOLD_USER_AGENT: 'User-Agent sent with every request.',
  FEEDFOLD_FETCH_MAX_BYTES: 'Largest response body accepted, counted after decompression.',
  FEEDFOLD_FETCH_TIMEOUT_MS: 'Whole-exchange time limit of one fetch.',
  FEEDFOLD_CONNECT_TIMEOUT_MS: 'Connect time limit of one fetch.',
  FEEDFOLD_MAX_REDIRECTS: 'Redirect hops followed before giving up.',
  FEEDFOLD_POLL_INTERVAL_SECONDS: 'Base interval between two polls of a feed.',
  FEEDFOLD_SCHEDULER_TICK_SECONDS: 'How often the scheduler looks for due feeds.',
  FEEDFOLD_POLL_CONCURRENCY: 'Feeds one worker process polls at once.',
  FEEDFOLD_INGEST_CONCURRENCY: 'Articles one worker process ingests at once.',
  FEEDFOLD_JOB_ATTEMPTS: 'Attempts of a job whose failure is transient (database or queue down), with exponential backoff.',
  FEEDFOLD_JOB_LOCK_SECONDS: "How long a worker's lock on a running job lasts; a job whose worker died runs again after one to two of these.",
  FEEDFOLD_JOB_MAX_CRASHES: 'Times one job may stop its worker process (killed, out of memory) before it fails for good and its feed or item records why; until then it runs again.',
  FEEDFOLD_FEED_PAGE_SIZE: 'Stories per page of the merged feed.',
  FEEDFOLD_RETENTION_DAYS: 'Days an item keeps its text and content; stories and their canonical items keep theirs. 0 keeps everything.',
  FEEDFOLD_SIGNATURE_CACHE_ITEMS: 'Signatures of stored items a worker process keeps parsed (about 2.5 kB each), so a fold reads only the candidates it has not met. Fewer saves memory and costs database reads.',
  FEEDFOLD_KEY_WINDOW_DAYS: 'Days an item stays findable as a fold candidate (its candidate-index keys; copies on the dev web all came within 28 h). Items, stories and memberships stay. 0 keeps every key.',
  FEEDFOLD_HOST_MAX_CONCURRENT: 'Requests one host receives at once from all workers together.',
  FEEDFOLD_HOST_MAX_PER_MINUTE: 'Requests one host receives per minute from all workers together.',
  FEEDFOLD_WEBSUB_HUB_URL: 'WebSub hub announced in the merged feed and pinged when stories change.',
  FEEDFOLD_READER_TOKEN_DAYS: 'Days a reader app login (Google Reader ClientLogin token) stays valid; apps log in again after it.',
  FEEDFOLD_LOGIN_MAX_FAILURES: 'Failed logins (Google Reader, Fever) allowed per client address and per account name in one window before further attempts are refused with 429.',
  FEEDFOLD_LOGIN_WINDOW_SECONDS: 'Length of the failed-login window; counters are kept in Redis, shared by every server process (docs/reader-apps.md).',
  FEEDFOLD_ADMIN_MAX_BODY_BYTES: 'Largest request body the admin API reads (an OPML import); a longer one is refused with 413 while it streams in.',
  FEEDFOLD_BOARD_SESSION_HOURS: 'Hours a browser session of the queue board (opened with ?token=) lasts; the cookie holds a random session id, kept server-side in Redis.',
  FEEDFOLD_DISCOVER_MAX_CANDIDATES: 'URLs autodiscovery tries for one site address: the feeds its page announces first, then the usual feed paths; each fetch counts against the host budget.',
  FEEDFOLD_OPML_MAX_FEEDS: 'Feeds one OPML import may list (admin API and CLI); a larger file is refused whole, before anything is added.',
  FEEDFOLD_PAGE_MAX_LINKS: 'Links collected from one article page (attribution links that help folding); past it the rest of the page is not searched for links.',
  FEEDFOLD_MAX_GUID_CHARS: "Longest entry guid kept as written; a longer one is stored as 'g:' and its SHA-256, stable from poll to poll.",
  FEEDFOLD_MAX_LINK_CHARS: 'Longest entry or feed link kept; a longer one is dropped (a cut link leads nowhere).',
  FEEDFOLD_MAX_TITLE_CHARS: 'Longest entry or feed title kept; a longer one is cut with an ellipsis.',
  FEEDFOLD_MAX_AUTHOR_CHARS: 'Longest entry author line kept; a longer one is cut with an ellipsis.',
  FEEDFOLD_MAX_TEXT_CHARS: 'Longest entry summary or content kept, in characters; a longer one is cut.',
  FEEDFOLD_SANDBOX_THREADS: 'Worker threads per process that read fetched feeds and pages (decode, parse, extract), apart from the event loop.',
  FEEDFOLD_SANDBOX_HEAP_MB: 'Heap one such thread may use; a document that needs more fails alone (the thread is replaced).',
  FEEDFOLD_SANDBOX_YOUNG_MB: "Young generation of one such thread (at most a quarter of its heap): less memory held, more CPU spent collecting.",
  FEEDFOLD_SANDBOX_TIMEOUT_MS: 'Time one feed or page may take to read; past it the thread is terminated and the document fails alone.',
  LOG_LEVEL: 'pino log level.',
  LOG_FORMAT: 'json, pretty, or auto (pretty on a terminal).',
};

type Env = z.infer<typeof schema>;

/** Validated settings. */
export interface Config {
  databaseUrl: string | null;
  dataDir: string;
  redisUrl: string;
  redisAutostart: boolean;
  redisCluster: boolean;
  queuePrefix: string;
  port: number;
  host: string;
  publicUrl: string;
  adminToken: string | null;
  allowPrivateAddresses: boolean;
  localAddress: string | null;
  userAgent: string;
  fetchMaxBytes: number;
  fetchTimeoutMs: number;
  connectTimeoutMs: number;
  maxRedirects: number;
  pollIntervalSeconds: number;
  schedulerTickSeconds: number;
  pollConcurrency: number;
  ingestConcurrency: number;
  jobAttempts: number;
  jobLockSeconds: number;
  jobMaxCrashes: number;
  feedPageSize: number;
  retentionDays: number;
  keyWindowDays: number;
  signatureCacheItems: number;
  hostMaxConcurrent: number;
  hostMaxPerMinute: number;
  websubHubUrl: string | null;
  readerTokenDays: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  adminMaxBodyBytes: number;
  boardSessionHours: number;
  discoverMaxCandidates: number;
  opmlMaxFeeds: number;
  pageMaxLinks: number;
  entryLimits: EntryLimits;
  sandboxThreads: number;
  sandboxHeapMb: number;
  sandboxYoungMb: number;
  sandboxTimeoutMs: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
}

/** Read and validate the settings from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid settings:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  checkRedisSettings(e);
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.FEEDFOLD_DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisAutostart: e.FEEDFOLD_REDIS_AUTOSTART,
    redisCluster: e.FEEDFOLD_REDIS_CLUSTER,
    queuePrefix: e.FEEDFOLD_QUEUE_PREFIX,
    port: e.PORT,
    host: e.HOST,
    publicUrl: trimCharEnd(e.FEEDFOLD_PUBLIC_URL ?? `http://localhost:${e.PORT}`, '/'),
    adminToken: e.FEEDFOLD_ADMIN_TOKEN ?? null,
    allowPrivateAddresses: e.FEEDFOLD_ALLOW_PRIVATE_ADDRESSES,
    localAddress: e.FEEDFOLD_LOCAL_ADDRESS ?? null,
    userAgent: e.FEEDFOLD_USER_AGENT,
    fetchMaxBytes: e.FEEDFOLD_FETCH_MAX_BYTES,
    fetchTimeoutMs: e.FEEDFOLD_FETCH_TIMEOUT_MS,
    connectTimeoutMs: e.FEEDFOLD_CONNECT_TIMEOUT_MS,
    maxRedirects: e.FEEDFOLD_MAX_REDIRECTS,
    pollIntervalSeconds: e.FEEDFOLD_POLL_INTERVAL_SECONDS,
    schedulerTickSeconds: e.FEEDFOLD_SCHEDULER_TICK_SECONDS,
    pollConcurrency: e.FEEDFOLD_POLL_CONCURRENCY,
    ingestConcurrency: e.FEEDFOLD_INGEST_CONCURRENCY,
    jobAttempts: e.FEEDFOLD_JOB_ATTEMPTS,
    jobLockSeconds: e.FEEDFOLD_JOB_LOCK_SECONDS,
    jobMaxCrashes: e.FEEDFOLD_JOB_MAX_CRASHES,
    feedPageSize: e.FEEDFOLD_FEED_PAGE_SIZE,
    retentionDays: e.FEEDFOLD_RETENTION_DAYS,
    keyWindowDays: e.FEEDFOLD_KEY_WINDOW_DAYS,
    signatureCacheItems: e.FEEDFOLD_SIGNATURE_CACHE_ITEMS,
    hostMaxConcurrent: e.FEEDFOLD_HOST_MAX_CONCURRENT,
    hostMaxPerMinute: e.FEEDFOLD_HOST_MAX_PER_MINUTE,
    websubHubUrl: e.FEEDFOLD_WEBSUB_HUB_URL ?? null,
    readerTokenDays: e.FEEDFOLD_READER_TOKEN_DAYS,
    loginMaxFailures: e.FEEDFOLD_LOGIN_MAX_FAILURES,
    loginWindowSeconds: e.FEEDFOLD_LOGIN_WINDOW_SECONDS,
    adminMaxBodyBytes: e.FEEDFOLD_ADMIN_MAX_BODY_BYTES,
    boardSessionHours: e.FEEDFOLD_BOARD_SESSION_HOURS,
    discoverMaxCandidates: e.FEEDFOLD_DISCOVER_MAX_CANDIDATES,
    opmlMaxFeeds: e.FEEDFOLD_OPML_MAX_FEEDS,
    pageMaxLinks: e.FEEDFOLD_PAGE_MAX_LINKS,
    entryLimits: {
      maxGuidChars: e.FEEDFOLD_MAX_GUID_CHARS,
      maxLinkChars: e.FEEDFOLD_MAX_LINK_CHARS,
      maxTitleChars: e.FEEDFOLD_MAX_TITLE_CHARS,
      maxAuthorChars: e.FEEDFOLD_MAX_AUTHOR_CHARS,
      maxTextChars: e.FEEDFOLD_MAX_TEXT_CHARS,
    },
    sandboxThreads: e.FEEDFOLD_SANDBOX_THREADS,
    sandboxHeapMb: e.FEEDFOLD_SANDBOX_HEAP_MB,
    sandboxYoungMb: e.FEEDFOLD_SANDBOX_YOUNG_MB,
    sandboxTimeoutMs: e.FEEDFOLD_SANDBOX_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}

/** The first `{…}` of a key prefix, whose content Redis Cluster hashes instead of the whole key; null when none. */
export function prefixHashTag(prefix: string): string | null {
  const open = prefix.indexOf('{');
  const close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : null;
}

/** REDIS_URL is one redis:// URL, or (cluster) seed URLs; a cluster needs a hash tag in the queue prefix. */
function checkRedisSettings(e: Env): void {
  const seeds = e.REDIS_URL.split(',').map((s) => s.trim()).filter(Boolean);
  const problems: string[] = [];
  if (!e.FEEDFOLD_REDIS_CLUSTER && seeds.length !== 1) {
    problems.push('REDIS_URL: several addresses given; set FEEDFOLD_REDIS_CLUSTER=true for a Redis Cluster\'s seed nodes');
  }
  for (const seed of seeds) {
    let url: URL | null = null;
    try {
      url = new URL(seed);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) problems.push(`REDIS_URL: ${seed} is not a redis:// or rediss:// URL`);
  }
  if (seeds.length === 0) problems.push('REDIS_URL: no address given');
  if (e.FEEDFOLD_REDIS_CLUSTER && !prefixHashTag(e.FEEDFOLD_QUEUE_PREFIX)) {
    problems.push(`FEEDFOLD_QUEUE_PREFIX: ${e.FEEDFOLD_QUEUE_PREFIX} has no {hash tag}; Redis Cluster needs one (e.g. {feedfold}) to keep each queue's keys in one slot`);
  }
  if (problems.length) throw new ConfigError(`invalid settings:\n  ${problems.join('\n  ')}`);
}
