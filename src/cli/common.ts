import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './io.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/** Where the config and database live: flags, then NEWSDESK_CONFIG / NEWSDESK_DB, then defaults. */
export function paths(values: { config?: string; db?: string }, io: CliIO): { config: string; db: string } {
  return {
    config: values.config ?? io.env.NEWSDESK_CONFIG ?? './sources.yaml',
    db: values.db ?? io.env.NEWSDESK_DB ?? './data/newsdesk.db',
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
