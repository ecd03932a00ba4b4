import pino from 'pino';
import type { Writable } from 'node:stream';

/** The logger jobs receive: pino's, with fixed keys (source, item, url, stage, ms, outcome). */
export type Logger = pino.Logger;

/** A pino logger writing JSON lines to the given stream (stderr in the CLI). */
export function createLogger(stream: Writable, level = 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}

/** A logger that drops everything (tests, --quiet). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
