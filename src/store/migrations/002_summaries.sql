-- Stories: items about the same event. Until clustering groups them, each relevant item is a story of its own.
CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  lead_item_id  INTEGER REFERENCES items(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
ALTER TABLE items ADD COLUMN story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL;
CREATE INDEX items_story ON items(story_id);

-- Where a failed item failed: 'fetch' (retried by ingest) or 'summarize' (retried by summarize).
ALTER TABLE items ADD COLUMN failed_stage TEXT;

-- The machine draft of a story, and the editor's version beside it (never over it).
CREATE TABLE summaries (
  story_id          INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  item_id           INTEGER REFERENCES items(id) ON DELETE SET NULL,  -- the item that was summarized
  headline          TEXT NOT NULL,
  bullet            TEXT NOT NULL,
  topics            TEXT NOT NULL,           -- JSON array of topic ids, primary first
  topic_confidence  REAL NOT NULL,
  summarizer        TEXT NOT NULL,           -- 'offline' | 'llm:<model>'
  prompt_version    TEXT,
  cache_key         TEXT NOT NULL,
  unsupported       TEXT NOT NULL DEFAULT '[]',
  created_at        TEXT NOT NULL,
  edit_headline     TEXT,
  edit_bullet       TEXT,
  edit_topics       TEXT,
  edited_at         TEXT,
  edit_rev          INTEGER NOT NULL DEFAULT 0
);

-- Drafts by cache key (summarizer + prompt version + text hash): an unchanged text is never sent twice.
CREATE TABLE summary_cache (
  cache_key         TEXT PRIMARY KEY,
  headline          TEXT NOT NULL,
  bullet            TEXT NOT NULL,
  topics            TEXT NOT NULL,
  topic_confidence  REAL NOT NULL,
  unsupported       TEXT NOT NULL,
  summarizer        TEXT NOT NULL,
  prompt_version    TEXT,
  created_at        TEXT NOT NULL
);

-- Every LLM call, one row per HTTP attempt.
CREATE TABLE llm_calls (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER,
  item_id         INTEGER,
  model           TEXT NOT NULL,
  prompt_version  TEXT,
  tokens_in       INTEGER NOT NULL,
  tokens_out      INTEGER NOT NULL,
  ms              INTEGER NOT NULL,
  outcome         TEXT NOT NULL,
  cost_usd        REAL NOT NULL,
  error           TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX llm_calls_run ON llm_calls(run_id);
