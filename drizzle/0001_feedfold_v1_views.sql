-- feedfold_v1: the read interface for downstream apps (docs/database.md). Columns never change
-- in place: a change of shape adds feedfold_v2 beside it.
CREATE SCHEMA IF NOT EXISTS feedfold_v1;
--> statement-breakpoint
CREATE VIEW feedfold_v1.stories AS
SELECT s.id AS story_id,
       s.title,
       s.canonical_item_id,
       COALESCE(ci.canonical_url, ci.page_url, ci.url) AS canonical_url,
       s.item_count,
       s.first_published_at,
       s.updated_at
FROM stories s
LEFT JOIN items ci ON ci.id = s.canonical_item_id
WHERE s.merged_into IS NULL;
--> statement-breakpoint
CREATE VIEW feedfold_v1.story_items AS
SELECT si.story_id,
       si.item_id,
       f.url AS feed_url,
       COALESCE(i.page_url, i.url) AS url,
       i.canonical_url,
       i.title,
       i.language,
       i.published_at,
       (s.canonical_item_id = i.id) AS is_canonical
FROM story_items si
JOIN items i ON i.id = si.item_id
JOIN feeds f ON f.id = i.feed_id
JOIN stories s ON s.id = si.story_id;
--> statement-breakpoint
CREATE VIEW feedfold_v1.story_redirects AS
SELECT s.id AS story_id, s.merged_into, s.updated_at
FROM stories s
WHERE s.merged_into IS NOT NULL;
