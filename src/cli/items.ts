import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, printJson, table, openDatabase } from './common.js';

const USAGE = 'usage: newsdesk items [--db F] [--state S] [--source ID] [--since DATE] [--limit N] [--json] [--full]';
const STATES = ['discovered', 'extracted', 'irrelevant', 'summarized', 'failed'];

/** `newsdesk items`: stored items, newest first. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, {
    ...COMMON_OPTIONS, state: { type: 'string' }, source: { type: 'string' }, since: { type: 'string' },
    limit: { type: 'string' }, full: { type: 'boolean', default: false },
  }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  if (values.state && !STATES.includes(values.state)) {
    throw new UsageError(`--state must be one of ${STATES.join(', ')} (got "${values.state}")`);
  }
  let since: string | undefined;
  if (values.since) {
    const t = Date.parse(values.since);
    if (Number.isNaN(t)) throw new UsageError(`--since needs a date such as 2026-11-01 (got "${values.since}")`);
    since = new Date(t).toISOString();
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit needs a positive whole number (got "${values.limit}")`);
  const store = openDatabase(paths(values, io).db, 'read');
  try {
    const items = store.listItems({ state: values.state, source: values.source, since, limit, full: values.full });
    if (values.json) { printJson(io, items); return EXIT.OK; }
    io.stdout.write(table(['id', 'state', 'review', 'published', 'sources', 'title'],
      items.map((i) => [i.id, i.state, i.review, i.published_at?.slice(0, 10) ?? '', i.source_ids.join(','), i.title])));
    if (values.full) for (const i of items) io.stdout.write(`\n# ${i.id} ${i.title ?? ''}\n${i.text ?? ''}\n`);
    return EXIT.OK;
  } finally {
    store.close();
  }
}
