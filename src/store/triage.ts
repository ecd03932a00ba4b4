import type { Db } from './db.js';

/** An item whose relevance score is near the threshold, as the triage tier needs it. */
export interface BorderlineItem {
  id: number;
  url: string;
  title: string | null;
  text: string;
  published_at: string | null;
  state: 'extracted' | 'irrelevant';
  relevance: number;
  relevance_terms: string[];
  source_ids: string[];
  source_name: string | null;
}

/** The triage tier's verdict on one item, as stored in items.triage. */
export interface TriageRecord { model: string; relevant: boolean; topics: string[]; ignored: string | null; at: string }

/** Queries of the triage tier (borderline relevance decided by a cheap LLM, issue 14). */
export function triageQueries(db: Db) {
  // Items not yet filed under a story (triage runs before story matching) and never triaged.
  const borderline = db.prepare(`SELECT i.id, i.url, i.title, i.text, i.published_at, i.state, i.relevance, i.relevance_terms,
      (SELECT json_group_array(x.source_id) FROM item_sources x WHERE x.item_id = i.id) AS source_ids,
      (SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id
        ORDER BY src.is_primary DESC, x.first_seen_at LIMIT 1) AS source_name
    FROM items i
    WHERE i.state IN ('extracted', 'irrelevant') AND i.story_id IS NULL AND i.triage IS NULL
      AND i.relevance IS NOT NULL AND i.relevance >= @lo AND i.relevance <= @hi AND i.id > @after
    ORDER BY i.id LIMIT @limit`);
  const save = db.prepare(`UPDATE items SET triage = @triage, state = @state, relevance_terms = @terms, updated_at = @now
    WHERE id = @id AND state IN ('extracted', 'irrelevant') AND story_id IS NULL`);

  return {
    /** Unfiled, untriaged items with a relevance score in [lo, hi], by id after `after`. */
    listBorderline(lo: number, hi: number, limit: number, after = 0): BorderlineItem[] {
      return (borderline.all({ lo, hi, limit, after }) as (Omit<BorderlineItem, 'relevance_terms' | 'source_ids'> & { relevance_terms: string | null; source_ids: string })[])
        .map((r) => ({ ...r, text: r.text ?? '', relevance_terms: r.relevance_terms ? JSON.parse(r.relevance_terms) : [],
          source_ids: JSON.parse(r.source_ids) as string[] }));
    },
    /** Stores the verdict, the item's (possibly changed) state and its explained relevance terms. */
    saveTriage(itemId: number, t: TriageRecord, state: 'extracted' | 'irrelevant', terms: string[]): void {
      save.run({ id: itemId, triage: JSON.stringify(t), state, terms: JSON.stringify(terms), now: t.at });
    },
  };
}
