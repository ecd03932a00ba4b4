#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT, UsageError, type CliIO } from './cli/io.js';
import { ConfigError } from './config/load.js';
import { LockedError } from './jobs/run-lock.js';
import { IssueError } from './jobs/issues.js';
import { jsonErrorLine, jsonLinesStream } from './cli/json-lines.js';

const COMMANDS: Record<string, { about: string; load: () => Promise<{ run(args: string[], io: CliIO): Promise<number> }> }> = {
  ingest: { about: 'read every enabled source and store new articles', load: () => import('./cli/ingest.js') },
  summarize: { about: 'draft headline, bullet and topics for relevant stories', load: () => import('./cli/summarize.js') },
  issue: { about: 'create, fill, order and publish issues', load: () => import('./cli/issue.js') },
  export: { about: 'export an issue as md, html, docx, pdf, txt or json', load: () => import('./cli/export.js') },
  stories: { about: 'list stories (items about one event); split and merge them', load: () => import('./cli/stories.js') },
  items: { about: 'list stored items', load: () => import('./cli/items.js') },
  sources: { about: 'list sources with their health', load: () => import('./cli/sources.js') },
  review: { about: 'shortlist, reject, re-tag or promote an item (the desk\'s decisions, for scripts)', load: () => import('./cli/review.js') },
  costs: { about: 'LLM calls, tokens and cost of an issue, per model and per tier', load: () => import('./cli/costs.js') },
  db: { about: 'bring the database schema up to date (db migrate; SQLite file or PostgreSQL URL)', load: () => import('./cli/db.js') },
  learn: { about: 'what the editor\'s decisions taught the relevance model', load: () => import('./cli/learn.js') },
  demo: { about: 'the whole job offline on the bundled sample corpus (npm run demo)', load: () => import('./cli/demo.js') },
  serve: { about: 'open the editor\'s desk in the browser (and run the schedule)', load: () => import('./cli/serve.js') },
  'feed-batch': { about: 'parse feed files named on stdin (the discover stage alone)', load: () => import('./cli/feed-batch.js') },
  'extract-batch': { about: 'extract article text from HTML files named on stdin', load: () => import('./cli/extract-batch.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(15)} ${c.about}`);
  return `usage: newsdesk <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n` +
    'common options: --config FILE (default ./sources.yaml, env NEWSDESK_CONFIG), --db FILE (default ./data/newsdesk.db, env NEWSDESK_DB), --json\n' +
    'run "newsdesk <command> --help" for the options of one command.\n';
}

/** Runs one command and returns its exit code; errors a person must act on become messages, not stacks. */
export async function main(argv: string[], outer: CliIO): Promise<number> {
  const [name, ...args] = argv;
  // With --json and stderr redirected, stderr is JSON lines too (README), whatever a command writes there.
  const json = args.includes('--json') && !outer.tty;
  const lines = json ? jsonLinesStream(outer.stderr) : null;
  const io: CliIO = lines ? { ...outer, stderr: lines } : outer;
  const fail = (message: string) => io.stderr.write(json ? jsonErrorLine(message) : `${message}\n`);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stderr.write(usage());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`newsdesk: unknown command "${name}".\n\n${usage()}`);
    return EXIT.USAGE;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (err) {
    // IssueError: a request about issues or stories that cannot be done as asked (an unknown id, a published issue).
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof IssueError) {
      fail(`newsdesk ${name}: ${err.message}`);
      return EXIT.USAGE;
    }
    if (err instanceof LockedError) {
      fail(`newsdesk ${name}: ${err.message}`);
      return EXIT.LOCKED;
    }
    fail(`newsdesk ${name}: failed: ${io.env.DEBUG ? (err as Error).stack : (err as Error).message}`);
    return EXIT.FAILED;
  } finally {
    lines?.flush();
  }
}

function isEntry(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (isEntry()) {
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, tty: !!process.stderr.isTTY };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}
