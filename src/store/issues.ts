import type { Db } from './db.js';

/** An issue of the publication. */
export interface IssueRow {
  id: number;
  title: string;
  volume: number;
  number: number;
  date_from: string | null;
  date_to: string | null;
  status: 'draft' | 'published';
  created_at: string;
  updated_at: string;
  published_at: string | null;
  item_count: number;
}

/** One entry of an issue, in order, with what the export needs. */
export interface IssueEntry {
  position: number;
  item_id: number;
  story_id: number | null;
  title: string | null;
  url: string;
  published_at: string | null;
  headline: string | null;
  bullet: string | null;
  topics: string[];
  /** Fallback text for an entry without a draft (its feed summary or the start of its text). */
  summary: string | null;
  /** Every outlet's link for the story, primary sources first. */
  links: { source_id: string; source: string; url: string }[];
}

const ISSUE_COLUMNS = `id, title, volume, number, date_from, date_to, status, created_at, updated_at, published_at,
  (SELECT count(*) FROM issue_items x WHERE x.issue_id = issues.id) AS item_count`;

/** Queries on issues and their ordered items. */
export function issueQueries(db: Db) {
  const byId = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE id = ?`);
  const byVN = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE volume = ? AND number = ?`);
  const all = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues ORDER BY volume DESC, number DESC`);
  const last = db.prepare(`SELECT volume, number FROM issues ORDER BY volume DESC, number DESC LIMIT 1`);
  const draft = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE status = 'draft' ORDER BY volume DESC, number DESC LIMIT 1`);
  const lastPublished = db.prepare(`SELECT ${ISSUE_COLUMNS} FROM issues WHERE status = 'published' ORDER BY published_at DESC LIMIT 1`);
  const insert = db.prepare(`INSERT INTO issues (title, volume, number, date_from, date_to, created_at, updated_at)
    VALUES (@title, @volume, @number, @date_from, @date_to, @now, @now)`);
  const touch = db.prepare(`UPDATE issues SET updated_at = ? WHERE id = ?`);
  const entries = db.prepare(`SELECT x.position, i.id AS item_id, i.story_id, i.title, i.url, i.published_at,
      coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
      coalesce(m.edit_topics, m.topics) AS topics, coalesce(i.feed_summary, substr(i.text, 1, 600)) AS summary
    FROM issue_items x JOIN items i ON i.id = x.item_id LEFT JOIN summaries m ON m.story_id = i.story_id
    WHERE x.issue_id = ? ORDER BY x.position`);
  const links = db.prepare(`SELECT DISTINCT x.source_id, src.name AS source, coalesce(c.canonical_url, c.url) AS url
    FROM items c JOIN item_sources x ON x.item_id = c.id JOIN sources src ON src.id = x.source_id
    WHERE (c.story_id = @story_id OR c.id = @item_id) ORDER BY src.is_primary DESC, (c.id = @item_id) DESC, x.first_seen_at`);
  const maxPos = db.prepare(`SELECT coalesce(max(position), 0) FROM issue_items WHERE issue_id = ?`).pluck();
  const add = db.prepare(`INSERT OR IGNORE INTO issue_items (issue_id, item_id, position) VALUES (?, ?, ?)`);
  const remove = db.prepare(`DELETE FROM issue_items WHERE issue_id = ? AND item_id = ?`);
  const ordered = db.prepare(`SELECT item_id FROM issue_items WHERE issue_id = ? ORDER BY position`).pluck();
  const setPos = db.prepare(`UPDATE issue_items SET position = ? WHERE issue_id = ? AND item_id = ?`);
  const issuesOfItem = db.prepare(`SELECT x.issue_id FROM issue_items x WHERE x.item_id = ?`).pluck();
  const publish = db.prepare(`UPDATE issues SET status = 'published', published_at = @now, updated_at = @now WHERE id = @id`);
  const publishItems = db.prepare(`UPDATE items SET prev_review = review, review = 'published', review_at = @now
    WHERE story_id IN (SELECT i.story_id FROM issue_items x JOIN items i ON i.id = x.item_id WHERE x.issue_id = @id AND i.story_id IS NOT NULL)
       OR id IN (SELECT item_id FROM issue_items WHERE issue_id = @id)`);

  const renumber = (issueId: number, ids: number[]) => {
    // Two passes so the positions never collide mid-way.
    ids.forEach((id, i) => setPos.run(-(i + 1), issueId, id));
    ids.forEach((id, i) => setPos.run(i + 1, issueId, id));
  };

  return {
    /** An issue by id. */
    getIssue(id: number): IssueRow | undefined { return byId.get(id) as IssueRow | undefined; },
    /** An issue by volume and number. */
    getIssueByNumber(volume: number, number: number): IssueRow | undefined { return byVN.get(volume, number) as IssueRow | undefined; },
    /** Every issue, newest first. */
    listIssues(): IssueRow[] { return all.all() as IssueRow[]; },
    /** The newest draft issue, if any. */
    currentDraft(): IssueRow | undefined { return draft.get() as IssueRow | undefined; },
    /** The latest published issue, if any. */
    lastPublishedIssue(): IssueRow | undefined { return lastPublished.get() as IssueRow | undefined; },
    /** The highest volume and number used so far. */
    lastIssueNumber(): { volume: number; number: number } | undefined {
      return last.get() as { volume: number; number: number } | undefined;
    },
    /** Creates an issue; returns its id. */
    insertIssue(i: { title: string; volume: number; number: number; date_from: string | null; date_to: string | null }, now: string): number {
      return Number(insert.run({ ...i, now }).lastInsertRowid);
    },
    /** The issue's entries in order, each with its story's draft and every outlet's link. */
    issueEntries(issueId: number): IssueEntry[] {
      return (entries.all(issueId) as (Omit<IssueEntry, 'topics' | 'links'> & { topics: string | null })[]).map((e) => ({
        ...e,
        topics: e.topics ? JSON.parse(e.topics) : [],
        links: (links.all({ story_id: e.story_id, item_id: e.item_id }) as IssueEntry['links'])
          .filter((l, i, a) => a.findIndex((y) => y.url === l.url) === i),
      }));
    },
    /** Appends items (skipping ones already in the issue). */
    addIssueItems(issueId: number, itemIds: number[], now: string): void {
      db.transaction(() => {
        let pos = maxPos.get(issueId) as number;
        for (const id of itemIds) if (add.run(issueId, id, pos + 1).changes) pos++;
        touch.run(now, issueId);
      }).immediate();
    },
    /** Removes an item and closes the gap. */
    removeIssueItem(issueId: number, itemId: number, now: string): boolean {
      return db.transaction(() => {
        const gone = remove.run(issueId, itemId).changes > 0;
        renumber(issueId, ordered.all(issueId) as number[]);
        touch.run(now, issueId);
        return gone;
      }).immediate();
    },
    /** Moves an item to a 1-based position (clamped), shifting the others. */
    moveIssueItem(issueId: number, itemId: number, position: number, now: string): boolean {
      return db.transaction(() => {
        const ids = ordered.all(issueId) as number[];
        const from = ids.indexOf(itemId);
        if (from < 0) return false;
        ids.splice(from, 1);
        ids.splice(Math.max(0, Math.min(ids.length, position - 1)), 0, itemId);
        renumber(issueId, ids);
        touch.run(now, issueId);
        return true;
      }).immediate();
    },
    /** Issues an item is in. */
    issuesOfItem(itemId: number): number[] { return issuesOfItem.all(itemId) as number[]; },
    /** Marks the issue published and its stories' items `published`, in one transaction. */
    publishIssue(issueId: number, now: string): void {
      db.transaction(() => {
        publish.run({ id: issueId, now });
        publishItems.run({ id: issueId, now });
      }).immediate();
    },
  };
}
