import type { Db } from './db.js';
import { ftsStatements } from './fts.js';
import type { LlmCall, Summary } from '../domain/types.js';

/** A story's lead item, ready to be summarized. */
export interface SummaryJob {
  story_id: number;
  item_id: number;
  url: string;
  title: string | null;
  text: string;
  published_at: string | null;
  site_name: string | null;
  source_name: string | null;
  relevance_terms: string[];
  /** The story's other items (other outlets), fullest first: see `storyOthers`. */
  others: StoryOther[];
}

/** Another outlet's item in a story, as the summarizer reads it (text cut to OTHER_CHARS). */
export interface StoryOther { source: string; title: string; text: string }

/** Other items of a story given to the summarizer, and characters of each: their news, not their archives. */
export const OTHER_ITEMS = 4;
export const OTHER_CHARS = 4000;

/** A stored draft, as the summarize stage writes it. */
export interface DraftRow extends Summary {
  summarizer: string;
  prompt_version: string | null;
  cache_key: string;
  unsupported: string[];
}

/** One LLM call as stored. */
export type LlmCallRow = LlmCall;

/** Summaries of a stage run: calls, tokens, cost. */
export interface LlmTotals { calls: number; tokens_in: number; tokens_out: number; cost_usd: number }

/** LLM spending in a time window, in all and per model and per tier (`newsdesk costs`, the issue budget). */
export interface LlmSpend {
  total: LlmTotals;
  by_model: (LlmTotals & { model: string })[];
  by_tier: (LlmTotals & { tier: string })[];
}

/** A summarize failure is retried on later runs until the item has been tried this many times in all. */
export const MAX_SUMMARY_ATTEMPTS = 6;

/** Queries on stories, summaries, the summary cache and LLM calls. */
export function summaryQueries(db: Db) {
  const newStory = db.prepare(`INSERT INTO stories (lead_item_id, created_at, updated_at) VALUES (?, ?, ?)`);
  const setStory = db.prepare(`UPDATE items SET story_id = ? WHERE id = ?`);
  const jobs = db.prepare(`SELECT s.id AS story_id, i.id AS item_id, i.url, i.title, i.text, i.published_at, i.site_name,
      i.relevance_terms,
      (SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id
        ORDER BY src.is_primary DESC, x.first_seen_at LIMIT 1) AS source_name
    FROM stories s JOIN items i ON i.id = s.lead_item_id
    WHERE (i.state = 'extracted' OR (i.state = 'failed' AND i.failed_stage = 'summarize' AND i.attempts < @maxAttempts)
           OR (@redo AND i.state = 'summarized'))
      AND (@redo OR NOT EXISTS (SELECT 1 FROM summaries m WHERE m.story_id = s.id))
      AND (@only IS NULL OR s.id IN (SELECT value FROM json_each(@only)))
      AND (@shortlisted = 0 OR i.review IN ('shortlisted', 'published'))
      AND i.id > @after
    ORDER BY i.id LIMIT @limit`);
  const others = db.prepare(`SELECT coalesce((SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id
        WHERE x.item_id = i.id ORDER BY src.is_primary DESC, x.first_seen_at LIMIT 1), i.site_name, '') AS source,
      coalesce(i.title, '') AS title, substr(i.text, 1, @chars) AS text
    FROM items i
    WHERE i.story_id = @story AND i.id <> @lead AND i.state IN ('extracted', 'summarized') AND length(coalesce(i.text, '')) > 0
    ORDER BY length(i.text) DESC, i.id LIMIT @limit`);
  const storyOthers = (storyId: number, leadItemId: number): StoryOther[] =>
    others.all({ story: storyId, lead: leadItemId, chars: OTHER_CHARS, limit: OTHER_ITEMS }) as StoryOther[];
  const cached = db.prepare(`SELECT * FROM summary_cache WHERE cache_key = ?`);
  const putCache = db.prepare(`INSERT OR REPLACE INTO summary_cache (cache_key, headline, bullet, topics, topic_confidence,
      unsupported, summarizer, prompt_version, created_at)
    VALUES (@cache_key, @headline, @bullet, @topics, @topic_confidence, @unsupported, @summarizer, @prompt_version, @now)`);
  const putSummary = db.prepare(`INSERT INTO summaries (story_id, item_id, headline, bullet, topics, topic_confidence,
      summarizer, prompt_version, cache_key, unsupported, created_at)
    VALUES (@story_id, @item_id, @headline, @bullet, @topics, @topic_confidence, @summarizer, @prompt_version, @cache_key, @unsupported, @now)
    ON CONFLICT(story_id) DO UPDATE SET item_id = excluded.item_id, headline = excluded.headline, bullet = excluded.bullet,
      topics = excluded.topics, topic_confidence = excluded.topic_confidence, summarizer = excluded.summarizer,
      prompt_version = excluded.prompt_version, cache_key = excluded.cache_key, unsupported = excluded.unsupported,
      created_at = excluded.created_at`);
  const markSummarized = db.prepare(`UPDATE items SET state = 'summarized', failed_stage = NULL, error = NULL, error_kind = NULL,
      updated_at = @now WHERE story_id = @story_id AND (state = 'extracted' OR (state = 'failed' AND failed_stage = 'summarize'))`);
  const markFailed = db.prepare(`UPDATE items SET state = 'failed', failed_stage = 'summarize', error_kind = @kind,
      error = @message, retryable = 1, attempts = attempts + 1, updated_at = @now WHERE id = @id`);
  const fts = ftsStatements(db);
  const call = db.prepare(`INSERT INTO llm_calls (run_id, item_id, model, tier, prompt_version, tokens_in, tokens_out, ms, outcome,
      cost_usd, error, created_at) VALUES (@run_id, @item_id, @model, @tier, @prompt_version, @tokens_in, @tokens_out, @ms, @outcome,
      @cost_usd, @error, @now)`);
  const SUMS = `count(*) AS calls, coalesce(sum(tokens_in), 0) AS tokens_in, coalesce(sum(tokens_out), 0) AS tokens_out,
      coalesce(sum(cost_usd), 0) AS cost_usd`;
  const IN_WINDOW = `created_at >= @from AND (@to IS NULL OR created_at < @to)`;
  const spentSince = db.prepare(`SELECT coalesce(sum(cost_usd), 0) FROM llm_calls WHERE ${IN_WINDOW}`).pluck();
  const spendTotal = db.prepare(`SELECT ${SUMS} FROM llm_calls WHERE ${IN_WINDOW}`);
  const spendModel = db.prepare(`SELECT model, ${SUMS} FROM llm_calls WHERE ${IN_WINDOW} GROUP BY model ORDER BY cost_usd DESC, model`);
  const spendTier = db.prepare(`SELECT tier, ${SUMS} FROM llm_calls WHERE ${IN_WINDOW} GROUP BY tier ORDER BY tier DESC`);
  const totals = db.prepare(`SELECT count(*) AS calls, coalesce(sum(tokens_in), 0) AS tokens_in,
      coalesce(sum(tokens_out), 0) AS tokens_out, coalesce(sum(cost_usd), 0) AS cost_usd FROM llm_calls WHERE run_id = ?`);

  return {
    /** Makes an item a story of its own (until clustering groups it with others). */
    createStoryFor(itemId: number, now: string): number {
      return db.transaction(() => {
        const id = Number(newStory.run(itemId, now, now).lastInsertRowid);
        setStory.run(id, itemId);
        return id;
      })();
    },
    /**
     * Stories whose lead is relevant and has no draft yet (all of them with `redo`), by lead id after `after`;
     * with `shortlistedOnly`, only stories the editor has shortlisted (llm.draft_only_shortlisted).
     */
    listSummaryJobs(limit: number, redo = false, storyIds?: number[], after = 0, shortlistedOnly = false): SummaryJob[] {
      return (jobs.all({ limit, after, redo: redo ? 1 : 0, shortlisted: shortlistedOnly ? 1 : 0, maxAttempts: MAX_SUMMARY_ATTEMPTS, only: storyIds ? JSON.stringify(storyIds) : null }) as (Omit<SummaryJob, 'relevance_terms' | 'others'> & { relevance_terms: string | null })[])
        .map((r) => ({ ...r, text: r.text ?? '', relevance_terms: r.relevance_terms ? JSON.parse(r.relevance_terms) : [],
          others: storyOthers(r.story_id, r.item_id) }));
    },
    /** The story's other relevant items with text (not the lead), fullest first, at most 4, each cut to 4,000 characters. */
    storyOthers,
    /** A draft made earlier for the same summarizer, prompt version and text. */
    getCachedDraft(key: string): DraftRow | undefined {
      const r = cached.get(key) as (Record<string, unknown>) | undefined;
      if (!r) return undefined;
      return {
        headline: r.headline as string, bullet: r.bullet as string, topics: JSON.parse(r.topics as string),
        topic_confidence: r.topic_confidence as number, summarizer: r.summarizer as string,
        prompt_version: (r.prompt_version as string | null) ?? null, cache_key: key, unsupported: JSON.parse(r.unsupported as string),
      };
    },
    /** Stores a story's draft (and caches it), and marks the story's items summarized, in one transaction. */
    saveDraft(storyId: number, itemId: number, d: DraftRow, now: string): void {
      const row = { ...d, story_id: storyId, item_id: itemId, now, topics: JSON.stringify(d.topics), unsupported: JSON.stringify(d.unsupported) };
      db.transaction(() => {
        putCache.run(row);
        putSummary.run(row);
        markSummarized.run({ story_id: storyId, now });
        fts.indexStory(storyId);
      })();
    },
    /** A summarize failure: the item is `failed` with the reason and is tried again on the next run. */
    markSummaryFailed(itemId: number, kind: string, message: string, now: string): void {
      markFailed.run({ id: itemId, kind, message, now });
    },
    /** Refreshes the search index of a story's items (after an edit or a change of membership). */
    reindexStory(storyId: number): void {
      fts.indexStory(storyId);
    },
    /** Stores one LLM call. */
    recordLlmCall(runId: number | null, itemId: number | null, c: LlmCallRow, now: string): void {
      call.run({ ...c, tier: c.tier ?? 'draft', run_id: runId, item_id: itemId, now, ms: Math.round(c.ms) });
    },
    /** USD spent on LLM calls made at or after `from` and before `to` (ISO times; null = open). */
    llmCostBetween(from: string, to: string | null): number {
      return spentSince.get({ from, to }) as number;
    },
    /** Calls, tokens and cost made at or after `from` and before `to`, in all, per model and per tier. */
    llmSpend(from: string, to: string | null): LlmSpend {
      const w = { from, to };
      return { total: spendTotal.get(w) as LlmTotals, by_model: spendModel.all(w) as LlmSpend['by_model'],
        by_tier: spendTier.all(w) as LlmSpend['by_tier'] };
    },
    /** Calls, tokens and cost of one run. */
    llmTotals(runId: number): LlmTotals {
      return totals.get(runId) as LlmTotals;
    },
  };
}
