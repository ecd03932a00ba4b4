import type { Conn } from './conn.js';
import { indexStory } from './fts.js';
import type { StoriesPort, StoryState, StoryView, StoryMember } from '../ports.js';

/** Up to this many members, a story's published issue is looked up through its members (as in SQLite). */
const FEW_MEMBERS = 256;

// The lead: a primary source, then a report before a preview, the fullest text, the earliest, the lowest id.
const LEAD_ORDER = `(SELECT coalesce(max(src.is_primary), 0) FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id) DESC,
  coalesce(i.preview, 0) ASC, length(coalesce(i.text, '')) DESC, i.sort_at COLLATE "C" ASC NULLS FIRST, i.id ASC`;
const FULL_LEAD = `(SELECT i.id FROM items i WHERE i.story_id = @id ORDER BY ${LEAD_ORDER} LIMIT 1)`;
const PUBLISHED_IN = `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM items c WHERE c.story_id = s.id LIMIT ${FEW_MEMBERS + 1}) few) <= ${FEW_MEMBERS}
    THEN (SELECT x.issue_id FROM items c JOIN issue_items x ON x.item_id = c.id JOIN issues u ON u.id = x.issue_id
      WHERE c.story_id = s.id AND u.status = 'published' ORDER BY u.published_at DESC NULLS LAST LIMIT 1)
    ELSE (SELECT x.issue_id FROM issues u JOIN issue_items x ON x.issue_id = u.id JOIN items c ON c.id = x.item_id
      WHERE u.status = 'published' AND c.story_id = s.id ORDER BY u.published_at DESC NULLS LAST LIMIT 1)
  END`;

/** Story clustering state, membership, leads, follow-ups, the editor's split and merge on PostgreSQL. */
export function pgStories(db: Conn): StoriesPort {
  const setStory = (c: Conn, p: { id: number; story_id: number; pinned: number; review: string | null; summarized: boolean }) =>
    c.run(`UPDATE items SET story_id = @story_id, story_pinned = @pinned,
        review = coalesce(@review::text, review),
        state = CASE WHEN state = 'extracted' AND @summarized THEN 'summarized' ELSE state END
      WHERE id = @id`, p);
  const newStory = async (c: Conn, lead: number, now: string, followUpOf: number | null, follows: number | null) =>
    (await c.one<{ id: number }>(`INSERT INTO stories (lead_item_id, created_at, updated_at, follow_up_of, follows_story_id)
      VALUES (@lead, @now, @now, @follow_up_of, @follows) RETURNING id`, { lead, now, follow_up_of: followUpOf, follows }))!.id;
  const refreshLead = (c: Conn, id: number, now: string) =>
    c.run(`UPDATE stories SET updated_at = @now, lead_item_id = ${FULL_LEAD} WHERE id = @id`, { id, now });
  const memberIds = async (c: Conn, storyId: number) =>
    (await c.all<{ id: number }>(`SELECT id FROM items WHERE story_id = @storyId ORDER BY id`, { storyId })).map((r) => r.id);
  const dropEmpty = (c: Conn, storyId: number) =>
    c.run(`DELETE FROM stories WHERE id = @storyId AND NOT EXISTS (SELECT 1 FROM items WHERE story_id = @storyId)`, { storyId });
  const storyState = async (c: Conn, storyId: number): Promise<StoryState | undefined> => {
    const r = await c.one<StoryState>(`SELECT s.id, i.review, ${PUBLISHED_IN} AS published_in,
        (SELECT f.id FROM stories f WHERE f.follows_story_id = s.id ORDER BY f.id DESC LIMIT 1) AS follow_up_story,
        EXISTS (SELECT 1 FROM summaries m WHERE m.story_id = s.id) AS has_summary
      FROM stories s LEFT JOIN items i ON i.id = s.lead_item_id WHERE s.id = @storyId`, { storyId });
    return r;
  };

  return {
    clusteredCount: async () => (await db.one<{ n: number }>(`SELECT count(*) AS n FROM story_features`))!.n,
    clusteredMaxDay: async () => (await db.one<{ n: number }>(`SELECT coalesce(max(day), 0) AS n FROM story_features`))!.n,
    storyDocFreq: async (key) => (await db.one<{ n: number }>(`SELECT n FROM story_df WHERE key = @key`, { key }))?.n ?? 0,
    async storyFeaturesOf<F>(id: number) {
      const r = await db.one<{ features: string }>(`SELECT features FROM story_features WHERE item_id = @id`, { id });
      return r ? (JSON.parse(r.features) as F) : undefined;
    },
    isClustered: async (id) => (await db.one(`SELECT 1 FROM story_features WHERE item_id = @id`, { id })) !== undefined,
    storyIdOf: async (itemId) => (await db.one<{ story_id: number | null }>(`SELECT story_id FROM items WHERE id = @itemId`, { itemId }))?.story_id ?? null,
    async storyPostings(key, fromDay, toDay, cap) {
      return (await db.all<{ item_id: number }>(`SELECT item_id FROM story_keys WHERE key = @key AND day BETWEEN @fromDay AND @toDay
        ORDER BY day DESC, item_id DESC LIMIT @cap`, { key, fromDay, toDay, cap })).map((r) => r.item_id);
    },
    async putStoryFeatures(id, f, day, lookupKeys, dfKeys) {
      await db.atomic(async (c) => {
        // Clustered once: a repeated call (a retried job) changes nothing, so the document frequencies count each item once.
        const fresh = await c.run(`INSERT INTO story_features (item_id, day, features) VALUES (@id, @day, @features)
          ON CONFLICT (item_id) DO NOTHING`, { id, day, features: JSON.stringify(f) });
        if (!fresh) {
          await c.run(`UPDATE story_features SET day = @day, features = @features WHERE item_id = @id`, { id, day, features: JSON.stringify(f) });
        }
        await c.run(`INSERT INTO story_keys (key, day, item_id) SELECT k, @day, @id FROM unnest(@keys::text[]) AS k ON CONFLICT DO NOTHING`,
          { id, day, keys: [...new Set(lookupKeys)] });
        if (fresh) {
          await c.run(`INSERT INTO story_df (key, n) SELECT k, 1 FROM unnest(@keys::text[]) AS k
            ON CONFLICT (key) DO UPDATE SET n = story_df.n + 1`, { keys: [...new Set(dfKeys)].sort() });
        }
      });
    },
    storyState: (storyId) => storyState(db, storyId),
    startStory(itemId, now, followUp) {
      return db.atomic(async (c) => {
        const id = await newStory(c, itemId, now, followUp?.issueId ?? null, followUp?.storyId ?? null);
        await setStory(c, { id: itemId, story_id: id, pinned: 0, review: null, summarized: false });
        return id;
      });
    },
    createStoryFor(itemId, now) {
      return db.atomic(async (c) => {
        const id = await newStory(c, itemId, now, null, null);
        await c.run(`UPDATE items SET story_id = @id WHERE id = @itemId`, { id, itemId });
        return id;
      });
    },
    async joinStory(itemId, storyId, now, opts) {
      await db.atomic(async (c) => {
        await setStory(c, { id: itemId, story_id: storyId, pinned: opts.pinned ? 1 : 0, review: opts.review, summarized: opts.summarized });
        // Only the new member against the current lead (see the SQLite twin); all members when the lead left.
        await c.run(`UPDATE stories SET updated_at = @now, lead_item_id = CASE
            WHEN EXISTS (SELECT 1 FROM items l WHERE l.id = stories.lead_item_id AND l.story_id = @id)
            THEN (SELECT i.id FROM items i WHERE i.id IN (@item, stories.lead_item_id) AND i.story_id = @id ORDER BY ${LEAD_ORDER} LIMIT 1)
            ELSE ${FULL_LEAD} END
          WHERE id = @id`, { id: storyId, item: itemId, now });
      });
    },
    async refreshLead(storyId, now) { await refreshLead(db, storyId, now); },
    storyMemberIds: (storyId) => memberIds(db, storyId),
    async storyMembers(storyId) {
      const rows = await db.all<Omit<StoryMember, 'lead' | 'pinned'> & { lead: boolean; pinned: number }>(`SELECT i.id, i.title,
          coalesce(i.canonical_url, i.url) AS url, i.published_at, i.story_pinned AS pinned, (i.id = s.lead_item_id) AS lead,
          ARRAY(SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id
            GROUP BY src.id, src.name ORDER BY max(src.is_primary) DESC, min(x.first_seen_at)) AS sources
        FROM items i JOIN stories s ON s.id = i.story_id
        WHERE i.story_id = @storyId ORDER BY lead DESC, i.sort_at COLLATE "C", i.id`, { storyId });
      return rows.map((r) => ({ ...r, lead: !!r.lead, pinned: !!r.pinned }));
    },
    async dropEmptyStory(storyId) { await dropEmpty(db, storyId); },
    async listStories(limit = 1000) {
      const rows = await db.all<Omit<StoryView, 'item_ids' | 'sources'> & { item_ids: number[]; source_list: string | null }>(`SELECT
          s.id AS story_id, s.lead_item_id, s.follow_up_of,
          ARRAY(SELECT id FROM items WHERE story_id = s.id ORDER BY id) AS item_ids,
          (SELECT string_agg(source_id, ',' ORDER BY first_item, source_id COLLATE "C") FROM (SELECT x.source_id, min(c.id) AS first_item
            FROM items c JOIN item_sources x ON x.item_id = c.id WHERE c.story_id = s.id GROUP BY x.source_id) u) AS source_list,
          (SELECT min(sort_at COLLATE "C") FROM items WHERE story_id = s.id) AS first_seen,
          (SELECT max(sort_at COLLATE "C") FROM items WHERE story_id = s.id) AS last_seen
        FROM stories s ORDER BY last_seen DESC NULLS LAST, s.id DESC LIMIT @limit`, { limit });
      return rows.map(({ source_list, ...r }) => ({ ...r, sources: source_list ? source_list.split(',') : [] }));
    },
    async pinToStory(itemId, storyId, opts, now) {
      await db.atomic(async (c) => {
        await setStory(c, { id: itemId, story_id: storyId, pinned: 1, review: opts.review, summarized: opts.summarized });
        await refreshLead(c, storyId, now);
      });
    },
    splitToNewStory(itemId, now) {
      return db.atomic(async (c) => {
        const id = await newStory(c, itemId, now, null, null);
        await setStory(c, { id: itemId, story_id: id, pinned: 1, review: 'new', summarized: false });
        await c.run(`UPDATE items SET state = 'extracted' WHERE id = @itemId AND state = 'summarized'`, { itemId });
        return id;
      });
    },
    mergeStories(fromId, intoId, bridgeItem, now, opts) {
      return db.atomic(async (c) => {
        // Both stories locked, in id order, so two merges touching them wait for each other instead of deadlocking.
        await c.run(`SELECT 1 FROM stories WHERE id IN (@fromId, @intoId) ORDER BY id FOR UPDATE`, { fromId, intoId });
        const from = await storyState(c, fromId);
        if (!from || fromId === intoId || from.published_in !== null || from.review !== 'new') return null;
        const blocked = await c.one<{ b: boolean }>(`SELECT EXISTS (SELECT 1 FROM items WHERE story_id = @id AND story_pinned = 1)
          OR EXISTS (SELECT 1 FROM stories WHERE id = @id AND follow_up_of IS NOT NULL) AS b`, { id: fromId });
        if (blocked?.b) return null;
        const moved = await memberIds(c, fromId);
        for (const id of moved) await setStory(c, { id, story_id: intoId, pinned: 0, review: opts.review, summarized: opts.summarized });
        if (!opts.summarized) await c.run(`UPDATE items SET state = 'extracted' WHERE story_id = @intoId AND state = 'summarized'`, { intoId });
        await refreshLead(c, intoId, now);
        await dropEmpty(c, fromId);
        await c.run(`INSERT INTO story_merges (into_story_id, from_story_id, bridge_item_id, item_ids, merged_at)
          VALUES (@into, @from, @bridge, @items, @now)`, { into: intoId, from: fromId, bridge: bridgeItem, items: JSON.stringify(moved), now });
        return moved;
      });
    },
    async reindexStory(storyId) { await indexStory(db, storyId); },
  };
}
