import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, printJson, table, openDatabase } from './common.js';
import { learnReport } from '../learn/index.js';

const USAGE = 'usage: newsdesk learn [--db F] [--top N] [--json]';

/** `newsdesk learn`: what the editor's decisions taught the relevance model (features that moved most, with counts). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, top: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top needs a positive whole number (got "${values.top}")`);
  const store = openDatabase(paths(values, io).db, 'read');
  try {
    const r = learnReport(store, top);
    if (values.json) { printJson(io, r); return EXIT.OK; }
    io.stdout.write(`decisions: ${r.decisions.kept} kept, ${r.decisions.rejected} rejected; ${r.topic_examples} topic re-tags; ${r.features} features\n`);
    if (!r.decisions.kept && !r.decisions.rejected) { io.stdout.write('nothing learned yet: shortlist or reject items on the desk or with `newsdesk review`\n'); return EXIT.OK; }
    const rows = (xs: typeof r.lowers) => xs.map((x) => [x.feature, x.weight.toFixed(2), x.kept, x.rejected]);
    io.stdout.write(`\nlowers the score:\n${table(['feature', 'weight', 'kept', 'rejected'], rows(r.lowers))}`);
    io.stdout.write(`\nraises the score:\n${table(['feature', 'weight', 'kept', 'rejected'], rows(r.raises))}`);
    return EXIT.OK;
  } finally {
    store.close();
  }
}
