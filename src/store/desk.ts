import type { Db } from './db.js';
import type { RunRow } from './runs.js';

/** One run as the desk's history shows it: the run row plus its LLM calls, tokens and cost. */
export interface RunWithCost extends RunRow {
  llm_calls: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

/** Extra read-only queries for the editor's desk (runs history, source filter). */
export function deskQueries(db: Db) {
  const runs = db.prepare(`SELECT r.*,
      (SELECT count(*) FROM llm_calls l WHERE l.run_id = r.id) AS llm_calls,
      (SELECT coalesce(sum(tokens_in), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_in,
      (SELECT coalesce(sum(tokens_out), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_out,
      (SELECT coalesce(sum(cost_usd), 0) FROM llm_calls l WHERE l.run_id = r.id) AS cost_usd
    FROM runs r ORDER BY r.id DESC LIMIT ? OFFSET ?`);
  const runCount = db.prepare(`SELECT count(*) FROM runs`).pluck();
  const names = db.prepare(`SELECT id, name FROM sources ORDER BY name COLLATE NOCASE`);

  return {
    /** Runs `fn` in one transaction (bulk seeding in benchmarks: one commit instead of one per call). */
    inTransaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /** Runs, newest first, each with its LLM calls, tokens and cost. */
    listRunsWithCost(limit: number, offset = 0): RunWithCost[] {
      return (runs.all(limit, offset) as (RunWithCost & { counts: string | null })[])
        .map((r) => ({ ...r, counts: r.counts ? JSON.parse(r.counts) : null }));
    },
    /** How many runs are stored. */
    countRuns(): number {
      return runCount.get() as number;
    },
    /** Every stored source's id and name, by name (the candidates page's source filter). */
    sourceNames(): { id: string; name: string }[] {
      return names.all() as { id: string; name: string }[];
    },
  };
}
