import type { Db } from './db.js';
import { emptyModel, type Adjustment, type FeatureInput, type Model } from '../learn/model.js';

/** One editor decision as stored (the audit trail of what the model learned from). */
export interface DecisionRow {
  id: number;
  item_id: number;
  story_id: number | null;
  action: 'shortlist' | 'reject' | 'topics' | 'promote' | 'undo';
  label: 0 | 1 | null;
  topics_before: string[] | null;
  topics_after: string[] | null;
  via: 'desk' | 'cli';
  undoes: number | null;
  at: string;
}

/** An item the rules (or the rules and the editor's history) put below the threshold. */
export interface BelowRow {
  item_id: number;
  title: string | null;
  url: string;
  sort_at: string;
  relevance: number | null;
  terms: string[];
  sources: string[];
  rule_score: number | null;
}

/** Queries behind learning from the editor: decisions, the model's counts, adjustments, below-threshold items. */
export function learnQueries(db: Db) {
  const insertDecision = db.prepare(`INSERT INTO review_decisions (item_id, story_id, action, label, topics_before, topics_after, features, via, at)
    VALUES (@item_id, @story_id, @action, @label, @topics_before, @topics_after, @features, @via, @at)`);
  const bump = db.prepare(`INSERT INTO learn_features (feature, pos, neg) VALUES (@feature, @pos, @neg)
    ON CONFLICT(feature) DO UPDATE SET pos = pos + excluded.pos, neg = neg + excluded.neg`);
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : null);

  return {
    /** The features input of an item: title, text, sources, matched terms; with its story and current topics. */
    learnInput(itemId: number): (FeatureInput & { story_id: number | null; state: string; topics: string[] }) | undefined {
      const r = db.prepare(`SELECT i.title, i.text, i.relevance_terms, i.story_id, i.state,
          (SELECT coalesce(m.edit_topics, m.topics) FROM summaries m WHERE m.story_id = i.story_id) AS topics,
          (SELECT group_concat(source_id, ' ') FROM item_sources x WHERE x.item_id = i.id) AS sources
        FROM items i WHERE i.id = ?`).get(itemId) as Record<string, unknown> | undefined;
      if (!r) return undefined;
      return { title: r.title as string | null, text: r.text as string | null, terms: parse(r.relevance_terms) ?? [],
        sources: r.sources ? String(r.sources).split(' ') : [], story_id: (r.story_id as number | null) ?? null, state: r.state as string,
        topics: parse(r.topics) ?? [] };
    },
    /** Records one decision and, when it is kept or rejected, counts its features into the model (one transaction). */
    recordDecision(d: { item_id: number; story_id: number | null; action: DecisionRow['action']; label: 0 | 1 | null;
      topics_before?: string[] | null; topics_after?: string[] | null; features: string[]; via: 'desk' | 'cli' }, now: string): number {
      return db.transaction(() => {
        const id = Number(insertDecision.run({ item_id: d.item_id, story_id: d.story_id, action: d.action, label: d.label,
          topics_before: d.topics_before ? JSON.stringify(d.topics_before) : null, topics_after: d.topics_after ? JSON.stringify(d.topics_after) : null,
          features: JSON.stringify(d.features), via: d.via, at: now }).lastInsertRowid);
        if (d.label !== null) {
          const c = { pos: d.label === 1 ? 1 : 0, neg: d.label === 0 ? 1 : 0 };
          bump.run({ feature: '', ...c });
          for (const feature of new Set(d.features)) if (feature) bump.run({ feature, ...c });
        }
        return id;
      }).immediate();
    },
    /**
     * Takes back the item's last kept/rejected decision not yet taken back (the editor pressed undo): an 'undo'
     * row is recorded and that decision's counts leave the model. Returns the undone decision's id, or null.
     */
    retractDecision(itemId: number, via: 'desk' | 'cli', now: string): number | null {
      return db.transaction(() => {
        const last = db.prepare(`SELECT d.id, d.story_id, d.label, d.features FROM review_decisions d WHERE d.item_id = ? AND d.label IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id) ORDER BY d.id DESC LIMIT 1`).get(itemId) as
          { id: number; story_id: number | null; label: 0 | 1; features: string } | undefined;
        if (!last) return null;
        db.prepare(`INSERT INTO review_decisions (item_id, story_id, action, label, features, via, undoes, at) VALUES (?, ?, 'undo', NULL, '[]', ?, ?, ?)`)
          .run(itemId, last.story_id, via, last.id, now);
        const c = { pos: last.label === 1 ? -1 : 0, neg: last.label === 0 ? -1 : 0 };
        bump.run({ feature: '', ...c });
        for (const feature of new Set(JSON.parse(last.features) as string[])) if (feature) bump.run({ feature, ...c });
        return last.id;
      }).immediate();
    },
    /** The model as counted so far. */
    loadModel(): Model {
      const m = emptyModel();
      for (const r of db.prepare(`SELECT feature, pos, neg FROM learn_features`).all() as { feature: string; pos: number; neg: number }[]) {
        if (r.feature === '') { m.pos = r.pos; m.neg = r.neg; } else m.features.set(r.feature, { pos: r.pos, neg: r.neg });
      }
      return m;
    },
    /** The decisions, newest first. */
    listDecisions(limit = 100): DecisionRow[] {
      return (db.prepare(`SELECT id, item_id, story_id, action, label, topics_before, topics_after, via, undoes, at FROM review_decisions
        ORDER BY id DESC LIMIT ?`).all(limit) as Record<string, unknown>[])
        .map((r) => ({ ...r, topics_before: parse(r.topics_before), topics_after: parse(r.topics_after) }) as DecisionRow);
    },
    /** Keeps what the learned adjustment did to an item at ingest. */
    recordAdjustment(itemId: number, a: Adjustment & { rule_state: string }, now: string): void {
      db.prepare(`INSERT OR REPLACE INTO learn_adjustments (item_id, rule_score, score, rule_state, moved_by, at)
        VALUES (?, ?, ?, ?, ?, ?)`).run(itemId, a.rule_score, a.score, a.rule_state, JSON.stringify(a.moved_by), now);
    },
    /** What the learned adjustment did to an item, if anything. */
    learnAdjustment(itemId: number): (Adjustment & { rule_state: string }) | undefined {
      const r = db.prepare(`SELECT rule_score, score, rule_state, moved_by FROM learn_adjustments WHERE item_id = ?`).get(itemId) as
        Record<string, unknown> | undefined;
      return r && { rule_score: r.rule_score as number, score: r.score as number, rule_state: r.rule_state as string, moved_by: parse(r.moved_by) ?? [] };
    },
    /** The editor's topic re-tags, as examples for a topic classifier: the item's text and the topics the editor chose. */
    editorTopicExamples(): { item_id: number; title: string | null; text: string | null; topics: string[]; at: string }[] {
      return (db.prepare(`SELECT d.item_id, i.title, i.text, d.topics_after, d.at FROM review_decisions d JOIN items i ON i.id = d.item_id
        WHERE d.action = 'topics' AND d.topics_after IS NOT NULL ORDER BY d.id`).all() as Record<string, unknown>[])
        .map((r) => ({ item_id: r.item_id as number, title: r.title as string | null, text: r.text as string | null,
          topics: parse(r.topics_after) ?? [], at: r.at as string }));
    },
    /** Items below the relevance threshold (state 'irrelevant'), newest first, with their score and terms. */
    listBelowThreshold(f: { limit?: number; offset?: number } = {}): { rows: BelowRow[]; total: number } {
      const rows = (db.prepare(`SELECT i.id AS item_id, i.title, i.url, coalesce(i.sort_at, i.discovered_at) AS sort_at, i.relevance, i.relevance_terms,
          (SELECT group_concat(source_id, ' ') FROM item_sources x WHERE x.item_id = i.id) AS sources, a.rule_score
        FROM items i LEFT JOIN learn_adjustments a ON a.item_id = i.id WHERE i.state = 'irrelevant'
        ORDER BY coalesce(i.sort_at, i.discovered_at) DESC, i.id DESC LIMIT ? OFFSET ?`).all(f.limit ?? 50, f.offset ?? 0) as Record<string, unknown>[])
        .map((r) => ({ item_id: r.item_id as number, title: r.title as string | null, url: r.url as string, sort_at: r.sort_at as string,
          relevance: r.relevance as number | null, terms: parse(r.relevance_terms) ?? [], sources: r.sources ? String(r.sources).split(' ') : [],
          rule_score: (r.rule_score as number | null) ?? null }));
      const total = db.prepare(`SELECT count(*) FROM items WHERE state = 'irrelevant'`).pluck().get() as number;
      return { rows, total };
    },
    /** Brings an item below the threshold onto the desk: it becomes 'extracted' (stories and drafts pick it up). */
    promoteItem(itemId: number, now: string): boolean {
      return db.prepare(`UPDATE items SET state = 'extracted', updated_at = ? WHERE id = ? AND state = 'irrelevant'`).run(now, itemId).changes === 1;
    },
  };
}
