import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The better-sqlite3 handle; only code under store/ sees it. */
export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Why a database file could not be opened. */
export type DbOpenProblem = 'missing' | 'read-only file' | 'read-only folder' | 'not a database' | 'corrupted' | 'cannot open';

/** A database that cannot be opened: names the file, the kind of problem, and what to do. */
export class DbOpenError extends Error {
  constructor(readonly file: string, readonly problem: DbOpenProblem, detail: string) {
    super(`${describe(file, problem)}${detail ? ` (${detail})` : ''}`);
    this.name = 'DbOpenError';
  }
}

function describe(file: string, problem: DbOpenProblem): string {
  switch (problem) {
    case 'missing': return `no database at ${file}; check --db, or run \`newsdesk ingest\` first to create one`;
    case 'read-only file': return `the database ${file} is read-only: make it writable (chmod u+w "${file}") or run as its owner`;
    case 'read-only folder': return `the folder of the database ${file} is read-only (SQLite needs to create ${file}-wal and -shm beside it): ` +
      `make "${dirname(file)}" writable, or move the database to a folder you can write`;
    case 'not a database': return `${file} is not a SQLite database: check --db (it should name a newsdesk database file)`;
    case 'corrupted': return `the database ${file} is corrupted: recover it with sqlite3 "${file}" ".recover" | sqlite3 recovered.db, ` +
      'then point --db at recovered.db (or restore a backup)';
    default: return `cannot open the database ${file}: check that the path is a file you can read and write`;
  }
}

function writable(path: string): boolean {
  try { accessSync(path, constants.W_OK); return true; } catch { return false; }
}

/** Turns SQLite's error on opening or migrating `file` into a DbOpenError naming the file and the fix; others pass. */
function explain(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const message = (err as Error).message;
  if (code === 'SQLITE_NOTADB') return new DbOpenError(file, 'not a database', message);
  if (code.startsWith('SQLITE_CORRUPT')) return new DbOpenError(file, 'corrupted', message);
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    if (existsSync(file) && statSync(file).isDirectory()) return new DbOpenError(file, 'cannot open', `${file} is a folder`);
    if (code === 'SQLITE_READONLY_DIRECTORY' || !writable(dirname(file))) return new DbOpenError(file, 'read-only folder', message);
    if (code.startsWith('SQLITE_READONLY') || (existsSync(file) && !writable(file))) return new DbOpenError(file, 'read-only file', message);
    return new DbOpenError(file, 'cannot open', message);
  }
  return err;
}

/**
 * Whether another connection (a running desk, an ingest) has `file` open. A WAL database cannot leave WAL mode
 * while anyone else has it open, so the switch, tried without waiting, fails exactly then. Only for a file about
 * to be deleted: it leaves the database in rollback-journal mode.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw explain(file, err);
  } finally {
    db.close();
  }
}

/**
 * Opens the SQLite file in WAL mode and applies pending migrations. With `create: false` a missing file is
 * refused (DbOpenError 'missing') instead of creating it and its folders.
 */
export function openDb(file: string, opts: { create?: boolean } = {}): Db {
  if (file !== ':memory:') {
    if (opts.create === false && !existsSync(file)) throw new DbOpenError(file, 'missing', '');
    if (opts.create !== false) mkdirSync(dirname(file), { recursive: true });
    // SQLite would open a file it may not write read-only without a word, and the first write would fail
    // later without naming the file.
    if (existsSync(file) && !statSync(file).isDirectory() && !writable(file)) throw new DbOpenError(file, 'read-only file', '');
  }
  let db: Db | undefined;
  try {
    db = new Database(file, { fileMustExist: opts.create === false });
    // The busy timeout first: switching a fresh file to WAL takes a lock another opener may hold.
    db.pragma('busy_timeout = 5000');
    const conn = db;
    // Some lock waits skip the busy handler (switching a fresh file to WAL while another process is doing the same
    // can answer SQLITE_BUSY at once): retry those a few times before giving up; every step is idempotent.
    retryBusy(() => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('foreign_keys = ON');
      conn.pragma('synchronous = NORMAL');
      migrate(conn);
    });
    // Reads the schema now, so a damaged file is reported here, naming it, rather than by the first query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    if (db?.open) db.close();
    throw explain(file, err);
  }
}

/** Runs `fn`, again after a short pause when SQLite answers SQLITE_BUSY without waiting (at most ~2 s in all). */
function retryBusy(fn: () => void): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fn();
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 20) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + attempt * 5);
    }
  }
}

/**
 * Applies migrations/NNN_name.sql above PRAGMA user_version, all in one immediate (write-locked) transaction
 * that reads the version again once it holds the lock: processes opening a fresh file at the same moment
 * wait for each other, and only the first migrates.
 */
export function migrate(db: Db): number {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const latest = Math.max(0, ...files.map((f) => Number(f.slice(0, 3))));
  if ((db.pragma('user_version', { simple: true }) as number) >= latest) return 0;
  return db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    let applied = 0;
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (version <= current) continue;
      db.exec(readFileSync(MIGRATIONS_DIR + file, 'utf8'));
      db.pragma(`user_version = ${version}`);
      applied++;
    }
    return applied;
  }).immediate();
}

/** The schema version of an SQLite file (PRAGMA user_version), or null when there is no such file. */
export function sqliteSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}
