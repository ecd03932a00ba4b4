import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, printJson, table, openDatabase } from './common.js';
import { splitItem, mergeStories } from '../jobs/stories.js';

const USAGE = `usage:
  newsdesk stories [--db F] [--limit N] [--json]     list stories (one per news event, with every item and source)
  newsdesk stories split ITEM                         take an item out of its story (it becomes a story of its own)
  newsdesk stories merge STORY OTHER                  fold story OTHER into STORY
Decisions stick: later runs never move an item an editor placed.`;

/** `newsdesk stories`: list stories; split and merge them by hand. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { ...COMMON_OPTIONS, limit: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const num = (label: string, v: string | undefined) => {
    const n = Number(v);
    if (!v || !Number.isInteger(n) || n < 1) throw new UsageError(`${label} must be an id (a whole number)\n${USAGE}`);
    return n;
  };
  const store = openDatabase(paths(values, io).db, 'read');
  try {
    const [verb, a, b] = positionals;
    if (verb === 'split') {
      const id = splitItem(store, num('ITEM', a), new Date());
      io.stderr.write(`item ${a} is now story ${id}; its draft is written on the next ingest or summarize run\n`);
    } else if (verb === 'merge') {
      mergeStories(store, num('STORY', a), num('OTHER', b), new Date());
      io.stderr.write(`story ${b} merged into story ${a}\n`);
    } else if (verb === undefined) {
      const stories = store.listStories(values.limit ? num('--limit', values.limit) : 1000);
      if (values.json) printJson(io, stories);
      else io.stdout.write(table(['story', 'lead', 'items', 'sources', 'first seen', 'last seen', 'follow-up of'],
        stories.map((s) => [s.story_id, s.lead_item_id, s.item_ids.join(','), s.sources.join(','), s.first_seen?.slice(0, 10) ?? '',
          s.last_seen?.slice(0, 10) ?? '', s.follow_up_of ?? ''])));
    } else throw new UsageError(`unknown stories command "${verb}"\n${USAGE}`);
    return EXIT.OK;
  } finally {
    store.close();
  }
}
