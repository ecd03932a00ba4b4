import { hostname as osHostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Config } from '../config/schema.js';
import type { Store, LockHolder } from '../store/index.js';
import { runIngest, type IngestDeps, type IngestReport } from './ingest.js';
import { LockedError, STALE_AFTER_MS } from './run-lock.js';
import type { RunEdges } from './edges.js';
import type { Logger } from './log.js';

/** What the running ingest has done so far (shown by the web app's progress fragment). */
export interface RunProgress {
  run_id: number;
  trigger: string;
  started_at: string;
  sources_total: number;
  sources_done: number;
  sources_failed: number;
  items: IngestReport['items'];
  pending: number;
}

/** The end of the last run this process started. */
export interface RunEnd {
  run_id: number | null;
  trigger: string;
  outcome: string;
  finished_at: string;
  error: string | null;
  items: IngestReport['items'] | null;
}

/** Where runs stand: one in this process, one held by another process (cron line, CLI), the last one here. */
export interface RunnerStatus {
  running: RunProgress | null;
  elsewhere: LockHolder | null;
  last: RunEnd | null;
}

/** Why a run did not start: one is already going here, or another process holds the database lock. */
export type StartResult = { started: true; run_id: number } | { started: false; reason: 'running'; progress: RunProgress }
  | { started: false; reason: 'locked'; holder: LockHolder };

/** Starts and tracks ingest runs in this process: at most one at a time; the web app and the schedule share it. */
export interface IngestRunner {
  start(trigger: 'web' | 'schedule'): StartResult;
  status(): RunnerStatus;
  /** Aborts the run in flight (if any) and waits until it has finished and released the lock. */
  stop(): Promise<void>;
  /** Resolves when no run is going in this process (without stopping it). */
  idle(): Promise<void>;
}

/** What the runner needs: the edges of each run come from the composition root; `ingest` is replaceable so tests need no network. */
export interface RunnerDeps {
  config: Config;
  store: Store;
  log: Logger;
  now: () => Date;
  edges: RunEdges;
  ingest?: typeof runIngest;
}

/** The database lock's holder when it is another live process (a stale lock is taken over by the next run). */
export function otherHolder(store: Store, now: Date): LockHolder | null {
  const h = store.lockHolder();
  if (!h) return null;
  if (h.pid === process.pid && h.hostname === osHostname()) return null;
  if (now.getTime() - Date.parse(h.heartbeat_at) > STALE_AFTER_MS) return null;
  if (h.hostname === osHostname()) {
    try { process.kill(h.pid, 0); } catch (err) { if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null; }
  }
  return h;
}

/** Creates the in-process run coordinator. */
export function createIngestRunner(deps: RunnerDeps): IngestRunner {
  const { config, store, log, now } = deps;
  const ingest = deps.ingest ?? runIngest;
  let current: { progress: RunProgress; abort: AbortController; done: Promise<void> } | null = null;
  let last: RunEnd | null = null;

  function start(trigger: 'web' | 'schedule'): StartResult {
    if (current) return { started: false, reason: 'running', progress: { ...current.progress } };
    const fetcher = deps.edges.fetcher();
    const abort = new AbortController();
    let runId: number | null = null;
    const progress: RunProgress = {
      run_id: 0, trigger, started_at: now().toISOString(), sources_total: config.sources.filter((s) => s.enabled).length,
      sources_done: 0, sources_failed: 0, items: { new: 0, extracted: 0, irrelevant: 0, failed: 0, merged: 0, retried: 0, joined: 0, follow_ups: 0 }, pending: 0,
    };
    let savedAt = 0;
    const save = () => {
      // Other processes (a second desk, `newsdesk runs`) read this row; a few writes a second are plenty.
      if (runId === null || Date.now() - savedAt < 1000) return;
      savedAt = Date.now();
      store.saveRunProgress(runId, { progress });
    };
    const summarizer = deps.edges.summarizer(() => runId);
    const triage = deps.edges.triage(() => runId);
    const ingestDeps: IngestDeps = {
      config, store, fetcher, log, now, signal: abort.signal, summarizer, triage, embeddings: deps.edges.embeddings, cpu: deps.edges.cpu,
      onRunId: (id) => { runId = id; progress.run_id = id; },
      progress: {
        sourceDone: (r) => { progress.sources_done++; if (!r.ok) progress.sources_failed++; save(); },
        itemDone: (counts, pending) => { progress.items = { ...counts }; progress.pending = pending; save(); },
      },
    };
    // runIngest takes the lock and creates the run synchronously, before its first await:
    // when onRunId has not been called by the time it returns, the run did not start.
    const promise = ingest(ingestDeps, { trigger });
    const startedId = progress.run_id;
    if (!startedId) {
      void fetcher.close();
      const failure = promise.then(() => null, (err: unknown) => err);
      // A LockedError is thrown synchronously inside the async function, so it is already settled here.
      const holder = store.lockHolder();
      void failure.then((err) => {
        if (err && !(err instanceof LockedError)) log.error({ stage: 'run', outcome: 'failed' }, (err as Error).message);
      });
      if (holder) return { started: false, reason: 'locked', holder };
      throw new Error('the ingest run could not start; see the log');
    }
    const done = promise.then(
      (report) => { last = { run_id: report.run_id, trigger, outcome: report.outcome, finished_at: report.finished_at, error: null, items: report.items }; },
      (err: unknown) => {
        last = { run_id: startedId, trigger, outcome: 'failed', finished_at: now().toISOString(), error: (err as Error).message, items: progress.items };
        log.error({ stage: 'run', outcome: 'failed' }, `run ${startedId} failed: ${(err as Error).message}`);
      },
    ).finally(async () => {
      current = null;
      await fetcher.close();
    });
    current = { progress, abort, done };
    log.info({ stage: 'run', outcome: 'started' }, `run ${startedId} started (${trigger})`);
    return { started: true, run_id: startedId };
  }

  return {
    start,
    status: () => ({ running: current ? { ...current.progress } : null, elsewhere: current ? null : otherHolder(store, now()), last }),
    async stop() {
      if (!current) return;
      current.abort.abort();
      await current.done;
    },
    async idle() {
      if (current) await current.done;
    },
  };
}

/** The cron job: each tick starts a run unless one is going (here or in another process), which is logged and skipped. */
export function startSchedule(runner: IngestRunner, config: Config, log: Logger): { stop(): void; nextRun(): Date | null } {
  const task: ScheduledTask = cron.schedule(config.schedule.cron, () => {
    try {
      const r = runner.start('schedule');
      if (r.started) return;
      const why = r.reason === 'running' ? `run ${r.progress.run_id} (${r.progress.trigger}) is still going`
        : `process ${r.holder.pid} on ${r.holder.hostname} holds the lock (run ${r.holder.run_id ?? '?'})`;
      log.warn({ stage: 'schedule', outcome: 'skipped' }, `scheduled run skipped: ${why}`);
    } catch (err) {
      log.error({ stage: 'schedule', outcome: 'failed' }, `scheduled run failed to start: ${(err as Error).message}`);
    }
  }, { timezone: config.schedule.timezone, name: 'newsdesk-ingest' });
  return {
    stop: () => { void task.stop(); void task.destroy(); },
    nextRun: () => task.getNextRun(),
  };
}
