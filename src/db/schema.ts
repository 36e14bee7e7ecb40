// The tables. Downstream apps read the feedfold_v1 views (drizzle/ custom migration), never these.
import {
  bigint,
  boolean,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (what the driver gives: a Buffer under postgres.js, a Uint8Array under PGlite). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** One row per feed URL, however many subscriptions name it. */
export const feeds = pgTable(
  'feeds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    url: text('url').notNull(),
    title: text('title'),
    siteUrl: text('site_url'),
    language: text('language'),
    folder: text('folder'),
    state: text('state').notNull().default('active'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    intervalSeconds: integer('interval_seconds'),
    /** Publishing rate (src/domain/schedule.ts): `publish_span_items` publications since `publish_span_since`. */
    publishSpanSince: ts('publish_span_since'),
    publishSpanItems: integer('publish_span_items'),
    nextPollAt: ts('next_poll_at').notNull().defaultNow(),
    lastPolledAt: ts('last_polled_at'),
    lastStatus: integer('last_status'),
    lastFetchMs: integer('last_fetch_ms'),
    lastSuccessAt: ts('last_success_at'),
    errorCount: integer('error_count').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
    /** Why the last document read was not clean (a charset the bytes contradict, XML read leniently); null when it was. */
    lastParseNote: text('last_parse_note'),
    itemCount: integer('item_count').notNull().default(0),
    /** Whether its stories feed the public merged feed: true when added without an account (`feeds add`, OPML). */
    inPublicFeed: boolean('in_public_feed').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('feeds_url_key').on(t.url), index('feeds_due_idx').on(t.state, t.nextPollAt)],
);

/** Entries as feeds list them, plus what the article page gave. Unique per (feed, item key). */
export const items = pgTable(
  'items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    feedId: bigint('feed_id', { mode: 'number' })
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    url: text('url'),
    pageUrl: text('page_url'),
    canonicalUrl: text('canonical_url'),
    title: text('title').notNull(),
    summary: text('summary'),
    content: text('content'),
    author: text('author'),
    publishedAt: ts('published_at'),
    language: text('language'),
    text: text('text'),
    /** new → ingested | failed (failed still folds on the feed's own text). */
    status: text('status').notNull().default('new'),
    ingestError: text('ingest_error'),
    /** The item's Signature, packed (src/db/signatures.ts); JSON text in rows stored before migration 0014. */
    signature: bytea('signature'),
    createdAt: ts('created_at').notNull().defaultNow(),
    ingestedAt: ts('ingested_at'),
  },
  (t) => [
    // Unique per (feed, item key), through the key's MD5 as a uuid: 16 bytes in the index instead of the whole
    // key (a guid or URL, 40–100 bytes); half the index. Polls insert with ON CONFLICT on the same expression.
    uniqueIndex('items_feed_key_md5').on(t.feedId, sql`(md5(${t.itemKey})::uuid)`),
    // Items still waiting for ingestion, oldest first (the scheduler's re-queue): partial, so it holds the
    // backlog only, not a row per stored item.
    index('items_new_idx').on(t.createdAt).where(sql`${t.status} = 'new'`),
    // A poll's look-up of its feed's items still waiting for ingestion: small, and never a scan of a backlog.
    index('items_new_by_feed_idx').on(t.feedId).where(sql`${t.status} = 'new'`),
  ],
);

/** A story: one piece of news and all its copies. Ids are never reused; a merged story points at its survivor. */
export const stories = pgTable(
  'stories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    canonicalItemId: bigint('canonical_item_id', { mode: 'number' }).references(() => items.id, { onDelete: 'set null' }),
    canonicalReason: text('canonical_reason'),
    title: text('title').notNull(),
    itemCount: integer('item_count').notNull().default(0),
    languages: text('languages').array().notNull().default([]),
    firstPublishedAt: ts('first_published_at'),
    mergedInto: bigint('merged_into', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('stories_updated_idx').on(t.updatedAt),
    // The stories redirected to one (a merge re-points them, an emptied story's delete removes them): partial, so
    // it holds only the merged stories, not a row per story.
    index('stories_merged_into_idx').on(t.mergedInto).where(sql`${t.mergedInto} is not null`),
  ],
);

/** Membership: every item belongs to at most one story, and says how it joined. */
export const storyItems = pgTable(
  'story_items',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id),
    method: text('method').notNull(),
    score: real('score').notNull().default(0),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [index('story_items_story_idx').on(t.storyId)],
);

/** A story a membership refold split off another (`stories refold --membership`; feedfold_v1.story_splits). */
export const storySplits = pgTable('story_splits', {
  storyId: bigint('story_id', { mode: 'number' })
    .primaryKey()
    .references(() => stories.id, { onDelete: 'cascade' }),
  splitFrom: bigint('split_from', { mode: 'number' }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Where a long maintenance run stands (the last item it finished), so an interrupted run resumes there. */
export const maintenanceProgress = pgTable('maintenance_progress', {
  task: text('task').primaryKey(),
  /** The last item id the run finished. */
  position: bigint('position', { mode: 'number' }).notNull(),
  /** The largest item id the run covers (items after it were folded by the current code anyway). */
  until: bigint('until', { mode: 'number' }).notNull(),
  since: ts('since'),
  startedAt: ts('started_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The candidate index: each folded item's look-up keys (32-bit hashes, lookupKeyIds) in one row, found through
 * a GIN index (compressed posting lists). Keys of items older than the key window are forgotten
 * (FEEDFOLD_KEY_WINDOW_DAYS); the items, stories and memberships stay. Not part of the feedfold_v1 contract.
 */
export const candidateKeys = pgTable(
  'candidate_keys',
  {
    itemId: bigint('item_id', { mode: 'number' })
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    keys: integer('keys').array().notNull(),
  },
  // fastupdate off: a pending list would be scanned by every look-up until it is merged.
  (t) => [index('candidate_keys_keys_idx').using('gin', t.keys).with({ fastupdate: false })],
);

/**
 * This installation: one row, its id minted once by the database. Merged-feed entry ids derive from it, so
 * they stay the same whatever the public URL, Host header or port (src/db/installation.ts).
 */
export const installation = pgTable(
  'installation',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [check('installation_singleton', sql`${t.singleton}`)],
);

// ---- Reader accounts (docs/reader-apps.md): accounts, their tokens, folders, subscriptions and state. ----

/** A person who reads through an app. The password hash is scrypt (src/domain/accounts/password.ts). */
export const accounts = pgTable(
  'accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** sha256 of the Fever API key md5(name:password): the protocol's own secret, kept apart from the password hash. */
    feverKeyHash: text('fever_key_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_name_key').on(t.name), uniqueIndex('accounts_fever_key').on(t.feverKeyHash)],
);

/** Secrets handed to apps: a reader login (`reader-auth`) or a private feed URL (`private-feed`). Stored hashed. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** sha256 (hex) of the token's secret part. */
    secretHash: text('secret_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('account_tokens_account_idx').on(t.accountId, t.kind)],
);

/** An account's folders (Google Reader labels, Fever groups). */
export const folders = pgTable(
  'folders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('folders_account_name_key').on(t.accountId, t.name)],
);

/** An account's subscription to a shared feed, with its own title and folder. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    feedId: bigint('feed_id', { mode: 'number' })
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    title: text('title'),
    folderId: bigint('folder_id', { mode: 'number' }).references(() => folders.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.feedId] }), index('subscriptions_feed_idx').on(t.feedId)],
);

/** Read and starred state of a story for an account; no row means unread and not starred. */
export const storyStates = pgTable(
  'story_states',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    storyId: bigint('story_id', { mode: 'number' })
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    read: boolean('read').notNull().default(false),
    readChangedAt: ts('read_changed_at'),
    starred: boolean('starred').notNull().default(false),
    starredChangedAt: ts('starred_changed_at'),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.storyId] }), index('story_states_story_idx').on(t.storyId)],
);
