import { Writable } from 'node:stream';

/**
 * A stderr for `--json` runs that are not on a terminal: every line becomes one JSON object
 * (`{"level":"info","time":…,"msg":…}`); lines that already are JSON objects (pino's logs) pass through as they are.
 */
export function jsonLinesStream(target: Writable, now: () => Date = () => new Date()): Writable & { flush(): void } {
  let partial = '';
  const emit = (line: string) => {
    const text = line.replace(/\r/g, '').trimEnd();
    if (text.trim() === '') return;
    target.write(`${isJsonObject(text) ? text : JSON.stringify({ level: 'info', time: now().toISOString(), msg: text.trim() })}\n`);
  };
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: Buffer | string, _enc, done) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) emit(l);
      done();
    },
    final(done) { emit(partial); partial = ''; done(); },
  });
  /** Writes out a last line that has no newline yet (the command is done). */
  const flush = () => { emit(partial); partial = ''; };
  return Object.assign(stream, { flush });
}

/** One JSON line for an error the CLI reports before it exits. */
export function jsonErrorLine(message: string, now = new Date()): string {
  return `${JSON.stringify({ level: 'error', time: now.toISOString(), msg: message })}\n`;
}

function isJsonObject(text: string): boolean {
  if (!text.startsWith('{')) return false;
  try { return typeof JSON.parse(text) === 'object'; } catch { return false; }
}
