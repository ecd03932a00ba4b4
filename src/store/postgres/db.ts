import { createPool, explainPgError, type PgPool } from './pool.js';
import { migrate } from './migrate.js';

/** Whether a database setting names PostgreSQL (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/**
 * Opens a pool on the PostgreSQL database at `url` and applies pending migrations (safe when several processes
 * start together). Connection problems are reported as PgOpenError, naming the server (password masked) and the fix.
 */
export async function openPgPool(url: string, opts: { max?: number; migrate?: boolean } = {}): Promise<PgPool> {
  const pool = createPool(url, opts);
  try {
    if (opts.migrate !== false) await migrate(pool);
    else await pool.query('SELECT 1');
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw explainPgError(url, err);
  }
}
