-- Sources as configured, with their health and conditional-GET validators.
CREATE TABLE sources (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  type                  TEXT NOT NULL,
  url                   TEXT NOT NULL,
  enabled               INTEGER NOT NULL DEFAULT 1,
  is_primary            INTEGER NOT NULL DEFAULT 0,
  feed_url              TEXT,              -- autodiscovered feed behind an HTML page
  etag                  TEXT,
  last_modified         TEXT,
  last_attempt_at       TEXT,
  last_ok_at            TEXT,
  last_error_kind       TEXT,
  last_error            TEXT,
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  next_fetch_at         TEXT
);

-- One row per article. `url` is the normalised key; item_urls holds every alias.
CREATE TABLE items (
  id               INTEGER PRIMARY KEY,
  url              TEXT NOT NULL UNIQUE,
  canonical_url    TEXT,
  title            TEXT,
  byline           TEXT,
  published_at     TEXT,
  discovered_at    TEXT NOT NULL,
  fetched_at       TEXT,
  lang             TEXT,
  site_name        TEXT,
  text             TEXT,
  text_from        TEXT,                  -- 'page' | 'feed'
  content_hash     TEXT,
  feed_title       TEXT,
  feed_summary     TEXT,
  feed_content     TEXT,
  feed_published_at TEXT,
  state            TEXT NOT NULL DEFAULT 'discovered',
  review           TEXT NOT NULL DEFAULT 'new',
  relevance        REAL,
  relevance_terms  TEXT,                  -- JSON array
  attempts         INTEGER NOT NULL DEFAULT 0,
  error_kind       TEXT,
  error            TEXT,
  retryable        INTEGER NOT NULL DEFAULT 0,  -- the last failure was transient
  updated_at       TEXT NOT NULL
);
CREATE INDEX items_state ON items(state);
CREATE INDEX items_content_hash ON items(content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX items_published ON items(published_at);

CREATE TABLE item_urls (
  url      TEXT PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE
);
CREATE INDEX item_urls_item ON item_urls(item_id);

CREATE TABLE item_sources (
  item_id        INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  source_id      TEXT NOT NULL,
  url_seen       TEXT NOT NULL,
  first_seen_at  TEXT NOT NULL,
  PRIMARY KEY (item_id, source_id)
);
CREATE INDEX item_sources_source ON item_sources(source_id);

CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  trigger      TEXT NOT NULL,            -- 'cli' | 'schedule' | 'web'
  pid          INTEGER,
  outcome      TEXT NOT NULL DEFAULT 'running',  -- running | ok | partial | failed | interrupted
  counts       TEXT,                     -- JSON
  error        TEXT
);

-- At most one row: the run that holds the database.
CREATE TABLE run_lock (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  run_id        INTEGER,
  pid           INTEGER NOT NULL,
  hostname      TEXT NOT NULL,
  acquired_at   TEXT NOT NULL,
  heartbeat_at  TEXT NOT NULL
);
