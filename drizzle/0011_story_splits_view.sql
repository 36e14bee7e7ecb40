-- feedfold_v1.story_splits: a new view beside the others (the existing views are unchanged). One row per
-- story that a membership refold (`feedfold stories refold --membership`) split off another (docs/database.md).
CREATE VIEW feedfold_v1.story_splits AS
SELECT sp.story_id, sp.split_from, sp.created_at AS split_at
FROM story_splits sp;
