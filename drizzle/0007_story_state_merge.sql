-- When a story is absorbed into another (stories.merged_into set), each account's read and starred state
-- moves to the surviving story by the rule of docs/reader-apps.md: read when every state the account kept
-- for the two stories says read (a story it never marked counts as neither), starred when either was.
-- A trigger, so every code path that merges stories keeps the rule.
CREATE FUNCTION feedfold_merge_story_states() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO story_states AS s (account_id, story_id, read, read_changed_at, starred, starred_changed_at)
  SELECT account_id, NEW.merged_into, read, read_changed_at, starred, starred_changed_at
  FROM story_states WHERE story_id = NEW.id
  ON CONFLICT (account_id, story_id) DO UPDATE SET
    read = s.read AND EXCLUDED.read,
    read_changed_at = GREATEST(s.read_changed_at, EXCLUDED.read_changed_at),
    starred = s.starred OR EXCLUDED.starred,
    starred_changed_at = GREATEST(s.starred_changed_at, EXCLUDED.starred_changed_at);
  DELETE FROM story_states WHERE story_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stories_merge_states AFTER UPDATE OF merged_into ON stories
FOR EACH ROW WHEN (OLD.merged_into IS NULL AND NEW.merged_into IS NOT NULL)
EXECUTE FUNCTION feedfold_merge_story_states();
