import { json, type Conn } from './conn.js';
import { ftsMatch, ftsTsQuery, indexStory } from './fts.js';
import type { ReviewPort, StoryCard, CardFilter, ReviewState } from '../ports.js';

const CARD_COLUMNS = `s.id AS story_id, i.id AS lead_item_id, i.title, i.url, i.published_at, i.sort_at, i.review, i.relevance,
  coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
  coalesce(m.edit_topics, m.topics) AS topics, m.topic_confidence, m.unsupported, m.summarizer,
  m.headline AS draft_headline, m.bullet AS draft_bullet, m.topics AS draft_topics, m.edited_at, coalesce(m.edit_rev, 0) AS edit_rev,
  (SELECT count(*) FROM items c WHERE c.story_id = s.id) AS item_count, s.follow_up_of,
  (SELECT u.volume || '.' || u.number FROM issues u WHERE u.id = s.follow_up_of) AS follow_up_label`;
const FROM = `FROM stories s JOIN items i ON i.id = s.lead_item_id LEFT JOIN summaries m ON m.story_id = s.id`;
const TOPICS = `jsonb_array_elements_text(coalesce(m.edit_topics, m.topics, '[]')::jsonb)`;

/** The review desk on PostgreSQL: the same filters as SQLite's, search through items_fts. */
export function pgReview(db: Conn): ReviewPort {
  function where(f: CardFilter, params: Record<string, unknown>): string {
    const w = [`i.state IN ('summarized', 'extracted')`, f.follow_ups ? 's.follow_up_of IS NOT NULL' : 's.follow_up_of IS NULL'];
    if (f.review && f.review !== 'all') { w.push('i.review = @review'); params.review = f.review; }
    if (f.from) { w.push('i.sort_at >= @from'); params.from = f.from; }
    if (f.to) { w.push('i.sort_at < @to'); params.to = f.to; }
    if (f.source) {
      w.push(`EXISTS (SELECT 1 FROM items c JOIN item_sources x ON x.item_id = c.id WHERE c.story_id = s.id AND x.source_id = @source)`);
      params.source = f.source;
    }
    const q = f.q ? ftsTsQuery(f.q) : null;
    if (f.q && !q) w.push('false');
    if (q) {
      w.push(`EXISTS (SELECT 1 FROM items c WHERE c.story_id = s.id AND ${ftsMatch('c', '@q')})`);
      params.q = q;
    }
    return w.join(' AND ');
  }

  async function toCard(r: Record<string, unknown>): Promise<StoryCard> {
    const sources = await db.all<{ id: string; name: string; url: string; primary: number }>(`SELECT src.id, src.name,
        coalesce(c.canonical_url, c.url) AS url, src.is_primary AS "primary"
      FROM items c JOIN item_sources x ON x.item_id = c.id JOIN sources src ON src.id = x.source_id
      WHERE c.story_id = @story ORDER BY src.is_primary DESC, x.first_seen_at, c.id, x.source_id COLLATE "C"`, { story: r.story_id });
    return {
      story_id: r.story_id as number, lead_item_id: r.lead_item_id as number, title: r.title as string | null,
      url: r.url as string, published_at: r.published_at as string | null, sort_at: r.sort_at as string,
      review: r.review as ReviewState, relevance: r.relevance as number | null,
      headline: (r.headline as string | null) ?? null, bullet: (r.bullet as string | null) ?? null,
      topics: json(r.topics, []), topic_confidence: r.topic_confidence as number | null, unsupported: json(r.unsupported, []),
      summarizer: r.summarizer as string | null,
      draft: r.draft_headline ? { headline: r.draft_headline as string, bullet: r.draft_bullet as string, topics: json(r.draft_topics, []) } : null,
      edited: r.edited_at != null, edit_rev: r.edit_rev as number, item_count: r.item_count as number,
      follow_up_of: (r.follow_up_of as number | null) ?? null, follow_up_label: (r.follow_up_label as string | null) ?? null,
      sources: sources.filter((x, i, a) => a.findIndex((y) => y.id === x.id) === i).map((x) => ({ ...x, primary: !!x.primary })),
    };
  }

  return {
    async listCards(f) {
      const params: Record<string, unknown> = { limit: f.limit ?? 50, offset: f.offset ?? 0 };
      let w = where(f, params);
      if (f.topic) { w += ` AND EXISTS (SELECT 1 FROM ${TOPICS} t WHERE t = @topic)`; params.topic = f.topic; }
      const rows = await db.all(`SELECT ${CARD_COLUMNS} ${FROM} WHERE ${w} ORDER BY i.sort_at COLLATE "C" DESC, s.id DESC LIMIT @limit OFFSET @offset`, params);
      const { limit: _l, offset: _o, ...countParams } = params;
      const total = (await db.one<{ n: number }>(`SELECT count(*) AS n ${FROM} WHERE ${w}`, countParams))!.n;
      const cards: StoryCard[] = [];
      for (const r of rows) cards.push(await toCard(r));
      return { cards, total };
    },
    async topicCounts(f) {
      const params: Record<string, unknown> = {};
      const rows = await db.all<{ topic: string; n: number }>(`SELECT t AS topic, count(*) AS n ${FROM} CROSS JOIN LATERAL ${TOPICS} t
        WHERE ${where(f, params)} GROUP BY t`, params);
      return Object.fromEntries(rows.map((r) => [r.topic, r.n]));
    },
    async getCard(storyId) {
      const r = await db.one(`SELECT ${CARD_COLUMNS} ${FROM} WHERE s.id = @storyId`, { storyId });
      return r && toCard(r);
    },
    setStoryReview: (storyId, review, now) => db.run(`UPDATE items SET prev_review = review, review = @review, review_at = @now
      WHERE story_id = @story_id AND review <> @review`, { story_id: storyId, review, now }),
    async undoStoryReview(storyId, now) {
      await db.run(`UPDATE items SET review = coalesce(prev_review, 'new'), prev_review = NULL, review_at = @now WHERE story_id = @story_id`,
        { story_id: storyId, now });
    },
    saveEdit(storyId, rev, e, now) {
      return db.atomic(async (c) => {
        const changed = (await c.run(`UPDATE summaries SET edit_headline = @headline, edit_bullet = @bullet, edit_topics = @topics,
            edited_at = @now, edit_rev = edit_rev + 1 WHERE story_id = @story_id AND edit_rev = @rev`,
        { story_id: storyId, rev, now, headline: e.headline, bullet: e.bullet, topics: e.topics ? JSON.stringify(e.topics) : null })) === 1;
        if (changed) await indexStory(c, storyId);
        return changed;
      });
    },
  };
}
