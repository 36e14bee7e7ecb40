-- Items stay unique per (feed, item key) through the key's MD5 as a uuid: 16 bytes per index entry instead of the
-- whole key (a guid or URL), half the index. Polls insert with ON CONFLICT on the same expression.
CREATE UNIQUE INDEX "items_feed_key_md5" ON "items" USING btree ("feed_id",(md5("item_key")::uuid));--> statement-breakpoint
DROP INDEX "items_feed_key";
