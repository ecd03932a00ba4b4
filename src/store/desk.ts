import type { Db } from './db.js';
import type { RunRow } from './runs.js';

/** One run as the desk's history shows it: the run row plus its LLM calls, tokens and cost. */
export interface RunWithCost extends RunRow {
  llm_calls: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
}

/** One article of a story, as the desk lists it under the card. */
export interface StoryMember {
  id: number;
  title: string | null;
  url: string;
  published_at: string | null;
  /** Outlets that carried it, primary sources first. */
  sources: string[];
  lead: boolean;
  /** An editor placed it (split or merge): later runs never move it. */
  pinned: boolean;
}

/** Extra read-only queries for the editor's desk (runs history, source filter, a story's articles). */
export function deskQueries(db: Db) {
  const runs = db.prepare(`SELECT r.*,
      (SELECT count(*) FROM llm_calls l WHERE l.run_id = r.id) AS llm_calls,
      (SELECT coalesce(sum(tokens_in), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_in,
      (SELECT coalesce(sum(tokens_out), 0) FROM llm_calls l WHERE l.run_id = r.id) AS tokens_out,
      (SELECT coalesce(sum(cost_usd), 0) FROM llm_calls l WHERE l.run_id = r.id) AS cost_usd
    FROM runs r ORDER BY r.id DESC LIMIT ? OFFSET ?`);
  const runCount = db.prepare(`SELECT count(*) FROM runs`).pluck();
  const names = db.prepare(`SELECT id, name FROM sources ORDER BY name COLLATE NOCASE`);
  const members = db.prepare(`SELECT i.id, i.title, coalesce(i.canonical_url, i.url) AS url, i.published_at, i.story_pinned AS pinned,
      (i.id = s.lead_item_id) AS lead,
      (SELECT json_group_array(name) FROM (SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id
        WHERE x.item_id = i.id GROUP BY src.id ORDER BY max(src.is_primary) DESC, min(x.first_seen_at))) AS sources
    FROM items i JOIN stories s ON s.id = i.story_id
    WHERE i.story_id = ? ORDER BY lead DESC, i.sort_at, i.id`);

  return {
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
    /** A story's articles, lead first, then oldest first: what each is, who carried it, whether an editor placed it. */
    storyMembers(storyId: number): StoryMember[] {
      return (members.all(storyId) as (Omit<StoryMember, 'sources' | 'lead' | 'pinned'> & { sources: string; lead: number; pinned: number })[])
        .map((r) => ({ ...r, sources: JSON.parse(r.sources) as string[], lead: !!r.lead, pinned: !!r.pinned }));
    },
  };
}
