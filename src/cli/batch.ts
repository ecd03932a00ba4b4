import { EXIT, readAll, type CliIO } from './io.js';

/**
 * The common front of the batch commands (feed-batch, extract-batch): --help, no arguments, a JSON list on
 * stdin. Returns the parsed entries, or the exit code when there is nothing to do.
 */
export async function readBatch<T>(command: string, args: string[], io: CliIO, help: string,
  parse: (stdin: string) => T[] | string): Promise<T[] | number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stderr.write(help);
    return EXIT.OK;
  }
  if (args.length > 0) {
    io.stderr.write(`newsdesk ${command}: unexpected argument ${JSON.stringify(args[0])}; the list comes on stdin.\n\n${help}`);
    return EXIT.USAGE;
  }
  const entries = parse(await readAll(io.stdin));
  if (typeof entries === 'string') {
    io.stderr.write(`newsdesk ${command}: ${entries}\n`);
    return EXIT.USAGE;
  }
  return entries;
}
