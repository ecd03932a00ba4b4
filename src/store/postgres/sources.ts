import type { Conn } from './conn.js';
import type { SourcesPort, SourceHealth, SourceState } from '../ports.js';

/** The sources port on PostgreSQL. */
export function pgSources(db: Conn): SourcesPort {
  return {
    async upsertSources(sources) {
      await db.atomic(async (c) => {
        for (const s of sources) {
          await c.run(`INSERT INTO sources (id, name, type, url, enabled, is_primary)
            VALUES (@id, @name, @type, @url, @enabled, @primary)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, enabled = excluded.enabled,
              is_primary = excluded.is_primary,
              etag = CASE WHEN sources.url = excluded.url THEN sources.etag END,
              last_modified = CASE WHEN sources.url = excluded.url THEN sources.last_modified END,
              feed_url = CASE WHEN sources.url = excluded.url THEN sources.feed_url END,
              url = excluded.url`,
          { id: s.id, name: s.name, type: s.type, url: s.url, enabled: s.enabled ? 1 : 0, primary: s.primary ? 1 : 0 });
        }
      });
    },
    getSourceState: (id) => db.one<SourceState>(`SELECT id, feed_url, etag, last_modified, consecutive_failures FROM sources WHERE id = @id`, { id }),
    async recordSourceAttempt(id, now) {
      await db.run(`UPDATE sources SET last_attempt_at = @now WHERE id = @id`, { id, now });
    },
    async recordSourceOk(id, v, now) {
      await db.run(`UPDATE sources SET last_ok_at = @now, last_error = NULL, last_error_kind = NULL, consecutive_failures = 0,
        etag = @etag, last_modified = @last_modified, feed_url = @feed_url WHERE id = @id`,
      { id, now, etag: v.etag, last_modified: v.last_modified, feed_url: v.feed_url });
    },
    async recordSourceFailure(id, kind, message) {
      await db.run(`UPDATE sources SET last_error = @message, last_error_kind = @kind,
        consecutive_failures = consecutive_failures + 1 WHERE id = @id`, { id, kind, message });
    },
    async listSourceHealth(recentSince) {
      const rows = await db.all<Omit<SourceHealth, 'enabled'> & { enabled: number }>(`SELECT s.id, s.name, s.type, s.url, s.enabled,
          s.last_attempt_at, s.last_ok_at, s.last_error, s.last_error_kind, s.consecutive_failures,
          (SELECT count(*) FROM item_sources x WHERE x.source_id = s.id) AS items_total,
          (SELECT count(*) FROM item_sources x WHERE x.source_id = s.id AND x.first_seen_at >= @since) AS items_recent
        FROM sources s ORDER BY s.consecutive_failures > 0 DESC, s.id COLLATE "C"`, { since: recentSince });
      return rows.map((r) => ({ ...r, enabled: !!r.enabled }));
    },
    sourceNames: () => db.all<{ id: string; name: string }>(`SELECT id, name FROM sources ORDER BY lower(name) COLLATE "C", id COLLATE "C"`),
  };
}
