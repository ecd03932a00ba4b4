-- Learning from the editor (issue 13). One row per decision, never updated: item, action, topics before and
-- after, when, and where (desk | cli). `label` is the training signal: 1 kept (shortlist, promote), 0 rejected,
-- NULL for a re-tag only. `features` is the item's feature list at decision time, so the model can be rebuilt.
CREATE TABLE review_decisions (
  id             INTEGER PRIMARY KEY,
  item_id        INTEGER NOT NULL,
  story_id       INTEGER,
  action         TEXT NOT NULL,      -- shortlist | reject | topics | promote | undo
  label          INTEGER,            -- 1 | 0 | NULL
  topics_before  TEXT,               -- JSON array
  topics_after   TEXT,               -- JSON array
  features       TEXT NOT NULL,      -- JSON array of feature strings
  via            TEXT NOT NULL,      -- desk | cli
  undoes         INTEGER,            -- for an undo: the decision it takes back (its counts leave the model)
  at             TEXT NOT NULL
);
CREATE INDEX review_decisions_item ON review_decisions(item_id);

-- The per-publication model: per feature, in how many kept (pos) and rejected (neg) decisions it appeared.
-- The row with feature '' holds the number of kept and rejected decisions.
CREATE TABLE learn_features (
  feature  TEXT PRIMARY KEY,
  pos      INTEGER NOT NULL DEFAULT 0,
  neg      INTEGER NOT NULL DEFAULT 0
);

-- What the learned adjustment did to an item at ingest: the rules' score and the adjusted one (items.relevance),
-- with the features that moved it most, so the desk can say "your past decisions lowered this from 0.62 to 0.31".
CREATE TABLE learn_adjustments (
  item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  rule_score  REAL NOT NULL,
  score       REAL NOT NULL,
  rule_state  TEXT NOT NULL,        -- the state the rules alone gave: extracted | irrelevant
  moved_by    TEXT NOT NULL,        -- JSON array of {feature, weight}
  at          TEXT NOT NULL
);
