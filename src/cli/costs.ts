import { EXIT, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, printJson, table, openDatabase } from './common.js';
import { resolveIssue } from '../jobs/issues.js';
import { costsReport, type CostsReport } from '../jobs/llm-budget.js';
import type { LlmTotals } from '../store/index.js';

const USAGE = 'usage: newsdesk costs [--config F] [--db F] [--issue ISSUE] [--json]\n' +
  'ISSUE is the issue id or VOLUME.NUMBER; without it, the current issue (everything since the last published issue).';

const usd = (n: number) => `$${n.toFixed(4)}`;
const row = (name: string, t: LlmTotals) => [name, t.calls, t.tokens_in, t.tokens_out, usd(t.cost_usd)];

function text(r: CostsReport): string {
  const which = r.issue ? `issue ${r.issue.label} (${r.issue.status})` : 'the next issue (none created yet)';
  const span = `${r.window.from ? `from ${r.window.from}` : 'from the first call'} ${r.window.to ? `to ${r.window.to}` : 'until now'}`;
  const budget = r.budget_usd === null ? 'no llm.budget_usd_per_issue set'
    : `budget ${usd(r.budget_usd)}, ${usd(Math.max(0, r.budget_usd - r.total.cost_usd))} left`;
  const head = ['', 'calls', 'tokens in', 'tokens out', 'cost'];
  return `LLM calls for ${which}, ${span}; ${budget}\n\n` +
    `${table(['model', ...head.slice(1)], [...r.by_model.map((m) => row(m.model, m)), row('total', r.total)])}\n` +
    table(['tier', ...head.slice(1)], r.by_tier.map((t) => row(t.tier, t)));
}

/** `newsdesk costs`: LLM calls, tokens and cost of an issue's window, per model and per tier. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, issue: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const store = openDatabase(p.db, 'read');
  try {
    const r = costsReport(config, store, values.issue === undefined ? undefined : resolveIssue(store, values.issue));
    if (values.json) printJson(io, r);
    else io.stdout.write(text(r));
    return EXIT.OK;
  } finally {
    store.close();
  }
}
