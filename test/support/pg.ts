import { after, before, describe } from 'node:test';
import pg from 'pg';

/** The server the PostgreSQL tests use; `bash .ci/run` starts one and sets it. */
export const TEST_DATABASE_URL = process.env.NEWSDESK_TEST_DATABASE_URL;

/** Why the PostgreSQL tests skip (false when they run). */
export const pgSkipReason: string | false = TEST_DATABASE_URL
  ? false
  : 'PostgreSQL tests skipped: set NEWSDESK_TEST_DATABASE_URL (bash .ci/run does)';

const PREFIX = 'newsdesk_t_';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as { code?: string }).code === 'EPERM'; }
}

/**
 * A fresh, empty database on the test server (CREATE DATABASE needs the role's CREATEDB); `drop` removes it even
 * while connections are open. Databases left by test processes that died (named with their pid) are dropped first.
 */
export async function freshDatabase(opts: { icuLocale?: string } = {}): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error(pgSkipReason as string);
  const name = `${PREFIX}${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin(async (c) => {
    const left = (await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${PREFIX}%`])).rows;
    for (const { datname } of left) {
      const pid = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (pid && pid !== process.pid && !alive(pid)) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {});
    }
    // icuLocale: a server default collation other than byte order (as many production servers have), e.g. 'en-US'.
    await c.query(opts.icuLocale
      ? `CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${opts.icuLocale.replace(/'/g, '')}'`
      : `CREATE DATABASE "${name}"`);
  });
  const u = new URL(TEST_DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: () => admin(async (c) => { await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); }),
  };
}

/**
 * A describe block on a database of its own: `db.url` is set before its tests run, and the database is dropped
 * after. Without NEWSDESK_TEST_DATABASE_URL the block is skipped with one line saying why.
 */
export function describePg(name: string, fn: (db: { url: string }) => void): void {
  if (pgSkipReason) {
    describe(name, { skip: pgSkipReason }, () => {});
    return;
  }
  describe(name, () => {
    const db = { url: '' };
    let drop: (() => Promise<void>) | undefined;
    before(async () => {
      const fresh = await freshDatabase();
      db.url = fresh.url;
      drop = fresh.drop;
    });
    after(async () => { await drop?.(); });
    fn(db);
  });
}

let schemas = 0;

/**
 * A fresh, empty schema in the database at `url` (cheaper than a database: for suites that open a new store per
 * test). Its URL puts the schema first on the search path, so everything the store creates lands in it.
 */
export async function freshSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `s${process.pid}_${++schemas}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { await c.query(`CREATE SCHEMA "${name}"`); } finally { await c.end(); }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: url });
      await d.connect();
      try { await d.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`); } finally { await d.end(); }
    },
  };
}
