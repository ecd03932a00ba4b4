import { openDb } from '../db.js';
import type { PortsHandle } from '../ports.js';
import { sqlitePorts } from './ports.js';

export { sqlitePorts } from './ports.js';

/**
 * Opens (creating and migrating unless `create: false`) a SQLite database file and returns its ports.
 * The handle owns its own connection; close it when done.
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
