CREATE TABLE "item_feed_bodies" (
	"item_id" bigint PRIMARY KEY NOT NULL,
	"summary" text,
	"content" text
);
--> statement-breakpoint
ALTER TABLE "item_feed_bodies" ADD CONSTRAINT "item_feed_bodies_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;