import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgPool } from './pool.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The advisory lock every migrating process takes first (any constant: advisory locks are per database). */
export const MIGRATE_LOCK = 7_214_003_015;

/** The PostgreSQL migrations, NNN_name.sql, in order. */
export function migrationFiles(): { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(MIGRATIONS_DIR + f, 'utf8') }));
}

/**
 * Applies the migrations not yet in newsdesk_migrations, each in its own transaction with its version row.
 * Runs under a session advisory lock: processes starting together on a fresh database wait for each other,
 * and only the first applies anything. Returns how many it applied.
 */
export async function migrate(pool: PgPool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS newsdesk_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM newsdesk_migrations')).rows.map((r) => r.version));
      let applied = 0;
      for (const m of migrationFiles()) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO newsdesk_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${m.name} failed: ${(err as Error).message}; nothing of it was applied`, { cause: err });
        }
        applied++;
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The highest applied migration (0 on a database newsdesk never migrated). */
export async function schemaVersion(pool: PgPool): Promise<number> {
  const t = await pool.query(`SELECT to_regclass('newsdesk_migrations') AS t`);
  if (!t.rows[0].t) return 0;
  return Number((await pool.query('SELECT coalesce(max(version), 0) AS v FROM newsdesk_migrations')).rows[0].v);
}
