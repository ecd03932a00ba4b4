// Preloaded (node --import) into CLI processes by runs-cli.test.ts: loads the heavy modules, says "ready" on
// stdout and waits for a line on stdin, so that several processes start the command at the same moment.
await import('../../src/cli/ingest.js');
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.destroy();
