-- A new item that matched two stories of one event merged them: which story absorbed which, the items moved and
-- the item that bridged them. The editor undoes a merge by splitting the items out again; the row stays as a record.
CREATE TABLE story_merges (
  id            INTEGER PRIMARY KEY,
  into_story_id INTEGER NOT NULL,
  from_story_id INTEGER NOT NULL,
  bridge_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  item_ids      TEXT NOT NULL,            -- JSON array of the items moved
  merged_at     TEXT NOT NULL
);
CREATE INDEX story_merges_into ON story_merges(into_story_id);
