// A separate process for migrate.test.ts: loads the PostgreSQL store, says "ready", waits for a line on stdin (so that
// several processes open at the same moment), opens the database at argv[2] (migrating it) and prints what it applied.
import { createPool } from '../../../src/store/postgres/pool.js';
import { migrate } from '../../../src/store/postgres/migrate.js';

const pool = createPool(process.argv[2], { max: 1 });
await pool.query('SELECT 1');
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();
const applied = await migrate(pool);
process.stdout.write(`applied ${applied}\n`);
await pool.end();
