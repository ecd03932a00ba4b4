import pg from 'pg';

/** A pool of connections to one PostgreSQL database; only code under store/postgres/ sees it. */
export type PgPool = pg.Pool;
/** One connection taken from the pool (a transaction runs on one). */
export type PgClient = pg.PoolClient;
/** What a query runs on: the pool (one statement, its own transaction) or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

/** PostgreSQL could not be reached or used: says which server and database, and what to do. */
export class PgOpenError extends Error {
  constructor(readonly url: string, readonly problem: string, detail: string) {
    super(`${problem} (${detail})`);
    this.name = 'PgOpenError';
  }
}

/** The URL with its password masked, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable database URL)';
  }
}

// count(*) and sums of integers come back as int8: numbers here (the counts fit), as SQLite returns them.
// Set on this pool only, so other users of `pg` in the process (pg-boss) keep the defaults.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Opens a pool on `url` (postgres://user[:password]@host[:port]/database; the password may come from PGPASSWORD). */
export function createPool(url: string, opts: { max?: number } = {}): PgPool {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: types as never, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** Turns a connection failure into a PgOpenError naming the server and the fix; other errors pass. */
export function explainPgError(url: string, err: unknown): unknown {
  const e = err as { code?: string; message?: string };
  const where = safeUrl(url);
  const detail = e.message ?? String(err);
  switch (e.code) {
    case 'ECONNREFUSED':
      return new PgOpenError(url, `no PostgreSQL server answers at ${where}: start it (pg_ctlcluster <version> main start) or check the host and port`, detail);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PgOpenError(url, `the database host in ${where} is unknown: check the host name in the URL`, detail);
    case '28P01':
    case '28000':
      return new PgOpenError(url, `PostgreSQL refused the login for ${where}: check the user and password (in the URL or PGPASSWORD)`, detail);
    case '3D000':
      return new PgOpenError(url, `the database in ${where} does not exist: create it (createdb NAME) or fix its name in the URL`, detail);
    case '42501':
      return new PgOpenError(url, `the user in ${where} may not create tables: grant it CREATE on the database, or let its owner run newsdesk db migrate`, detail);
    default:
      return err;
  }
}
