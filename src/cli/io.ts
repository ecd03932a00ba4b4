import type { Readable, Writable } from 'node:stream';

/** What a command may touch of the process: streams and environment, passed in so tests can capture them. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** True when stderr is a terminal (progress bars instead of plain lines). */
  tty: boolean;
}

/** Exit codes (public contract, DESIGN.md). */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2, LOCKED: 3, SIGINT: 130, SIGTERM: 143 } as const;

/** Reads all of a stream as UTF-8 text. */
export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** An error in how the command was called; the CLI prints it and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
