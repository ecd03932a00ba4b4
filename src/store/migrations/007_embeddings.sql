-- The optional embeddings view of story matching (issue 13): one vector per item and model, fetched once.
-- `vector` is little-endian float32, `dims` values long. IF NOT EXISTS: a file that reached a later version
-- before this migration existed gets the table from store/embeddings.ts instead.
CREATE TABLE IF NOT EXISTS item_embeddings (
  item_id  INTEGER NOT NULL,
  model    TEXT NOT NULL,
  dims     INTEGER NOT NULL,
  vector   BLOB NOT NULL,
  at       TEXT NOT NULL,
  PRIMARY KEY (item_id, model)
) WITHOUT ROWID;
-- Vector neighbours are looked up within the date window.
CREATE INDEX IF NOT EXISTS story_features_day ON story_features(day);
