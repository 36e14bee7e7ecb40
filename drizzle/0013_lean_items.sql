-- Indexes no query uses: items by canonical URL, stories by first publication (the merged feed orders by an
-- expression it cannot serve); items by status becomes partial, holding only the backlog still to ingest.
DROP INDEX "items_status_idx";--> statement-breakpoint
DROP INDEX "items_canonical_url_idx";--> statement-breakpoint
DROP INDEX "stories_first_published_idx";--> statement-breakpoint
CREATE INDEX "items_new_idx" ON "items" USING btree ("created_at") WHERE "items"."status" = 'new';--> statement-breakpoint
-- An ingested item with text no longer keeps its feed's content and summary: every reader takes the text first,
-- and the feed's HTML was read once, to choose it (src/db/items.ts saveIngested).
UPDATE "items" SET "content" = NULL, "summary" = NULL
WHERE "status" <> 'new' AND "text" <> '' AND ("content" IS NOT NULL OR "summary" IS NOT NULL);
