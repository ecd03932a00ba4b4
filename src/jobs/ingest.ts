import type { Config } from '../config/schema.js';
import type { Fetcher } from '../net/index.js';
import { FetchError, hostKey } from '../net/index.js';
import type { Store, PendingItem } from '../store/index.js';
import { normalizeUrl } from '../cluster/index.js';
import { inlineStages, type CpuFactory, type CpuStages } from '../pool/index.js';
import { readSource, selectItems } from './read-source.js';
import { processItem } from './process-item.js';
import { learnedForIngest } from '../learn/index.js';
import { acquireRunLock } from './run-lock.js';
import type { Logger } from './log.js';
import type { Summarizer } from '../summarize/index.js';
import { runSummarize, type SummarizeReport } from './summarize.js';
import { runTriage, type TriageReport } from './triage.js';
import type { LlmTriage } from '../summarize/llm/index.js';
import { toSources } from './sources.js';
import { clusterPending, storyConfig, storyStorage, type StoryDecision } from './cluster.js';
import type { EmbeddingsFactory } from './edges.js';
import { HostWork } from './host-work.js';
import { heapBudget } from './heap-budget.js';

/** One source's line in the run report (public JSON contract). */
export interface SourceReport {
  id: string;
  ok: boolean;
  error: string | null;
  not_modified: boolean;
  discovered: number;
  new: number;
  known: number;
  failed: number;
  ms: number;
}

/** The run report printed by `newsdesk ingest --json` (public contract). */
export interface IngestReport {
  run_id: number;
  started_at: string;
  finished_at: string;
  outcome: 'ok' | 'partial' | 'failed' | 'interrupted';
  sources: SourceReport[];
  items: { new: number; extracted: number; irrelevant: number; failed: number; merged: number; retried: number; joined: number; follow_ups: number };
  requests: { sent: number; bytes: number; not_modified: number };
  stage_ms: Record<string, number>;
  /** Worker threads the CPU stages ran on (0: inline, on the main thread; sources.yaml `fetch.cpu_workers`). */
  cpu_workers: number;
  /** CPU ms of the CPU stages where they ran: page (extract + relevance), story features, offline summary. */
  stage_cpu_ms: Record<string, number>;
  /** The summarize stage at the end of the run (absent with --no-summarize). */
  summarize?: SummarizeReport;
  /** Borderline items sent to the triage model (only when a triage tier is configured). */
  triage?: TriageReport;
  /** Problems that did not stop the run (the embeddings endpoint failed, …); absent when there were none. */
  warnings?: string[];
}

/** Progress events, for counters on a terminal or plain lines in a log. */
export interface IngestProgress {
  sourceDone?(r: SourceReport): void;
  itemDone?(counts: IngestReport['items'], pending: number): void;
}

/** What an ingest run needs; built by the CLI (or the web server) and passed in. */
export interface IngestDeps {
  config: Config;
  store: Store;
  fetcher: Fetcher;
  log: Logger;
  now: () => Date;
  clock?: () => number;
  progress?: IngestProgress;
  /** Set by a signal handler: stop starting new work, finish what is in flight. */
  signal?: AbortSignal;
  /** Drafts summaries for new relevant stories at the end of the run; none skips the stage. */
  summarizer?: Summarizer;
  /** The triage tier: borderline items get a cheap LLM verdict before story matching (src/jobs/triage.ts); none skips it. */
  triage?: LlmTriage | null;
  /** Builds the run's embeddings view (cluster.embeddings; built by the composition root); none: stories match on wording alone. */
  embeddings?: EmbeddingsFactory;
  /** The replay log: every story decision, with the features and scores behind it (`ingest --explain FILE`). */
  explain?: (d: StoryDecision) => void;
  /** The run id is known once the lock is held; the LLM call rows need it. */
  onRunId?: (id: number) => void;
  /** Starts the run's CPU stages (a worker pool; built by the composition root); none: they run inline. */
  cpu?: CpuFactory;
}

/**
 * One ingest run: reads every enabled source, stores what is new, fetches and extracts each new
 * article, scores relevance, and commits every item as it completes. Holds the run lock throughout.
 */
export async function runIngest(deps: IngestDeps, opts: { sourceIds?: string[]; trigger: string }): Promise<IngestReport> {
  const { config, store, fetcher, log, now } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const lock = acquireRunLock(store, now);
  const started = now();
  const runId = store.createRun(opts.trigger, process.pid, started.toISOString());
  lock.attach(runId);
  deps.onRunId?.(runId);
  if (lock.tookOverFrom) {
    log.warn({ run: lock.tookOverFrom.run_id, pid: lock.tookOverFrom.pid }, 'took over a lock left by a run that stopped without finishing');
  }
  const report: IngestReport = {
    run_id: runId, started_at: started.toISOString(), finished_at: '', outcome: 'ok', sources: [],
    items: { new: 0, extracted: 0, irrelevant: 0, failed: 0, merged: 0, retried: 0, joined: 0, follow_ups: 0 },
    requests: { sent: 0, bytes: 0, not_modified: 0 },
    stage_ms: { discover: 0, fetch: 0, extract: 0, relevance: 0, cluster: 0, store: 0 },
    cpu_workers: 0, stage_cpu_ms: {},
  };
  let cpu: CpuStages | null = null;
  let runError: string | null = null;
  // Writes are group-committed: one commit per item cost more than extracting it.
  const batch = store.writeBatch({ maxMs: 100, maxWrites: 200 });
  try {
    const all = toSources(config);
    store.upsertSources(all);
    const selected = all.filter((s) => s.enabled && (!opts.sourceIds?.length || opts.sourceIds.includes(s.id)));
    const byId = new Map(all.map((s) => [s.id, s]));
    const removeBySource = new Map(config.sources.map((s) => [s.id, s.extract?.remove ?? []]));
    const learned = learnedForIngest(store, config);
    const embeddings = deps.embeddings?.({ cache: store, now, onWarning: (msg, fields) => {
      (report.warnings ??= []).push(msg);
      log.warn(fields, msg);
    } }) ?? null;
    const storyCfg = storyConfig(config.cluster);
    // Extraction, relevance, story features and offline drafts: inline, or in worker threads (src/pool).
    const setup = { relevance: config.relevance, learned, story: storyCfg, publication: config.publication.name,
      topics: config.topics.map((t) => ({ ...t })) };
    cpu = deps.cpu?.(setup) ?? inlineStages(setup, clock);
    report.cpu_workers = cpu.workers;
    const stages = cpu;
    const stories = storyStorage(store, embeddings, storyCfg.embedding_evidence);
    const perSource = new Map<string, SourceReport>();
    // Items in flight are bounded per host: a 10,000-article run streams, and every host keeps its next
    // request ready (the fetcher's scheduler spaces them; the overall request bound is `concurrency`).
    const work = new HostWork(config.fetch.per_host_concurrency + 2);
    const queued = new Set<number>();
    const heap = heapBudget();

    const enqueue = async (item: PendingItem, owner: string) => {
      if (queued.has(item.id) || deps.signal?.aborted) return;
      queued.add(item.id);
      await work.add(item.url, () => handleItem(item, owner));
    };

    const handleItem = async (item: PendingItem, owner: string) => {
      if (deps.signal?.aborted) return;
      const alwaysRelevant = item.source_ids.some((id) => byId.get(id)?.always_relevant);
      // Every source listing the item contributes its site rules (an item two feeds share is usually one site's).
      const remove = [...new Set(item.source_ids.flatMap((id) => removeBySource.get(id) ?? []))];
      const out = await processItem(item, { fetcher, cpu: stages, alwaysRelevant, clock, remove });
      for (const k of ['fetch', 'extract', 'relevance'] as const) report.stage_ms[k] += out.ms[k];
      const t = clock();
      batch.run(() => saveOutcome(item, out, owner));
      report.stage_ms.store += clock() - t;
      heap.check();
      deps.progress?.itemDone?.(report.items, work.outstanding);
    };

    /** Stores what processing an item gave (story matching comes after the crawl). */
    const saveOutcome = (item: PendingItem, out: Awaited<ReturnType<typeof processItem>>, owner: string): void => {
      const ts = now().toISOString();
      if (!out.ok) {
        store.markFailed(item.id, out, ts);
        report.items.failed++;
        const counts = perSource.get(owner);
        if (counts) counts.failed++;
        log.warn({ item: item.id, url: item.url, stage: 'fetch', outcome: out.kind }, out.message);
        return;
      }
      const { mergedInto } = store.markExtracted(item.id, out.row, ts);
      if (mergedInto === null && out.learned) store.recordAdjustment(item.id, out.learned, ts);
      if (mergedInto !== null) report.items.merged++;
      else if (out.row.state === 'irrelevant') report.items.irrelevant++;
      else report.items.extracted++;
    };

    // Items left over by an earlier run (killed, or transient failures) are finished first.
    const leftovers = store.listPending(100_000);
    report.items.retried = leftovers.length;
    const leftoversByHost = new Map<string, PendingItem[]>();
    for (const item of leftovers) {
      const key = hostKey(item.url);
      const list = leftoversByHost.get(key);
      if (list) list.push(item);
      else leftoversByHost.set(key, [item]);
    }
    // Each host's leftovers are fed as its queue has room, alongside the sources' new items.
    const feedingLeftovers = Promise.all([...leftoversByHost.values()].map(async (items) => {
      for (const item of items) await enqueue(item, item.source_ids[0] ?? '');
    }));

    await Promise.all([feedingLeftovers, ...selected.map(async (source) => {
      const r: SourceReport = { id: source.id, ok: false, error: null, not_modified: false, discovered: 0, new: 0, known: 0, failed: 0, ms: 0 };
      perSource.set(source.id, r);
      report.sources.push(r);
      const t0 = clock();
      batch.run(() => store.recordSourceAttempt(source.id, now().toISOString()));
      try {
        const read = await readSource(source, store.getSourceState(source.id), fetcher);
        const td = clock();
        if (read.notModified) {
          r.not_modified = true;
        } else {
          const { kept } = selectItems(read.items, now(), config.fetch.max_age_days, config.fetch.max_items_per_source);
          r.discovered = read.items.length;
          for (const d of kept) {
            const url = normalizeUrl(d.url);
            if (!url) continue;
            const { id, created } = batch.run(() => store.insertDiscovered({
              url, url_seen: d.url, source_id: source.id, title: d.title, summary: d.summary,
              content: d.content, published_at: d.published_at,
            }, now().toISOString()));
            if (!created) { r.known++; continue; }
            r.new++;
            report.items.new++;
            await enqueue({ id, url, attempts: 0, feed_title: d.title, feed_summary: d.summary, feed_content: d.content,
              feed_published_at: d.published_at, source_ids: [source.id] }, source.id);
          }
        }
        report.stage_ms.discover += clock() - td;
        // Validators are saved only after the items are stored: a kill before this point re-reads the feed.
        batch.run(() => store.recordSourceOk(source.id, { etag: read.etag, last_modified: read.lastModified, feed_url: read.feedUrl }, now().toISOString()));
        r.ok = true;
      } catch (err) {
        const e = err instanceof FetchError ? err : new FetchError('parse', source.url, (err as Error).message, false);
        r.error = `${e.kind}: ${e.message}`;
        batch.run(() => store.recordSourceFailure(source.id, e.kind, e.message));
        log.warn({ source: source.id, url: source.url, outcome: e.kind }, e.message);
      }
      r.ms = Math.round(clock() - t0);
      deps.progress?.sourceDone?.(r);
    })]);
    await work.onIdle();
    batch.flush();
    if (deps.triage && !deps.signal?.aborted) {
      report.triage = await runTriage({ config, store, triage: deps.triage, log, now, signal: deps.signal });
    }
    if (!deps.signal?.aborted) {
      const tc = clock();
      const c = await clusterPending({ store, batch, storage: stories, cfg: storyCfg, now, signal: deps.signal, embeddings, explain: deps.explain, cpu: stages,
        sourceName: (id) => byId.get(id)?.name ?? null, afterEach: heap.check });
      batch.flush();
      report.items.joined += c.joined;
      report.items.follow_ups += c.follow_ups;
      report.stage_ms.cluster = clock() - tc;
    }
    if (deps.summarizer && !deps.signal?.aborted) {
      const ts = clock();
      report.summarize = await runSummarize({ config, store, summarizer: deps.summarizer, log, now, runId, signal: deps.signal, batch,
        onProgress: heap.check, cpu: stages });
      batch.flush();
      report.stage_ms.summarize = clock() - ts;
    }

    const stats = fetcher.stats();
    report.requests = { sent: stats.requests, bytes: stats.bytes, not_modified: stats.notModified };
    const failedSources = report.sources.filter((s) => !s.ok).length;
    report.outcome = deps.signal?.aborted ? 'interrupted'
      : selected.length > 0 && failedSources === selected.length ? 'failed'
        : failedSources > 0 || report.items.failed > 0 || report.summarize?.failed || report.summarize?.stopped ? 'partial' : 'ok';
    return report;
  } catch (err) {
    report.outcome = 'failed';
    runError = (err as Error).message;
    throw err;
  } finally {
    try {
      batch.flush();
    } catch (err) {
      report.outcome = 'failed';
      runError ??= `could not save the run's last writes: ${(err as Error).message}`;
    }
    if (cpu) {
      report.stage_cpu_ms = Object.fromEntries(Object.entries(cpu.cpuMs()).map(([k, v]) => [k, Math.round(v)]));
      await cpu.close().catch((err: Error) => log.warn({ stage: 'cpu' }, `could not stop the CPU workers: ${err.message}`));
    }
    report.finished_at = now().toISOString();
    for (const k of Object.keys(report.stage_ms)) report.stage_ms[k] = Math.round(report.stage_ms[k]);
    store.finishRun(runId, report.outcome, report, runError, report.finished_at);
    lock.release();
  }
}
