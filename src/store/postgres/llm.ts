import type { Conn } from './conn.js';
import type { LlmCallsPort, LlmSpend, LlmTotals } from '../ports.js';

const SUMS = `count(*) AS calls, coalesce(sum(tokens_in), 0) AS tokens_in, coalesce(sum(tokens_out), 0) AS tokens_out,
  coalesce(sum(cost_usd), 0) AS cost_usd`;
const IN_WINDOW = `created_at >= @from AND (@to::text IS NULL OR created_at < @to::text)`;

/** LLM calls and their cost on PostgreSQL. */
export function pgLlm(db: Conn): LlmCallsPort {
  return {
    async recordLlmCall(runId, itemId, c, now) {
      await db.run(`INSERT INTO llm_calls (run_id, item_id, model, tier, prompt_version, tokens_in, tokens_out, ms, outcome,
          cost_usd, error, created_at) VALUES (@run_id, @item_id, @model, @tier, @prompt_version, @tokens_in, @tokens_out, @ms, @outcome,
          @cost_usd, @error, @now)`,
      { run_id: runId, item_id: itemId, model: c.model, tier: c.tier ?? 'draft', prompt_version: c.prompt_version ?? null,
        tokens_in: c.tokens_in, tokens_out: c.tokens_out, ms: Math.round(c.ms), outcome: c.outcome, cost_usd: c.cost_usd,
        error: c.error ?? null, now });
    },
    async llmCostBetween(from, to) {
      return (await db.one<{ n: number }>(`SELECT coalesce(sum(cost_usd), 0) AS n FROM llm_calls WHERE ${IN_WINDOW}`, { from, to }))!.n;
    },
    async llmSpend(from, to) {
      const w = { from, to };
      return {
        total: (await db.one<LlmTotals>(`SELECT ${SUMS} FROM llm_calls WHERE ${IN_WINDOW}`, w))!,
        by_model: await db.all<LlmSpend['by_model'][number]>(`SELECT model, ${SUMS} FROM llm_calls WHERE ${IN_WINDOW}
          GROUP BY model ORDER BY cost_usd DESC, model COLLATE "C"`, w),
        by_tier: await db.all<LlmSpend['by_tier'][number]>(`SELECT tier, ${SUMS} FROM llm_calls WHERE ${IN_WINDOW}
          GROUP BY tier ORDER BY tier COLLATE "C" DESC`, w),
      };
    },
    async llmTotals(runId) {
      return (await db.one<LlmTotals>(`SELECT ${SUMS} FROM llm_calls WHERE run_id = @runId`, { runId }))!;
    },
  };
}
