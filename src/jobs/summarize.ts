import { createHash } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import PQueue from 'p-queue';
import type { Config } from '../config/schema.js';
import type { Store, SummaryJob, WriteBatch } from '../store/index.js';
import { isOfflineSummarizer, type Summarizer } from '../summarize/index.js';
import type { CpuStages, OfflineDraft } from '../pool/index.js';
import { LlmFatalError } from '../summarize/llm/index.js';
import type { Logger } from './log.js';
import { budgetStop } from './llm-budget.js';

/** What `newsdesk summarize --json` prints (public contract), plus why it stopped early, if it did. */
export interface SummarizeReport {
  summarized: number;
  failed: number;
  skipped: number;
  cached: number;
  llm_calls: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  stopped: string | null;
}

/** Summary jobs read from the database at a time. */
const JOB_PAGE = 200;

/** Which item an LLM call belongs to, carried through the summarizer's async work. */
export const callContext = new AsyncLocalStorage<{ itemId: number }>();

/** Cache key of a draft: summarizer (model), prompt version and the text it was made from (the other outlets' too). */
export function draftKey(summarizer: Summarizer, job: SummaryJob): string {
  const others = (job.others ?? []).map((o) => `\n\u0000${o.source}\n${o.title}\n${o.text}`).join('');
  const text = createHash('sha256').update(`${job.title ?? ''}\n${job.text}${others}`).digest('hex').slice(0, 24);
  return `${summarizer.name}|${summarizer.promptVersion}|${text}`;
}

/**
 * Drafts a headline, bullet and topics for every relevant story without one. A draft made before for
 * the same text, summarizer and prompt is reused without a call. A fatal LLM error (bad key, wrong model)
 * stops the stage; an item-level failure marks the item failed to be retried on the next run.
 */
export async function runSummarize(deps: {
  config: Config; store: Store; summarizer: Summarizer; log: Logger; now: () => Date; runId: number | null;
  signal?: AbortSignal; onProgress?: (r: SummarizeReport) => void;
  /** Group commit for the drafts (the ingest run's); without one each draft commits on its own. */
  batch?: WriteBatch;
  /** The run's CPU workers: offline drafts of a page are computed there in parallel, then saved here in order. */
  cpu?: CpuStages;
}, opts: { limit?: number; redo?: boolean; storyIds?: number[] } = {}): Promise<SummarizeReport> {
  const { config, store, summarizer, log, now } = deps;
  const report: SummarizeReport = { summarized: 0, failed: 0, skipped: 0, cached: 0, llm_calls: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0, stopped: null };
  const ctx = { publication: config.publication.name, topics: config.topics.map((t) => ({ ...t })) };
  const budget = config.llm?.max_cost_per_run;
  const isLlm = summarizer.name.startsWith('llm:');
  const queue = new PQueue({ concurrency: isLlm ? config.llm?.concurrency ?? 4 : 1 });
  const write = <T>(fn: () => T): T => (deps.batch ? deps.batch.run(fn) : fn());
  const totals = () => (deps.runId !== null ? store.llmTotals(deps.runId) : null);
  // Cost tiers (issue 14): with llm.draft_only_shortlisted the draft model waits for the editor's shortlist
  // (an explicit redraft of named stories does not); llm.budget_usd_per_issue stops calls for the issue.
  const shortlistedOnly = isLlm && config.llm?.draft_only_shortlisted === true && !opts.storyIds;
  // The offline summarizer is a pure function: the run's CPU stages run it (timed there; on workers, a page at a time).
  const offlineStages = deps.cpu && isOfflineSummarizer(summarizer) ? deps.cpu : null;
  const pooled = offlineStages && offlineStages.workers > 0 ? offlineStages : null;
  /** Offline drafts being computed by the workers, by cache key (one per distinct text). */
  let ahead = new Map<string, Promise<OfflineDraft>>();
  const inputOf = (job: SummaryJob) => ({ title: job.title ?? '', text: job.text, source: job.source_name ?? job.site_name ?? new URL(job.url).hostname,
    published_at: job.published_at, url: job.url, relevance_terms: job.relevance_terms,
    ...(job.others?.length ? { others: job.others } : {}) });

  const one = async (job: SummaryJob) => {
    if (report.stopped || deps.signal?.aborted) { report.skipped++; return; }
    const spent = totals()?.cost_usd ?? 0;
    if (budget !== undefined && spent >= budget) {
      report.stopped = `the run's LLM cost reached llm.max_cost_per_run ($${budget}); the rest waits for the next run`;
      report.skipped++;
      return;
    }
    const overIssue = isLlm ? budgetStop(config, store) : null;
    if (overIssue) { report.stopped = overIssue; report.skipped++; return; }
    const key = draftKey(summarizer, job);
    const hit = opts.redo ? undefined : store.getCachedDraft(key);
    if (hit) {
      write(() => store.saveDraft(job.story_id, job.item_id, hit, now().toISOString()));
      report.cached++;
      report.skipped++;
      return;
    }
    try {
      const input = inputOf(job);
      const { summary, unsupported } = await (ahead.get(key) ?? (offlineStages ? offlineStages.summary(input)
        : callContext.run({ itemId: job.item_id }, () => summarizer.summarize(input, ctx))));
      write(() => store.saveDraft(job.story_id, job.item_id, { ...summary, summarizer: summarizer.name, prompt_version: summarizer.promptVersion,
        cache_key: key, unsupported }, now().toISOString()));
      report.summarized++;
      if (unsupported.length) log.warn({ item: job.item_id, stage: 'summarize', outcome: 'unsupported' }, `draft names things the article does not support: ${unsupported.join(', ')}`);
    } catch (err) {
      if (err instanceof LlmFatalError) {
        report.stopped = err.message;
        report.skipped++;
        return;
      }
      report.failed++;
      write(() => store.markSummaryFailed(job.item_id, 'summarize', (err as Error).message, now().toISOString()));
      log.warn({ item: job.item_id, stage: 'summarize', outcome: 'failed' }, (err as Error).message);
    } finally {
      deps.onProgress?.(report);
    }
  };
  // A page at a time, so a run with thousands of new stories never holds all their texts at once.
  const want = opts.limit ?? Infinity;
  let after = 0;
  for (let taken = 0; taken < want;) {
    const page = store.listSummaryJobs(Math.min(JOB_PAGE, want - taken), opts.redo, opts.storyIds, after, shortlistedOnly);
    if (page.length === 0) break;
    after = page[page.length - 1].item_id;
    taken += page.length;
    // The page's offline drafts start on the workers at once; they are saved in order, as without workers.
    if (pooled) {
      ahead = new Map();
      for (const job of page) {
        const key = draftKey(summarizer, job);
        if (ahead.has(key) || (!opts.redo && store.getCachedDraft(key))) continue;
        const p = pooled.summary(inputOf(job));
        p.catch(() => {}); // awaited (and reported) by the job itself
        ahead.set(key, p);
      }
    }
    await Promise.all(page.map((job) => queue.add(() => one(job))));
  }
  const t = totals();
  if (t) Object.assign(report, { llm_calls: t.calls, tokens_in: t.tokens_in, tokens_out: t.tokens_out, cost_usd: Math.round(t.cost_usd * 1e6) / 1e6 });
  return report;
}
