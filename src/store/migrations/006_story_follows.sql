-- Filing an item looks up the follow-up of the story it matched: an index, not a scan of every story.
CREATE INDEX IF NOT EXISTS stories_follows ON stories(follows_story_id) WHERE follows_story_id IS NOT NULL;
