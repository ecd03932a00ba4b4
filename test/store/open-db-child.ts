// Child process for open-concurrent.test.ts: loads the store, says "ready", opens the database when told "go".
import { openStore } from '../../src/store/index.js';

const file = process.argv[2];
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  try {
    const store = openStore(file);
    store.close();
    process.stdout.write('opened\n');
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
});
