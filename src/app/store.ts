import { existsSync } from 'node:fs';
import { UsageError } from '../cli/io.js';
import { DbOpenError, openStore, type Store } from '../store/index.js';

/**
 * How a command opens the database. `read`: the file must exist (a missing one is refused with exit 2 instead of
 * creating folders and an empty database); `write`: it may be created; `default`: `serve` and `sources`, which work
 * on a fresh install — the default path is created on first use, but a path the user named (`given`) must exist.
 */
export type DbChoice = { file: string; mode: 'read' | 'write' } | { file: string; mode: 'default'; given: boolean };

/**
 * Opens the database for a command. A file that cannot be opened (read-only, not a database, corrupted) is reported
 * naming the path and the fix; a missing file or one that is not a database is a usage error (exit 2).
 */
export function openDatabase(file: string, mode: 'read' | 'write'): Store {
  try {
    return openStore(file, { create: mode === 'write' });
  } catch (err) {
    if (err instanceof DbOpenError && (err.problem === 'missing' || err.problem === 'not a database')) throw new UsageError(err.message);
    throw err;
  }
}

/** Opens the database as chosen; `created` says the default database did not exist and was made. */
export function openChosen(db: DbChoice): { store: Store; created: boolean } {
  if (db.mode !== 'default') return { store: openDatabase(db.file, db.mode), created: false };
  const created = !db.given && !existsSync(db.file);
  return { store: openDatabase(db.file, db.given ? 'read' : 'write'), created };
}
