import type { Conn } from './conn.js';
import { ftsMatch, ftsTsQuery, indexStory } from './fts.js';
import type { ReviewPort, StoryCard, CardFilter } from '../ports.js';
import { CARD_COLUMNS, cardOf, cardWhere, type CardDialect } from '../review.js';

const PG_CARDS: CardDialect = { state: 'i.state', never: 'false', query: ftsTsQuery, match: ftsMatch('c', '@q') };

const FROM = `FROM stories s JOIN items i ON i.id = s.lead_item_id LEFT JOIN summaries m ON m.story_id = s.id`;
const TOPICS = `jsonb_array_elements_text(coalesce(m.edit_topics, m.topics, '[]')::jsonb)`;

/** The review desk on PostgreSQL: the same filters as SQLite's, search through items_fts. */
export function pgReview(db: Conn): ReviewPort {
  const where = (f: CardFilter, params: Record<string, unknown>) => cardWhere(f, params, PG_CARDS);

  async function toCard(r: Record<string, unknown>): Promise<StoryCard> {
    const sources = await db.all<{ id: string; name: string; url: string; primary: number }>(`SELECT src.id, src.name,
        coalesce(c.canonical_url, c.url) AS url, src.is_primary AS "primary"
      FROM items c JOIN item_sources x ON x.item_id = c.id JOIN sources src ON src.id = x.source_id
      WHERE c.story_id = @story ORDER BY src.is_primary DESC, x.first_seen_at, c.id, x.source_id COLLATE "C"`, { story: r.story_id });
    return cardOf(r, sources);
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
