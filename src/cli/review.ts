import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, config, parse, paths, printJson, openDatabase } from './common.js';
import { reviewItem, type ReviewAction } from '../learn/index.js';

const USAGE = 'usage: newsdesk review ITEM (--shortlist | --reject | --topics a,b | --promote) [--db F] [--config F] [--json]';

/** `newsdesk review ITEM`: the desk's decisions, for scripts; each one is recorded and teaches the model. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    ...COMMON_OPTIONS, shortlist: { type: 'boolean', default: false }, reject: { type: 'boolean', default: false },
    promote: { type: 'boolean', default: false }, topics: { type: 'string' },
  }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  if (positionals.length !== 1 || !/^\d+$/.test(positionals[0])) throw new UsageError(`name one item by its id\n${USAGE}`);
  const chosen = (['shortlist', 'reject', 'promote'] as const).filter((k) => values[k]);
  const actions: ReviewAction[] = [...chosen, ...(values.topics !== undefined ? ['topics' as const] : [])];
  if (actions.length !== 1) throw new UsageError(`give exactly one of --shortlist, --reject, --topics, --promote\n${USAGE}`);
  const topics = values.topics?.split(',').map((t) => t.trim()).filter(Boolean);
  const p = paths(values, io);
  const cfg = config(p.config);
  const store = openDatabase(p.db, 'read');
  try {
    const r = reviewItem(store, cfg, Number(positionals[0]), { action: actions[0], topics }, 'cli', new Date());
    if (values.json) { printJson(io, r); return EXIT.OK; }
    const what = r.action === 'shortlist' ? `shortlisted into ${r.issue}` : r.action === 'reject' ? 'rejected'
      : r.action === 'promote' ? `promoted onto the desk (story ${r.story_id})` : `topics set to ${(r.topics ?? []).join(', ') || '(none)'}`;
    io.stdout.write(`item ${r.item_id}: ${what} (decision ${r.decision_id})\n`);
    return EXIT.OK;
  } finally {
    store.close();
  }
}
