-- Story clustering: each clustered item's matching features, its lookup keys (LSH bands and blocking keys,
-- with the item's day so a date window is an index range) and the document frequency of its terms.
CREATE TABLE story_features (
  item_id   INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  day       INTEGER NOT NULL,
  features  TEXT NOT NULL                 -- JSON StoryFeatures
);
CREATE TABLE story_keys (
  key      TEXT NOT NULL,
  day      INTEGER NOT NULL,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE
);
CREATE INDEX story_keys_lookup ON story_keys(key, day);
CREATE INDEX story_keys_item ON story_keys(item_id);
CREATE TABLE story_df (
  key  TEXT PRIMARY KEY,
  n    INTEGER NOT NULL
) WITHOUT ROWID;

-- A story about an event an earlier issue already ran: the issue, and the story it follows.
ALTER TABLE stories ADD COLUMN follow_up_of INTEGER REFERENCES issues(id) ON DELETE SET NULL;
ALTER TABLE stories ADD COLUMN follows_story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;
-- An editor split this item out or merged it in: later runs never move it.
ALTER TABLE items ADD COLUMN story_pinned INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_follow_up ON stories(follow_up_of) WHERE follow_up_of IS NOT NULL;
