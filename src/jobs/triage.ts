/**
 * The triage stage of an ingest run (cost tiers, issue 14). Items whose relevance score lies within
 * `llm.triage_band` (default 0.1) of `relevance.min_score` — the ones the rules are least sure about —
 * get one small call to the triage model (llm.models.triage, else llm.model), which answers
 * {"relevant", "topics"}. Its verdict decides the item's state (relevant items then go on to story
 * matching and, if they pass, to the draft model); the verdict and its topics are appended to the
 * item's relevance terms (the card's "why") and stored in items.triage, so an item is triaged once.
 * Items far from the threshold, and items of `always_relevant` sources, are never sent.
 * Runs after the crawl and before story matching; needs relevance.min_score (or a glossary, whose
 * default threshold is 0.5): without a threshold there is no borderline and nothing is sent.
 */
import PQueue from 'p-queue';
import type { Config } from '../config/schema.js';
import { DEFAULT_MIN_SCORE } from '../relevance/index.js';
import type { BorderlineItem, Store } from '../store/index.js';
import { LlmFatalError, type LlmTriage } from '../summarize/llm/index.js';
import { budgetStop } from './llm-budget.js';
import type { Logger } from './log.js';
import { callContext } from './summarize.js';

/** What `ingest --json` prints under "triage". */
export interface TriageReport {
  judged: number;
  relevant: number;
  irrelevant: number;
  /** Items whose state the verdict changed. */
  changed: number;
  failed: number;
  stopped: string | null;
}

/** Band around min_score when llm.triage_band is not set. */
export const DEFAULT_TRIAGE_BAND = 0.1;
const PAGE = 200;

/** The scores counted as borderline, or null when the rules have no threshold. */
export function triageBand(config: Config): { lo: number; hi: number } | null {
  const threshold = config.relevance.min_score ?? (config.relevance.glossary?.length ? DEFAULT_MIN_SCORE : undefined);
  if (threshold === undefined) return null;
  const band = config.llm?.triage_band ?? DEFAULT_TRIAGE_BAND;
  return { lo: Math.max(0, threshold - band), hi: Math.min(1, threshold + band) };
}

/** Sends every borderline item not yet triaged to the triage model; stops on a fatal error or a spent budget. */
export async function runTriage(deps: { config: Config; store: Store; triage: LlmTriage; log: Logger; now: () => Date; signal?: AbortSignal }): Promise<TriageReport> {
  const { config, store, triage, log, now } = deps;
  const report: TriageReport = { judged: 0, relevant: 0, irrelevant: 0, changed: 0, failed: 0, stopped: null };
  const band = triageBand(config);
  if (!band) {
    log.warn({ stage: 'triage' }, 'LLM triage is configured but relevance has no min_score (and no glossary): nothing is borderline; ' +
      'set relevance.min_score in sources.yaml to send items near it to the triage model');
    return report;
  }
  const always = new Set(config.sources.filter((s) => s.always_relevant).map((s) => s.id));
  const queue = new PQueue({ concurrency: config.llm?.concurrency ?? 4 });

  const one = async (item: BorderlineItem) => {
    if (report.stopped || deps.signal?.aborted) return;
    const over = budgetStop(config, store);
    if (over) { report.stopped = over; return; }
    const input = { title: item.title ?? '', text: item.text, source: item.source_name ?? new URL(item.url).hostname,
      published_at: item.published_at, url: item.url, relevance_terms: item.relevance_terms };
    try {
      const v = await callContext.run({ itemId: item.id }, () => triage.judge(input));
      report.judged++;
      const state = v.ignored ? item.state : v.relevant ? 'extracted' : 'irrelevant';
      if (state === 'extracted') report.relevant++; else report.irrelevant++;
      if (state !== item.state) report.changed++;
      const why = v.ignored ? `LLM triage (${triage.model}) not used: ${v.ignored}`
        : `LLM triage (${triage.model}): ${v.relevant ? 'relevant' : 'not relevant'}${v.topics.length ? `; topics ${v.topics.join(', ')}` : ''}`;
      store.saveTriage(item.id, { model: triage.model, relevant: v.relevant, topics: v.topics, ignored: v.ignored, at: now().toISOString() },
        state, [...item.relevance_terms, why]);
    } catch (err) {
      if (err instanceof LlmFatalError) { report.stopped = err.message; return; }
      report.failed++;
      log.warn({ item: item.id, stage: 'triage', outcome: 'failed' }, `${(err as Error).message}; the relevance rules' decision stands`);
    }
  };

  for (let after = 0; !report.stopped && !deps.signal?.aborted;) {
    const page = store.listBorderline(band.lo, band.hi, PAGE, after);
    if (!page.length) break;
    after = page[page.length - 1].id;
    await Promise.all(page.filter((i) => !i.source_ids.some((s) => always.has(s))).map((i) => queue.add(() => one(i))));
  }
  return report;
}
