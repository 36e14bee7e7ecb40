ALTER TABLE "feeds" ADD COLUMN "publish_span_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feeds" ADD COLUMN "publish_span_items" integer;