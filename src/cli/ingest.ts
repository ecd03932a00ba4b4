import { closeSync, openSync, writeSync } from 'node:fs';
import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, printJson, table, stopOnSignal } from './common.js';
import { runIngest, type IngestReport } from '../jobs/ingest.js';
import type { SummarizeReport } from '../jobs/summarize.js';
import { progressReporter } from './progress.js';
import { compose } from '../app/compose.js';

const USAGE = 'usage: newsdesk ingest [--config F] [--db F] [--source ID]... [--no-summarize] [--summarizer offline|llm] [--explain FILE] [--json]';

/** `newsdesk ingest`: one run over every enabled source (or the --source ones). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, source: { type: 'string', multiple: true },
    'no-summarize': { type: 'boolean', default: false }, summarizer: { type: 'string' }, explain: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const unknown = (values.source ?? []).filter((id) => !config.sources.some((s) => s.id === id));
  if (unknown.length) {
    throw new UsageError(`unknown source id ${unknown.map((u) => `"${u}"`).join(', ')} in --source; ` +
      `ids in ${p.config}: ${config.sources.map((s) => s.id).join(', ')}`);
  }
  if (values.summarizer && !['offline', 'llm'].includes(values.summarizer)) {
    throw new UsageError(`--summarizer must be offline or llm (got "${values.summarizer}")`);
  }
  // The replay log is opened before the database so a path that cannot be written fails before any work is done.
  const explainFd = values.explain ? openExplainLog(values.explain) : null;
  const app = compose({ config, env: io.env, db: { file: p.db, mode: 'write' }, log: { stream: io.stderr, defaultLevel: io.tty ? 'error' : 'warn' },
    summarizer: values.summarizer as 'offline' | 'llm' | undefined });
  const { store, log, now } = app;
  const fetcher = app.fetcher();
  const stop = stopOnSignal(io, 'items');
  try {
    let runId: number | null = null;
    const summarizer = values['no-summarize'] ? undefined : app.summarizer(() => runId);
    // The triage tier (borderline relevance) is part of the crawl, so it runs even with --no-summarize.
    const triage = app.triage(() => runId);
    const progress = progressReporter(io, config.sources.filter((s) => s.enabled).length);
    const report = await runIngest({ config, store, fetcher, log, now, progress: progress.hooks, signal: stop.signal,
      summarizer, triage, embeddings: app.embeddings, cpu: app.cpu, onRunId: (id) => { runId = id; },
      explain: explainFd === null ? undefined : (d) => writeSync(explainFd, `${JSON.stringify(d)}\n`) }, { sourceIds: values.source, trigger: 'cli' });
    progress.done();
    if (values.json) printJson(io, toJson(report));
    else io.stderr.write(summary(report));
    return stop.exitCode() ?? (report.outcome === 'failed' ? EXIT.FAILED : EXIT.OK);
  } finally {
    stop.dispose();
    if (explainFd !== null) closeSync(explainFd);
    await fetcher.close();
    app.close();
  }
}

/** Opens (truncating) the --explain file, or says why it cannot. */
function openExplainLog(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (err) {
    throw new UsageError(`cannot write the --explain log ${file}: ${(err as Error).message}; name a file in a folder you can write`);
  }
}

function toJson(r: IngestReport) {
  return {
    run_id: r.run_id, started_at: r.started_at, finished_at: r.finished_at, outcome: r.outcome,
    sources: r.sources.map(({ ms, ...s }) => ({ ...s, ms })),
    items: r.items, requests: r.requests, stage_ms: r.stage_ms, cpu_workers: r.cpu_workers, stage_cpu_ms: r.stage_cpu_ms,
    summarize: r.summarize ?? null,
    ...(r.triage ? { triage: r.triage } : {}),
  };
}

function summary(r: IngestReport): string {
  const rows = r.sources.map((s) => [s.id, s.not_modified ? 'unchanged' : s.ok ? 'ok' : 'FAILED', s.new, s.known, s.failed,
    `${(s.ms / 1000).toFixed(1)}s`, s.error]);
  const secs = ((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000).toFixed(1);
  return `\n${table(['source', 'status', 'new', 'known', 'failed', 'time', 'error'], rows)}\n` +
    `run ${r.run_id}: ${r.outcome} in ${secs}s — ${r.items.new} new items, ${r.items.extracted} relevant, ` +
    `${r.items.irrelevant} set aside as off-topic, ${r.items.merged} duplicates folded, ${r.items.failed} failed; ` +
    `${r.requests.sent} requests, ${r.requests.not_modified} answered 304.\n` +
    (r.summarize ? `${summaryLine(r.summarize)}\n` : '');
}

/** One line on the summarize stage: drafts, failures, LLM calls, tokens and cost. */
export function summaryLine(s: SummarizeReport): string {
  return `summaries: ${s.summarized} drafted, ${s.cached} reused from cache, ${s.failed} failed; ` +
    `${s.llm_calls} LLM calls, ${s.tokens_in} tokens in / ${s.tokens_out} out, $${s.cost_usd.toFixed(4)}` +
    (s.stopped ? `\nsummaries stopped: ${s.stopped}` : '');
}
