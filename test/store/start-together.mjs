// Preloaded (node --import) into CLI processes by runs-cli.test.ts: loads the heavy modules (TOGETHER_PRELOAD: the
// ingest command of the CLI the process runs), says "ready" on stdout and waits for a line on stdin, so that several
// processes start the command at the same moment.
import { pathToFileURL } from 'node:url';

await import(pathToFileURL(process.env.TOGETHER_PRELOAD).href);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();
