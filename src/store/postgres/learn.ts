import { json, type Conn } from './conn.js';
import { emptyModel } from '../../learn/model.js';
import type { LearnPort, DecisionRow } from '../ports.js';

/** Learning from the editor on PostgreSQL. */
export function pgLearn(db: Conn): LearnPort {
  const bump = (c: Conn, feature: string, pos: number, neg: number) => c.run(`INSERT INTO learn_features (feature, pos, neg)
    VALUES (@feature, @pos, @neg) ON CONFLICT (feature) DO UPDATE SET pos = learn_features.pos + excluded.pos,
      neg = learn_features.neg + excluded.neg`, { feature, pos, neg });
  return {
    async learnInput(itemId) {
      const r = await db.one<Record<string, unknown>>(`SELECT i.title, i.text, i.relevance_terms, i.story_id, i.state,
          (SELECT coalesce(m.edit_topics, m.topics) FROM summaries m WHERE m.story_id = i.story_id) AS topics,
          (SELECT string_agg(source_id, ' ' ORDER BY source_id COLLATE "C") FROM item_sources x WHERE x.item_id = i.id) AS sources
        FROM items i WHERE i.id = @itemId`, { itemId });
      if (!r) return undefined;
      return { title: r.title as string | null, text: r.text as string | null, terms: json(r.relevance_terms, []),
        sources: r.sources ? String(r.sources).split(' ') : [], story_id: (r.story_id as number | null) ?? null, state: r.state as string,
        topics: json(r.topics, []) };
    },
    recordDecision(d, now) {
      return db.atomic(async (c) => {
        const id = (await c.one<{ id: number }>(`INSERT INTO review_decisions (item_id, story_id, action, label, topics_before, topics_after,
            features, via, at) VALUES (@item_id, @story_id, @action, @label, @topics_before, @topics_after, @features, @via, @at) RETURNING id`,
        { item_id: d.item_id, story_id: d.story_id, action: d.action, label: d.label,
          topics_before: d.topics_before ? JSON.stringify(d.topics_before) : null, topics_after: d.topics_after ? JSON.stringify(d.topics_after) : null,
          features: JSON.stringify(d.features), via: d.via, at: now }))!.id;
        if (d.label !== null) {
          const pos = d.label === 1 ? 1 : 0;
          const neg = d.label === 0 ? 1 : 0;
          await bump(c, '', pos, neg);
          for (const feature of new Set(d.features)) if (feature) await bump(c, feature, pos, neg);
        }
        return id;
      });
    },
    retractDecision(itemId, via, now) {
      return db.atomic(async (c) => {
        // The item's decisions locked: two undos at once take back two decisions, not one twice.
        await c.run(`SELECT 1 FROM review_decisions WHERE item_id = @itemId FOR UPDATE`, { itemId });
        const last = await c.one<{ id: number; story_id: number | null; label: 0 | 1; features: string }>(`SELECT d.id, d.story_id, d.label,
            d.features FROM review_decisions d WHERE d.item_id = @itemId AND d.label IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM review_decisions u WHERE u.undoes = d.id) ORDER BY d.id DESC LIMIT 1`, { itemId });
        if (!last) return null;
        await c.run(`INSERT INTO review_decisions (item_id, story_id, action, label, features, via, undoes, at)
          VALUES (@itemId, @story_id, 'undo', NULL, '[]', @via, @undoes, @now)`, { itemId, story_id: last.story_id, via, undoes: last.id, now });
        const pos = last.label === 1 ? -1 : 0;
        const neg = last.label === 0 ? -1 : 0;
        await bump(c, '', pos, neg);
        for (const feature of new Set(JSON.parse(last.features) as string[])) if (feature) await bump(c, feature, pos, neg);
        return last.id;
      });
    },
    async loadModel() {
      const m = emptyModel();
      for (const r of await db.all<{ feature: string; pos: number; neg: number }>(`SELECT feature, pos, neg FROM learn_features`)) {
        if (r.feature === '') { m.pos = r.pos; m.neg = r.neg; } else m.features.set(r.feature, { pos: r.pos, neg: r.neg });
      }
      return m;
    },
    async listDecisions(limit = 100) {
      return (await db.all<Record<string, unknown>>(`SELECT id, item_id, story_id, action, label, topics_before, topics_after, via, undoes, at
        FROM review_decisions ORDER BY id DESC LIMIT @limit`, { limit }))
        .map((r) => ({ ...r, topics_before: json(r.topics_before, null), topics_after: json(r.topics_after, null) }) as DecisionRow);
    },
    async recordAdjustment(itemId, a, now) {
      await db.run(`INSERT INTO learn_adjustments (item_id, rule_score, score, rule_state, moved_by, at)
        VALUES (@itemId, @rule_score, @score, @rule_state, @moved_by, @now)
        ON CONFLICT (item_id) DO UPDATE SET rule_score = excluded.rule_score, score = excluded.score, rule_state = excluded.rule_state,
          moved_by = excluded.moved_by, at = excluded.at`,
      { itemId, rule_score: a.rule_score, score: a.score, rule_state: a.rule_state, moved_by: JSON.stringify(a.moved_by), now });
    },
    async learnAdjustment(itemId) {
      const r = await db.one<Record<string, unknown>>(`SELECT rule_score, score, rule_state, moved_by FROM learn_adjustments WHERE item_id = @itemId`, { itemId });
      return r && { rule_score: r.rule_score as number, score: r.score as number, rule_state: r.rule_state as string, moved_by: json(r.moved_by, []) };
    },
    async editorTopicExamples() {
      return (await db.all<Record<string, unknown>>(`SELECT d.item_id, i.title, i.text, d.topics_after, d.at FROM review_decisions d
          JOIN items i ON i.id = d.item_id WHERE d.action = 'topics' AND d.topics_after IS NOT NULL ORDER BY d.id`))
        .map((r) => ({ item_id: r.item_id as number, title: r.title as string | null, text: r.text as string | null,
          topics: json(r.topics_after, []), at: r.at as string }));
    },
    async listBelowThreshold(f = {}) {
      const rows = (await db.all<Record<string, unknown>>(`SELECT i.id AS item_id, i.title, i.url, coalesce(i.sort_at, i.discovered_at) AS sort_at,
          i.relevance, i.relevance_terms,
          (SELECT string_agg(source_id, ' ' ORDER BY source_id COLLATE "C") FROM item_sources x WHERE x.item_id = i.id) AS sources, a.rule_score
        FROM items i LEFT JOIN learn_adjustments a ON a.item_id = i.id WHERE i.state = 'irrelevant'
        ORDER BY coalesce(i.sort_at, i.discovered_at) COLLATE "C" DESC, i.id DESC LIMIT @limit OFFSET @offset`,
      { limit: f.limit ?? 50, offset: f.offset ?? 0 }))
        .map((r) => ({ item_id: r.item_id as number, title: r.title as string | null, url: r.url as string, sort_at: r.sort_at as string,
          relevance: r.relevance as number | null, terms: json<string[]>(r.relevance_terms, []), sources: r.sources ? String(r.sources).split(' ') : [],
          rule_score: (r.rule_score as number | null) ?? null }));
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM items WHERE state = 'irrelevant'`))!.n;
      return { rows, total };
    },
    async promoteItem(itemId, now) {
      return (await db.run(`UPDATE items SET state = 'extracted', updated_at = @now WHERE id = @itemId AND state = 'irrelevant'`, { itemId, now })) === 1;
    },
  };
}
