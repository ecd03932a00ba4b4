import type { Db } from './db.js';

/** A story as `newsdesk stories --json` prints it (public contract). */
export interface StoryView {
  story_id: number;
  lead_item_id: number | null;
  item_ids: number[];
  sources: string[];
  first_seen: string | null;
  last_seen: string | null;
  follow_up_of: number | null;
}

/** A story's state that decides how a new member joins it. */
export interface StoryState {
  id: number;
  /** The issue that published it, when its items are published. */
  published_in: number | null;
  /** Its open follow-up story, if one was started. */
  follow_up_story: number | null;
  review: string;
  has_summary: boolean;
}

/** Up to this many members, a story's published issue is looked up through its members. */
const FEW_MEMBERS = 256;

/**
 * The SQLite side of story clustering: features, lookup keys and document frequencies, plus story
 * membership, leads, follow-ups and the editor's split and merge.
 */
export function storyQueries(db: Db) {
  const countFeatures = db.prepare(`SELECT count(*) FROM story_features`).pluck();
  const maxDay = db.prepare(`SELECT coalesce(max(day), 0) FROM story_features`).pluck();
  const df = db.prepare(`SELECT n FROM story_df WHERE key = ?`).pluck();
  const features = db.prepare(`SELECT features FROM story_features WHERE item_id = ?`).pluck();
  const storyOf = db.prepare(`SELECT story_id FROM items WHERE id = ?`).pluck();
  const postings = db.prepare(`SELECT item_id FROM story_keys WHERE key = ? AND day BETWEEN ? AND ? ORDER BY day DESC LIMIT ?`).pluck();
  const putFeatures = db.prepare(`INSERT OR REPLACE INTO story_features (item_id, day, features) VALUES (?, ?, ?)`);
  // One statement per list (json_each) instead of one per key: an item has some 25 lookup keys and 50 df keys.
  const putKeys = db.prepare(`INSERT INTO story_keys (key, day, item_id) SELECT value, @day, @id FROM json_each(@keys)`);
  const bumpDf = db.prepare(`INSERT INTO story_df (key, n) SELECT value, 1 FROM json_each(@keys) WHERE true
    ON CONFLICT(key) DO UPDATE SET n = n + 1`);
  const isClustered = db.prepare(`SELECT 1 FROM story_features WHERE item_id = ?`).pluck();
  const setStory = db.prepare(`UPDATE items SET story_id = @story_id, story_pinned = @pinned,
      review = CASE WHEN @review IS NULL THEN review ELSE @review END,
      state = CASE WHEN state = 'extracted' AND @summarized THEN 'summarized' ELSE state END
    WHERE id = @id`);
  const newStory = db.prepare(`INSERT INTO stories (lead_item_id, created_at, updated_at, follow_up_of, follows_story_id)
    VALUES (@lead, @now, @now, @follow_up_of, @follows)`);
  // The lead: a primary source, then a report before a preview (NULL, stored before migration 010, is a report),
  // then the fullest text, then the earliest (a total order, ids break ties).
  const leadOrder = `(SELECT coalesce(max(src.is_primary), 0) FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id) DESC,
        coalesce(i.preview, 0) ASC, length(coalesce(i.text, '')) DESC, i.sort_at ASC, i.id ASC`;
  const fullLead = `(SELECT i.id FROM items i WHERE i.story_id = @id ORDER BY ${leadOrder} LIMIT 1)`;
  const lead = db.prepare(`UPDATE stories SET updated_at = @now, lead_item_id = ${fullLead} WHERE id = @id`);
  // A new member only has to beat the current lead, so filing an item costs the same however big its story is
  // (ranking every member cost a story of 50,000 items seconds per item). A lead that is not a member any
  // more (never left so by the pipeline) falls back to ranking them all.
  const leadWith = db.prepare(`UPDATE stories SET updated_at = @now, lead_item_id = CASE
      WHEN EXISTS (SELECT 1 FROM items l WHERE l.id = stories.lead_item_id AND l.story_id = @id)
      THEN (SELECT i.id FROM items i WHERE i.id IN (@item, stories.lead_item_id) AND i.story_id = @id ORDER BY ${leadOrder} LIMIT 1)
      ELSE ${fullLead} END
    WHERE id = @id`);
  // The issue that published a story: looked up through its members while it has few, and through the
  // published issues' items (what editors published, not what feeds sent) once it has many.
  const publishedIn = `CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM items c WHERE c.story_id = s.id LIMIT ${FEW_MEMBERS + 1})) <= ${FEW_MEMBERS}
      THEN (SELECT x.issue_id FROM items c JOIN issue_items x ON x.item_id = c.id JOIN issues u ON u.id = x.issue_id
        WHERE c.story_id = s.id AND u.status = 'published' ORDER BY u.published_at DESC LIMIT 1)
      ELSE (SELECT x.issue_id FROM issues u CROSS JOIN issue_items x CROSS JOIN items c
        WHERE x.issue_id = u.id AND c.id = x.item_id AND u.status = 'published' AND c.story_id = s.id ORDER BY u.published_at DESC LIMIT 1)
    END`;
  const state = db.prepare(`SELECT s.id, i.review, ${publishedIn} AS published_in,
      (SELECT f.id FROM stories f WHERE f.follows_story_id = s.id ORDER BY f.id DESC LIMIT 1) AS follow_up_story,
      EXISTS (SELECT 1 FROM summaries m WHERE m.story_id = s.id) AS has_summary
    FROM stories s LEFT JOIN items i ON i.id = s.lead_item_id WHERE s.id = ?`);
  // An absorbed story must be untouched by editors: no pinned member, not a follow-up of a published issue.
  const mergeBlocked = db.prepare(`SELECT EXISTS (SELECT 1 FROM items WHERE story_id = @id AND story_pinned = 1)
      OR EXISTS (SELECT 1 FROM stories WHERE id = @id AND follow_up_of IS NOT NULL)`).pluck();
  const recordMerge = db.prepare(`INSERT INTO story_merges (into_story_id, from_story_id, bridge_item_id, item_ids, merged_at)
    VALUES (@into, @from, @bridge, @items, @now)`);
  const members = db.prepare(`SELECT id FROM items WHERE story_id = ? ORDER BY id`).pluck();
  const dropEmpty = db.prepare(`DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE story_id = ?)`);
  const list = db.prepare(`SELECT s.id AS story_id, s.lead_item_id, s.follow_up_of,
      (SELECT group_concat(id, ',') FROM items WHERE story_id = s.id) AS item_list,
      (SELECT group_concat(DISTINCT x.source_id) FROM items c JOIN item_sources x ON x.item_id = c.id WHERE c.story_id = s.id) AS source_list,
      (SELECT min(sort_at) FROM items WHERE story_id = s.id) AS first_seen,
      (SELECT max(sort_at) FROM items WHERE story_id = s.id) AS last_seen
    FROM stories s ORDER BY last_seen DESC, s.id DESC LIMIT @limit`);

  return {
    /** Number of clustered items (counted once per run; the caller keeps it current). */
    clusteredCount(): number { return countFeatures.get() as number; },
    /** The latest day any clustered item carries. */
    clusteredMaxDay(): number { return maxDay.get() as number; },
    /** How many clustered items carry a document-frequency key. */
    storyDocFreq(key: string): number { return (df.get(key) as number | undefined) ?? 0; },
    /** A clustered item's features (stored as JSON; the cluster stage owns their shape). */
    storyFeaturesOf<F>(id: number): F | undefined {
      const raw = features.get(id) as string | undefined;
      return raw ? JSON.parse(raw) : undefined;
    },
    /** Whether an item has been clustered already (it is never moved by a later run). */
    isClustered(id: number): boolean { return !!isClustered.get(id); },
    /** The story an item is in. */
    storyIdOf(id: number): number | null { return (storyOf.get(id) as number | null | undefined) ?? null; },
    /** Items posted under a key within a day range, most recent first. */
    storyPostings(key: string, fromDay: number, toDay: number, cap: number): number[] {
      return postings.all(key, fromDay, toDay, cap) as number[];
    },
    /** Stores an item's features, lookup keys and document-frequency counts. */
    putStoryFeatures(id: number, f: object, day: number, lookupKeys: string[], dfKeys: string[]): void {
      putFeatures.run(id, day, JSON.stringify(f));
      putKeys.run({ id, day, keys: JSON.stringify([...new Set(lookupKeys)]) });
      bumpDf.run({ keys: JSON.stringify([...new Set(dfKeys)]) });
    },
    /** What decides how an item joins a story: published where, any follow-up, review state, summary. */
    storyState(storyId: number): StoryState | undefined {
      const r = state.get(storyId) as (Omit<StoryState, 'has_summary'> & { has_summary: number }) | undefined;
      return r && { ...r, has_summary: !!r.has_summary };
    },
    /** Starts a story with this item as its lead; a follow-up names the issue and the story it follows. */
    startStory(itemId: number, now: string, followUp?: { issueId: number; storyId: number }): number {
      const id = Number(newStory.run({ lead: itemId, now, follow_up_of: followUp?.issueId ?? null, follows: followUp?.storyId ?? null }).lastInsertRowid);
      setStory.run({ id: itemId, story_id: id, pinned: 0, review: null, summarized: 0 });
      return id;
    },
    /** Puts an item into a story, taking the story's review state; the item leads it if it beats the current lead. */
    joinStory(itemId: number, storyId: number, now: string, opts: { review: string | null; summarized: boolean; pinned?: boolean }): void {
      setStory.run({ id: itemId, story_id: storyId, pinned: opts.pinned ? 1 : 0, review: opts.review, summarized: opts.summarized ? 1 : 0 });
      leadWith.run({ id: storyId, item: itemId, now });
    },
    /** Recomputes a story's lead: a primary source, then the fullest text, then the earliest. */
    refreshLead(storyId: number, now: string): void { lead.run({ id: storyId, now }); },
    /** A story's item ids. */
    storyMemberIds(storyId: number): number[] { return members.all(storyId) as number[]; },
    /** Deletes a story that has no items left. */
    dropEmptyStory(storyId: number): void { dropEmpty.run(storyId, storyId); },
    /** Stories for `newsdesk stories`, most recently active first. */
    listStories(limit = 1000): StoryView[] {
      return (list.all({ limit }) as (Omit<StoryView, 'item_ids' | 'sources'> & { item_list: string | null; source_list: string | null })[])
        .map(({ item_list, source_list, ...r }) => ({ ...r, item_ids: item_list ? item_list.split(',').map(Number) : [],
          sources: source_list ? source_list.split(',') : [] }));
    },
    /** Moves an item into another story by an editor's decision; later runs never move it again. */
    pinToStory(itemId: number, storyId: number, opts: { review: string; summarized: boolean }, now: string): void {
      setStory.run({ id: itemId, story_id: storyId, pinned: 1, review: opts.review, summarized: opts.summarized ? 1 : 0 });
      lead.run({ id: storyId, now });
    },
    /** Starts a story for an item an editor split out of its story. */
    splitToNewStory(itemId: number, now: string): number {
      const id = Number(newStory.run({ lead: itemId, now, follow_up_of: null, follows: null }).lastInsertRowid);
      setStory.run({ id: itemId, story_id: id, pinned: 1, review: 'new', summarized: 0 });
      db.prepare(`UPDATE items SET state = 'extracted' WHERE id = ? AND state = 'summarized'`).run(itemId);
      return id;
    },
    /**
     * Merges story `fromId` into `intoId` because a new item (`bridgeItem`) matched both: every member moves, taking the
     * absorbing story's review state and draft, the empty story goes, and the merge is recorded. Refused (null) when an
     * editor has touched the absorbed story (reviewed, or an item pinned by a split or merge) or an issue published it.
     */
    mergeStories(fromId: number, intoId: number, bridgeItem: number, now: string, opts: { review: string | null; summarized: boolean }): number[] | null {
      const from = this.storyState(fromId);
      if (!from || fromId === intoId || from.published_in !== null || from.review !== 'new') return null;
      if (mergeBlocked.get({ id: fromId })) return null;
      const moved = members.all(fromId) as number[];
      for (const id of moved) setStory.run({ id, story_id: intoId, pinned: 0, review: opts.review, summarized: opts.summarized ? 1 : 0 });
      db.prepare(`UPDATE items SET state = 'extracted' WHERE story_id = ? AND state = 'summarized' AND ? = 0`).run(intoId, opts.summarized ? 1 : 0);
      lead.run({ id: intoId, now });
      dropEmpty.run(fromId, fromId);
      recordMerge.run({ into: intoId, from: fromId, bridge: bridgeItem, items: JSON.stringify(moved), now });
      return moved;
    },
    /** Runs a function in one immediate transaction (a story decision reads and writes together). */
    inTransaction<T>(fn: () => T): T { return db.transaction(fn).immediate(); },
  };
}
