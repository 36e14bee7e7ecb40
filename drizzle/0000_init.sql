CREATE TABLE "feeds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"site_url" text,
	"language" text,
	"folder" text,
	"state" text DEFAULT 'active' NOT NULL,
	"etag" text,
	"last_modified" text,
	"interval_seconds" integer,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_status" integer,
	"last_success_at" timestamp with time zone,
	"error_count" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fingerprint_keys" (
	"key" text NOT NULL,
	"item_id" bigint NOT NULL,
	CONSTRAINT "fingerprint_keys_key_item_id_pk" PRIMARY KEY("key","item_id")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"url" text,
	"page_url" text,
	"canonical_url" text,
	"title" text NOT NULL,
	"summary" text,
	"content" text,
	"author" text,
	"published_at" timestamp with time zone,
	"language" text,
	"text" text,
	"status" text DEFAULT 'new' NOT NULL,
	"ingest_error" text,
	"signature" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ingested_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"canonical_item_id" bigint,
	"canonical_reason" text,
	"title" text NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"first_published_at" timestamp with time zone,
	"merged_into" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_items" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"story_id" bigint NOT NULL,
	"method" text NOT NULL,
	"score" real DEFAULT 0 NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fingerprint_keys" ADD CONSTRAINT "fingerprint_keys_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_canonical_item_id_items_id_fk" FOREIGN KEY ("canonical_item_id") REFERENCES "public"."items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_items" ADD CONSTRAINT "story_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_items" ADD CONSTRAINT "story_items_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_url_key" ON "feeds" USING btree ("url");--> statement-breakpoint
CREATE INDEX "feeds_due_idx" ON "feeds" USING btree ("state","next_poll_at");--> statement-breakpoint
CREATE INDEX "fingerprint_keys_item_idx" ON "fingerprint_keys" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_feed_key" ON "items" USING btree ("feed_id","item_key");--> statement-breakpoint
CREATE INDEX "items_status_idx" ON "items" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "items_canonical_url_idx" ON "items" USING btree ("canonical_url");--> statement-breakpoint
CREATE INDEX "stories_updated_idx" ON "stories" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "stories_first_published_idx" ON "stories" USING btree ("first_published_at");--> statement-breakpoint
CREATE INDEX "story_items_story_idx" ON "story_items" USING btree ("story_id");