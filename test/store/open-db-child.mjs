// Child process for open-concurrent.test.ts: loads the store (the module named by argv[2]: the run's build, or the
// source under tsx), says "ready", opens the database argv[3] when told "go".
import { pathToFileURL } from 'node:url';

const { openStore } = await import(pathToFileURL(process.argv[2]).href);
const file = process.argv[3];
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  try {
    const store = openStore(file);
    store.close();
    process.stdout.write('opened\n');
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
});
