import { EXIT, UsageError, type CliIO } from './io.js';
import { COMMON_OPTIONS, parse, paths, config as loadConfig, printJson, stopOnSignal } from './common.js';
import { acquireRunLock } from '../jobs/run-lock.js';
import { runSummarize } from '../jobs/summarize.js';
import { compose } from '../app/compose.js';
import { summaryLine } from './ingest.js';

const USAGE = 'usage: newsdesk summarize [--config F] [--db F] [--limit N] [--redo] [--summarizer offline|llm] [--json]';

/** `newsdesk summarize`: drafts for relevant stories that have none (all of them with --redo). */
export async function run(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { ...COMMON_OPTIONS, limit: { type: 'string' }, redo: { type: 'boolean', default: false },
    summarizer: { type: 'string' } }, USAGE);
  if (values.help) { io.stderr.write(`${USAGE}\n`); return EXIT.OK; }
  if (values.summarizer && !['offline', 'llm'].includes(values.summarizer)) {
    throw new UsageError(`--summarizer must be offline or llm (got "${values.summarizer}")`);
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit needs a positive whole number (got "${values.limit}")`);
  const p = paths(values, io);
  const config = loadConfig(p.config);
  const app = compose({ config, env: io.env, db: { file: p.db, mode: 'read' }, log: { stream: io.stderr, defaultLevel: 'warn' },
    summarizer: values.summarizer as 'offline' | 'llm' | undefined });
  const { store, log, now } = app;
  const stop = stopOnSignal(io, 'drafts');
  try {
    const lock = acquireRunLock(store, now);
    const runId = store.createRun('summarize', process.pid, now().toISOString());
    lock.attach(runId);
    try {
      const kind = app.summarizerKind;
      const summarizer = app.summarizer(() => runId);
      const only = kind === 'llm' && config.llm?.draft_only_shortlisted ? ' (llm.draft_only_shortlisted: shortlisted stories only)' : '';
      io.stderr.write(`summarizing with ${summarizer.name}${kind === 'offline' ? ' (set OPENAI_API_KEY or OPENAI_BASE_URL to use an LLM)' : only}\n`);
      const report = await runSummarize({ config, store, summarizer, log, now, runId, signal: stop.signal,
        onProgress: (r) => { if (io.tty) io.stderr.write(`\r\x1b[2Kdrafted ${r.summarized} · cached ${r.cached} · failed ${r.failed}`); } },
      { limit, redo: values.redo });
      if (io.tty) io.stderr.write('\n');
      const outcome = stop.signal.aborted ? 'interrupted' : report.stopped && report.summarized === 0 && report.cached === 0 ? 'failed' : report.failed || report.stopped ? 'partial' : 'ok';
      store.finishRun(runId, outcome, { summarize: report }, report.stopped, now().toISOString());
      if (values.json) {
        printJson(io, { summarized: report.summarized, failed: report.failed, skipped: report.skipped, llm_calls: report.llm_calls,
          tokens_in: report.tokens_in, tokens_out: report.tokens_out, cost_usd: report.cost_usd, cached: report.cached, stopped: report.stopped });
      } else io.stderr.write(`${summaryLine(report)}\n`);
      return stop.exitCode() ?? (outcome === 'failed' ? EXIT.FAILED : EXIT.OK);
    } catch (err) {
      store.finishRun(runId, stop.signal.aborted ? 'interrupted' : 'failed', {}, (err as Error).message, now().toISOString());
      throw err;
    } finally {
      lock.release();
    }
  } finally {
    stop.dispose();
    app.close();
  }
}
