import type { Db } from './db.js';
import { ftsStatements } from './fts.js';
import type { ReviewState } from '../domain/types.js';

/** One candidate card: a story with its lead's draft (the editor's version wins) and its sources. */
export interface StoryCard {
  story_id: number;
  lead_item_id: number;
  title: string | null;
  url: string;
  published_at: string | null;
  sort_at: string;
  review: ReviewState;
  relevance: number | null;
  headline: string | null;
  bullet: string | null;
  topics: string[];
  topic_confidence: number | null;
  unsupported: string[];
  summarizer: string | null;
  /** The machine draft, shown beside the editor's version on demand. */
  draft: { headline: string; bullet: string; topics: string[] } | null;
  edited: boolean;
  /** Edit revision: a save names the revision it started from, so a concurrent save is refused. */
  edit_rev: number;
  item_count: number;
  /** For a follow-up: the issue that already ran the event (id and "V.N"). */
  follow_up_of: number | null;
  follow_up_label: string | null;
  sources: { id: string; name: string; url: string; primary: boolean }[];
}

/** Filters of the candidates page and of `items`-style listings of stories. */
export interface CardFilter {
  review?: ReviewState | 'all';
  topic?: string;
  source?: string;
  /** ISO bounds on the lead's published (else discovered) time; `to` is exclusive. */
  from?: string;
  to?: string;
  /** Words to search in title, text, headline and bullet. */
  q?: string;
  /** Follow-ups (stories about events an earlier issue already ran): shown only when asked for. */
  follow_ups?: boolean;
  limit?: number;
  offset?: number;
}

/** Turns what an editor types into a safe FTS5 query: every word must appear (prefix match on the last). */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.slice(0, 12) ?? [];
  if (!words.length) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** The card's columns over `stories s`, its lead `items i` and `summaries m` (the same SQL on both backends). */
export const CARD_COLUMNS = `s.id AS story_id, i.id AS lead_item_id, i.title, i.url, i.published_at, i.sort_at, i.review, i.relevance,
  coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
  coalesce(m.edit_topics, m.topics) AS topics, m.topic_confidence, m.unsupported, m.summarizer,
  m.headline AS draft_headline, m.bullet AS draft_bullet, m.topics AS draft_topics, m.edited_at, coalesce(m.edit_rev, 0) AS edit_rev,
  (SELECT count(*) FROM items c WHERE c.story_id = s.id) AS item_count, s.follow_up_of,
  (SELECT u.volume || '.' || u.number FROM issues u WHERE u.id = s.follow_up_of) AS follow_up_label`;

/** Where the backends differ in a card filter: the state test, a false literal, and full-text search. */
export interface CardDialect {
  state: string;
  never: string;
  /** The engine's query for what the editor typed, or null when it has no words. */
  query(q: string): string | null;
  /** The test that item `c` matches the query bound as @q. */
  match: string;
}

/** The WHERE clause of a card listing (the same filters on every backend); binds what it uses into `params`. */
export function cardWhere(f: CardFilter, params: Record<string, unknown>, d: CardDialect): string {
  const w = [`${d.state} IN ('summarized', 'extracted')`, f.follow_ups ? 's.follow_up_of IS NOT NULL' : 's.follow_up_of IS NULL'];
  if (f.review && f.review !== 'all') { w.push('i.review = @review'); params.review = f.review; }
  if (f.from) { w.push('i.sort_at >= @from'); params.from = f.from; }
  if (f.to) { w.push('i.sort_at < @to'); params.to = f.to; }
  if (f.source) {
    w.push(`EXISTS (SELECT 1 FROM items c JOIN item_sources x ON x.item_id = c.id WHERE c.story_id = s.id AND x.source_id = @source)`);
    params.source = f.source;
  }
  const q = f.q ? d.query(f.q) : null;
  if (f.q && !q) w.push(d.never);
  if (q) {
    w.push(`EXISTS (SELECT 1 FROM items c WHERE c.story_id = s.id AND ${d.match})`);
    params.q = q;
  }
  return w.join(' AND ');
}

/** A card from a row of CARD_COLUMNS and the story's source rows (each outlet once, primary first as given). */
export function cardOf(r: Record<string, unknown>, sources: { id: string; name: string; url: string; primary: number }[]): StoryCard {
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : []);
  return {
    story_id: r.story_id as number, lead_item_id: r.lead_item_id as number, title: r.title as string | null,
    url: r.url as string, published_at: r.published_at as string | null, sort_at: r.sort_at as string,
    review: r.review as ReviewState, relevance: r.relevance as number | null,
    headline: (r.headline as string | null) ?? null, bullet: (r.bullet as string | null) ?? null,
    topics: parse(r.topics), topic_confidence: r.topic_confidence as number | null, unsupported: parse(r.unsupported),
    summarizer: r.summarizer as string | null,
    draft: r.draft_headline ? { headline: r.draft_headline as string, bullet: r.draft_bullet as string, topics: parse(r.draft_topics) } : null,
    edited: r.edited_at != null, edit_rev: r.edit_rev as number, item_count: r.item_count as number,
    follow_up_of: (r.follow_up_of as number | null) ?? null, follow_up_label: (r.follow_up_label as string | null) ?? null,
    sources: sources.filter((x, i, a) => a.findIndex((y) => y.id === x.id) === i).map((x) => ({ ...x, primary: !!x.primary })),
  };
}

const SQLITE_CARDS: CardDialect = {
  // "+": SQLite uses no index for the state test, so the listing walks its review/date index.
  state: '+i.state', never: '0', query: ftsQuery,
  match: '+c.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @q)',
};

/** Queries behind the review desk: candidate cards, topic counts, review decisions and edits. */
export function reviewQueries(db: Db) {
  const sourcesOf = db.prepare(`SELECT DISTINCT src.id, src.name, coalesce(c.canonical_url, c.url) AS url, src.is_primary AS "primary"
    FROM items c JOIN item_sources x ON x.item_id = c.id JOIN sources src ON src.id = x.source_id
    WHERE c.story_id = ? ORDER BY src.is_primary DESC, x.first_seen_at`);
  const storyItems = db.prepare(`SELECT id FROM items WHERE story_id = ?`).pluck();
  const setReview = db.prepare(`UPDATE items SET prev_review = review, review = @review, review_at = @now
    WHERE story_id = @story_id AND review != @review`);
  const undo = db.prepare(`UPDATE items SET review = coalesce(prev_review, 'new'), prev_review = NULL, review_at = @now
    WHERE story_id = @story_id`);
  const edit = db.prepare(`UPDATE summaries SET edit_headline = @headline, edit_bullet = @bullet, edit_topics = @topics,
      edited_at = @now, edit_rev = edit_rev + 1 WHERE story_id = @story_id AND edit_rev = @rev`);
  const fts = ftsStatements(db);
  const storyOfItem = db.prepare(`SELECT story_id FROM items WHERE id = ?`).pluck();

  const where = (f: CardFilter, params: Record<string, unknown>) => cardWhere(f, params, SQLITE_CARDS);
  const FROM = `FROM stories s JOIN items i ON i.id = s.lead_item_id LEFT JOIN summaries m ON m.story_id = s.id`;
  // Listings walk the items (by review/date index, or by date for "all") and stop after a page;
  // CROSS JOIN keeps SQLite from scanning stories and reading every item row instead.
  const LIST_FROM = `FROM items i CROSS JOIN stories s ON s.lead_item_id = i.id LEFT JOIN summaries m ON m.story_id = s.id`;
  const topicClause = `EXISTS (SELECT 1 FROM json_each(coalesce(m.edit_topics, m.topics)) t WHERE t.value = @topic)`;

  const toCard = (r: Record<string, unknown>): StoryCard =>
    cardOf(r, sourcesOf.all(r.story_id) as { id: string; name: string; url: string; primary: number }[]);

  return {
    /** Candidate cards, newest first, with the total that matched. */
    listCards(f: CardFilter): { cards: StoryCard[]; total: number } {
      const params: Record<string, unknown> = { limit: f.limit ?? 50, offset: f.offset ?? 0 };
      let w = where(f, params);
      if (f.topic) { w += ` AND ${topicClause}`; params.topic = f.topic; }
      const rows = db.prepare(`SELECT ${CARD_COLUMNS} ${LIST_FROM} WHERE ${w} ORDER BY i.sort_at DESC, s.id DESC LIMIT @limit OFFSET @offset`)
        .all(params) as Record<string, unknown>[];
      const total = db.prepare(`SELECT count(*) ${LIST_FROM} WHERE ${w}`).pluck().get(params) as number;
      return { cards: rows.map(toCard), total };
    },
    /** How many cards each topic has under the same filters (without the topic filter). */
    topicCounts(f: CardFilter): Record<string, number> {
      const params: Record<string, unknown> = {};
      const rows = db.prepare(`SELECT t.value AS topic, count(*) AS n ${LIST_FROM}, json_each(coalesce(m.edit_topics, m.topics, '[]')) t
        WHERE ${where(f, params)} GROUP BY t.value`).all(params) as { topic: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.topic, r.n]));
    },
    /** One story's card. */
    getCard(storyId: number): StoryCard | undefined {
      const r = db.prepare(`SELECT ${CARD_COLUMNS} ${FROM} WHERE s.id = ?`).get(storyId) as Record<string, unknown> | undefined;
      return r && toCard(r);
    },
    /** The story an item belongs to. */
    storyOfItem(itemId: number): number | null {
      return (storyOfItem.get(itemId) as number | null | undefined) ?? null;
    },
    /** Ids of a story's items. */
    storyItemIds(storyId: number): number[] {
      return storyItems.all(storyId) as number[];
    },
    /** Sets the review state of every item of a story; the previous state is kept for undo. */
    setStoryReview(storyId: number, review: ReviewState, now: string): number {
      return setReview.run({ story_id: storyId, review, now }).changes;
    },
    /** Puts a story's items back to their review state before the last change. */
    undoStoryReview(storyId: number, now: string): void {
      undo.run({ story_id: storyId, now });
    },
    /**
     * Stores the editor's version beside the machine draft. Refused (false) when someone saved since
     * revision `rev` was loaded, so two editors never overwrite each other silently.
     */
    saveEdit(storyId: number, rev: number, e: { headline: string | null; bullet: string | null; topics: string[] | null }, now: string): boolean {
      const ok = db.transaction(() => {
        const changed = edit.run({ story_id: storyId, rev, now, headline: e.headline, bullet: e.bullet,
          topics: e.topics ? JSON.stringify(e.topics) : null }).changes === 1;
        if (changed) fts.indexStory(storyId);
        return changed;
      }).immediate();
      return ok;
    },
    /** The extracted text of an item (shown beside the summary). */
    itemText(itemId: number): { title: string | null; text: string | null; url: string; text_from: string | null } | undefined {
      return db.prepare(`SELECT title, text, url, text_from FROM items WHERE id = ?`).get(itemId) as never;
    },
  };
}
