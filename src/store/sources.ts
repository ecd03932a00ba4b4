import type { Db } from './db.js';
import type { Source } from '../domain/types.js';

/** A source's stored state: validators for conditional GET and its health. */
export interface SourceState {
  id: string;
  feed_url: string | null;
  etag: string | null;
  last_modified: string | null;
  consecutive_failures: number;
}

/** A source with its health, as `newsdesk sources --json` prints it. */
export interface SourceHealth {
  id: string;
  name: string;
  type: string;
  url: string;
  enabled: boolean;
  last_attempt_at: string | null;
  last_ok_at: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  consecutive_failures: number;
  items_total: number;
  items_recent: number;
}

/** Queries on the sources aggregate. */
export function sourceQueries(db: Db) {
  const upsert = db.prepare(`INSERT INTO sources (id, name, type, url, enabled, is_primary)
    VALUES (@id, @name, @type, @url, @enabled, @primary)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, enabled = excluded.enabled,
      is_primary = excluded.is_primary,
      -- a changed URL invalidates the validators and any discovered feed behind it
      etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
      last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
      feed_url = CASE WHEN sources.url = excluded.url THEN sources.feed_url END,
      url = excluded.url`);
  const state = db.prepare(`SELECT id, feed_url, etag, last_modified, consecutive_failures FROM sources WHERE id = ?`);
  const attempt = db.prepare(`UPDATE sources SET last_attempt_at = ? WHERE id = ?`);
  const ok = db.prepare(`UPDATE sources SET last_ok_at = @now, last_error = NULL, last_error_kind = NULL,
      consecutive_failures = 0, etag = @etag, last_modified = @last_modified, feed_url = @feed_url WHERE id = @id`);
  const fail = db.prepare(`UPDATE sources SET last_error = @message, last_error_kind = @kind,
      consecutive_failures = consecutive_failures + 1 WHERE id = @id`);
  const health = db.prepare(`SELECT s.id, s.name, s.type, s.url, s.enabled, s.last_attempt_at, s.last_ok_at,
      s.last_error, s.last_error_kind, s.consecutive_failures,
      (SELECT count(*) FROM item_sources x WHERE x.source_id = s.id) AS items_total,
      (SELECT count(*) FROM item_sources x WHERE x.source_id = s.id AND x.first_seen_at >= @since) AS items_recent
    FROM sources s ORDER BY s.consecutive_failures > 0 DESC, s.id`);

  return {
    /** Writes the configured sources; a changed URL forgets its ETag/Last-Modified. */
    upsertSources(sources: Source[]): void {
      db.transaction(() => {
        for (const s of sources) {
          upsert.run({ id: s.id, name: s.name, type: s.type, url: s.url, enabled: s.enabled ? 1 : 0, primary: s.primary ? 1 : 0 });
        }
      })();
    },
    /** The stored validators and failure count of one source. */
    getSourceState(id: string): SourceState | undefined {
      return state.get(id) as SourceState | undefined;
    },
    /** Stamps the start of an attempt to read a source. */
    recordSourceAttempt(id: string, now: string): void {
      attempt.run(now, id);
    },
    /** A successful read (including 304): clears the error and stores new validators. */
    recordSourceOk(id: string, v: { etag: string | null; last_modified: string | null; feed_url: string | null }, now: string): void {
      ok.run({ id, now, ...v });
    },
    /** A failed read: keeps the old validators, counts the failure. */
    recordSourceFailure(id: string, kind: string, message: string): void {
      fail.run({ id, kind, message });
    },
    /** Every stored source with its health, failing ones first. */
    listSourceHealth(recentSince: string): SourceHealth[] {
      return (health.all({ since: recentSince }) as (Omit<SourceHealth, 'enabled'> & { enabled: number })[])
        .map((r) => ({ ...r, enabled: !!r.enabled }));
    },
  };
}
