-- When an item counts as "new" for listings: its published time, else when it was discovered.
ALTER TABLE items ADD COLUMN sort_at TEXT;
UPDATE items SET sort_at = coalesce(published_at, discovered_at);
CREATE INDEX items_review_sort ON items(review, sort_at);
CREATE INDEX items_sort ON items(sort_at);
-- The review state before the last change, so a reject can be undone.
ALTER TABLE items ADD COLUMN prev_review TEXT;
ALTER TABLE items ADD COLUMN review_at TEXT;

-- Full-text search over title, text, headline and bullet; rowid = items.id. Contentless: matching
-- only, the text itself stays in items and summaries.
CREATE VIRTUAL TABLE items_fts USING fts5(title, text, headline, bullet, content='', contentless_delete=1,
  tokenize = 'unicode61 remove_diacritics 2');

-- Issues of the publication and their ordered items.
CREATE TABLE issues (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  volume        INTEGER NOT NULL,
  number        INTEGER NOT NULL,
  date_from     TEXT,
  date_to       TEXT,
  status        TEXT NOT NULL DEFAULT 'draft',   -- draft | published
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  published_at  TEXT,
  UNIQUE (volume, number)
);
CREATE TABLE issue_items (
  issue_id  INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
  item_id   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  PRIMARY KEY (issue_id, item_id)
);
CREATE INDEX issue_items_item ON issue_items(item_id);
