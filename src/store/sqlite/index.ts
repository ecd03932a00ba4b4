import { openDb } from '../db.js';
import type { PortsHandle } from '../ports.js';
import { sqlitePorts } from './ports.js';

export { sqlitePorts } from './ports.js';

/**
 * Opens (creating and migrating unless `create: false`) a SQLite database file and returns its ports.
 * The handle owns its own connection; close it when done.
 *
 * Within one process, write to a file through the ports or through the synchronous Store, not both at once: a unit
 * of work holds SQLite's write lock across awaits, and a Store write on another connection would then wait
 * synchronously (blocking the event loop the unit needs to finish) until the busy timeout fails it. Other
 * processes are fine: they wait for the lock as they do today.
 */
export async function openSqlitePorts(file: string, opts: { create?: boolean } = {}): Promise<PortsHandle & { file: string }> {
  const db = openDb(file, opts);
  const ports = sqlitePorts(db);
  return {
    ports,
    file,
    // Waits for queued calls and any open unit, so closing never cuts a transaction short.
    close: async () => {
      await ports.idle();
      if (db.open) db.close();
    },
  };
}
