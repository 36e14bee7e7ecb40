-- The stories redirected to one story, found by index: a merge re-points the stories merged into the ones it
-- absorbs, and deleting an emptied story removes its redirects; both scanned every story before. Partial: only
-- merged stories have an entry.
CREATE INDEX "stories_merged_into_idx" ON "stories" USING btree ("merged_into") WHERE "stories"."merged_into" is not null;
