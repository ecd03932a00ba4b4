import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, UsageError, type CliIO } from './io.js';
import type { Store } from '../store/index.js';
import { openChosen } from '../app/store.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/**
 * Where the config and database live: flags, then NEWSDESK_CONFIG / NEWSDESK_DB, then defaults. `dbGiven` says
 * whether the user named the database (a name can be mistyped; the default cannot).
 */
export function paths(values: { config?: string; db?: string }, io: CliIO): { config: string; db: string; dbGiven: boolean } {
  const db = values.db ?? io.env.NEWSDESK_DB;
  return {
    config: values.config ?? io.env.NEWSDESK_CONFIG ?? './sources.yaml',
    db: db ?? './data/newsdesk.db',
    dbGiven: db !== undefined,
  };
}

/** Opens the database for a command that needs only the store (see src/app/store.ts). */
export function openDatabase(file: string, mode: 'read' | 'write'): Store {
  return openChosen({ file, mode }).store;
}

/**
 * The database for `serve` and `sources`, which work on a fresh install: the default ./data/newsdesk.db is created
 * on first use (and `created` says so), but a database the user named must exist, since a typo would otherwise
 * give an empty desk.
 */
export function openOrCreateDefault(p: { db: string; dbGiven: boolean }): { store: Store; created: boolean } {
  return openChosen({ file: p.db, mode: 'default', given: p.dbGiven });
}

/**
 * SIGINT / SIGTERM while a run is going: the first asks the run to stop (finishing what is in flight, marking it
 * interrupted, releasing the lock); a second quits at once. `exitCode()` is 130 or 143 once a signal came.
 */
export function stopOnSignal(io: CliIO, what: string) {
  const abort = new AbortController();
  let code: number | null = null;
  const on = (signal: NodeJS.Signals) => {
    const c = signal === 'SIGINT' ? EXIT.SIGINT : EXIT.SIGTERM;
    if (abort.signal.aborted) process.exit(c);
    code = c;
    io.stderr.write(`\nstopping: finishing the ${what} in flight (press Ctrl-C again to quit at once)\n`);
    abort.abort();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    signal: abort.signal,
    exitCode: () => code,
    dispose: () => { process.off('SIGINT', on); process.off('SIGTERM', on); },
  };
}

/** Flags every command that reads the config or the database accepts. */
export const COMMON_OPTIONS = {
  config: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** node:util parseArgs that turns its errors into UsageError (exit 2) with the command's usage. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${usage}`);
  }
}

/** Loads the config; ConfigError propagates (the CLI exits 2). */
export function config(file: string): Config {
  return loadConfig(file);
}

/** Writes one JSON value to stdout (nothing else goes there with --json). */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Renders rows as an aligned plain-text table. */
export function table(headers: string[], rows: (string | number | null)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c == null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(60, Math.max(...cells.map((r) => r[i].length))));
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  return cells.map((r) => r.map((c, i) => fit(c, widths[i])).join('  ').trimEnd()).join('\n') + '\n';
}
