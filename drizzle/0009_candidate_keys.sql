-- The candidate index becomes one row per item: its lookup keys as 32-bit integers in an array, under a GIN index
-- (compressed posting lists), instead of one text row per key with two btree indexes (docs/database.md). Existing
-- keys are not converted: `feedfold migrate` (and `run`) rebuild the key window's keys from the stored signatures
-- when folded items have none (`feedfold keys rebuild [--all]` does it by hand).
CREATE TABLE "candidate_keys" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"keys" integer[] NOT NULL
);
--> statement-breakpoint
DROP TABLE "fingerprint_keys" CASCADE;--> statement-breakpoint
ALTER TABLE "candidate_keys" ADD CONSTRAINT "candidate_keys_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidate_keys_keys_idx" ON "candidate_keys" USING gin ("keys") WITH (fastupdate=false);--> statement-breakpoint
-- Article text, feed content, summaries and signatures compress with lz4 where the server has it (PostgreSQL 14+
-- built with lz4: smaller and faster than pglz); elsewhere (PGlite) they keep pglz. Rows written from now on.
DO $$ BEGIN
  ALTER TABLE "items" ALTER COLUMN "text" SET COMPRESSION lz4, ALTER COLUMN "content" SET COMPRESSION lz4,
    ALTER COLUMN "summary" SET COMPRESSION lz4, ALTER COLUMN "signature" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
