/**
 * LLM spending per issue: an issue's window, the per-issue budget (llm.budget_usd_per_issue) and
 * the figures `newsdesk costs` prints.
 *
 * An issue's window is its production cycle, by the time a call was made: from the publication of
 * the issue before it (the first call ever, for the first issue) until its own publication (still
 * open for a draft). The current window is the open one: since the last published issue, whether or
 * not its draft issue has been created yet. Calls (triage and draft) made in it count against the budget.
 */
import type { Config } from '../config/schema.js';
import type { IssueRow, LlmSpend, Store } from '../store/index.js';

/** A window of LLM calls: at or after `from`, before `to` (ISO times; `to` null = still open). */
export interface IssueWindow {
  /** The issue this window belongs to (the draft being prepared, for the current window), or null if none exists yet. */
  issue: { id: number; label: string; title: string; status: IssueRow['status'] } | null;
  from: string;
  to: string | null;
}

/** Before every stored time. */
const BEGINNING = '0000-01-01T00:00:00.000Z';

const describe = (i: IssueRow): NonNullable<IssueWindow['issue']> =>
  ({ id: i.id, label: `${i.volume}.${i.number}`, title: i.title, status: i.status });

/** The window of one issue. */
export function issueWindow(store: Store, issue: IssueRow): IssueWindow {
  const until = issue.status === 'published' ? issue.published_at : null;
  const earlier = store.listIssues()
    .filter((i) => i.status === 'published' && i.published_at && i.id !== issue.id && (until === null || i.published_at < until))
    .map((i) => i.published_at!).sort();
  return { issue: describe(issue), from: earlier.at(-1) ?? BEGINNING, to: until };
}

/** The open window: since the last published issue; its issue is the current draft, if there is one. */
export function currentIssueWindow(store: Store): IssueWindow {
  const last = store.lastPublishedIssue();
  const draft = store.currentDraft();
  return { issue: draft ? describe(draft) : null, from: last?.published_at ?? BEGINNING, to: null };
}

/**
 * Why no more LLM calls may be made for the current issue, or null while budget is left (or none is
 * set). Checked before each story and each triage call, so calls already in flight may overshoot
 * the budget by at most `llm.concurrency` calls.
 */
export function budgetStop(config: Config, store: Store): string | null {
  const budget = config.llm?.budget_usd_per_issue;
  if (budget === undefined) return null;
  const w = currentIssueWindow(store);
  const spent = store.llmCostBetween(w.from, null);
  if (spent < budget) return null;
  const which = w.issue ? `issue ${w.issue.label}` : 'the next issue';
  return `the LLM budget for ${which} is spent ($${spent.toFixed(4)} of llm.budget_usd_per_issue $${budget} since ` +
    `${w.from === BEGINNING ? 'the first call' : `the last issue was published (${w.from})`}); no more LLM calls until the ` +
    'next issue is published — raise llm.budget_usd_per_issue in sources.yaml to continue now';
}

/** What `newsdesk costs --json` prints. */
export interface CostsReport extends LlmSpend {
  issue: IssueWindow['issue'];
  window: { from: string | null; to: string | null };
  budget_usd: number | null;
}

const round = <T extends { cost_usd: number }>(t: T): T => ({ ...t, cost_usd: Math.round(t.cost_usd * 1e6) / 1e6 });

/** Calls, tokens and cost of an issue's window (the current one without `issue`), in all, per model and per tier. */
export function costsReport(config: Config, store: Store, issue?: IssueRow): CostsReport {
  const w = issue ? issueWindow(store, issue) : currentIssueWindow(store);
  const spend = store.llmSpend(w.from, w.to);
  return {
    issue: w.issue,
    window: { from: w.from === BEGINNING ? null : w.from, to: w.to },
    budget_usd: config.llm?.budget_usd_per_issue ?? null,
    total: round(spend.total),
    by_model: spend.by_model.map(round),
    by_tier: spend.by_tier.map(round),
  };
}
