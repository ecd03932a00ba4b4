import { json, type Conn } from './conn.js';
import type { IssuesPort, IssueRow, IssueEntry } from '../ports.js';

const COLUMNS = `id, title, volume, number, date_from, date_to, status, created_at, updated_at, published_at,
  (SELECT count(*) FROM issue_items x WHERE x.issue_id = issues.id) AS item_count`;

/** Issues and their ordered items on PostgreSQL. */
export function pgIssues(db: Conn): IssuesPort {
  const ordered = async (c: Conn, issueId: number) =>
    (await c.all<{ item_id: number }>(`SELECT item_id FROM issue_items WHERE issue_id = @issueId ORDER BY position`, { issueId })).map((r) => r.item_id);
  // Two passes so the positions never collide mid-way (one statement each).
  const renumber = async (c: Conn, issueId: number, ids: number[]) => {
    const pos = ids.map((_, i) => i + 1);
    for (const sign of [-1, 1]) {
      await c.run(`UPDATE issue_items x SET position = u.pos * @sign FROM unnest(@ids::int[], @pos::int[]) AS u(id, pos)
        WHERE x.issue_id = @issueId AND x.item_id = u.id`, { ids, pos, sign, issueId });
    }
  };
  const touch = (c: Conn, issueId: number, now: string) => c.run(`UPDATE issues SET updated_at = @now WHERE id = @issueId`, { issueId, now });
  return {
    getIssue: (id) => db.one<IssueRow>(`SELECT ${COLUMNS} FROM issues WHERE id = @id`, { id }),
    getIssueByNumber: (volume, number) => db.one<IssueRow>(`SELECT ${COLUMNS} FROM issues WHERE volume = @volume AND number = @number`, { volume, number }),
    listIssues: () => db.all<IssueRow>(`SELECT ${COLUMNS} FROM issues ORDER BY volume DESC, number DESC`),
    currentDraft: () => db.one<IssueRow>(`SELECT ${COLUMNS} FROM issues WHERE status = 'draft' ORDER BY volume DESC, number DESC LIMIT 1`),
    lastPublishedIssue: () => db.one<IssueRow>(`SELECT ${COLUMNS} FROM issues WHERE status = 'published' ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1`),
    lastIssueNumber: () => db.one<{ volume: number; number: number }>(`SELECT volume, number FROM issues ORDER BY volume DESC, number DESC LIMIT 1`),
    async insertIssue(i, now) {
      return (await db.one<{ id: number }>(`INSERT INTO issues (title, volume, number, date_from, date_to, created_at, updated_at)
        VALUES (@title, @volume, @number, @date_from, @date_to, @now, @now) RETURNING id`,
      { title: i.title, volume: i.volume, number: i.number, date_from: i.date_from, date_to: i.date_to, now }))!.id;
    },
    async issueEntries(issueId) {
      const rows = await db.all<Omit<IssueEntry, 'topics' | 'links'> & { topics: string | null }>(`SELECT x.position, i.id AS item_id,
          i.story_id, i.title, i.url, i.published_at,
          coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
          coalesce(m.edit_topics, m.topics) AS topics, coalesce(i.feed_summary, substr(i.text, 1, 600)) AS summary
        FROM issue_items x JOIN items i ON i.id = x.item_id LEFT JOIN summaries m ON m.story_id = i.story_id
        WHERE x.issue_id = @issueId ORDER BY x.position`, { issueId });
      const out: IssueEntry[] = [];
      for (const e of rows) {
        // SQLite's DISTINCT row order: the first time each (source, url) appears in this order.
        const links = await db.all<IssueEntry['links'][number]>(`SELECT source_id, source, url FROM (
            SELECT x.source_id, src.name AS source, coalesce(c.canonical_url, c.url) AS url,
              src.is_primary AS p, (c.id = @item_id) AS own, x.first_seen_at AS seen
            FROM items c JOIN item_sources x ON x.item_id = c.id JOIN sources src ON src.id = x.source_id
            WHERE (c.story_id = @story_id::int OR c.id = @item_id)) t
          ORDER BY p DESC, own DESC, seen, source_id COLLATE "C", url COLLATE "C"`, { story_id: e.story_id, item_id: e.item_id });
        out.push({ ...e, topics: json(e.topics, []),
          links: links.filter((l, i, a) => a.findIndex((y) => y.url === l.url) === i) });
      }
      return out;
    },
    async addIssueItems(issueId, itemIds, now) {
      await db.atomic(async (c) => {
        // The issue row locked first: two editors adding at once append one after the other.
        await c.run(`SELECT 1 FROM issues WHERE id = @issueId FOR UPDATE`, { issueId });
        let pos = (await c.one<{ n: number }>(`SELECT coalesce(max(position), 0) AS n FROM issue_items WHERE issue_id = @issueId`, { issueId }))!.n;
        for (const id of itemIds) {
          if (await c.run(`INSERT INTO issue_items (issue_id, item_id, position) VALUES (@issueId, @id, @pos) ON CONFLICT DO NOTHING`,
            { issueId, id, pos: pos + 1 })) pos++;
        }
        await touch(c, issueId, now);
      });
    },
    removeIssueItem(issueId, itemId, now) {
      return db.atomic(async (c) => {
        await c.run(`SELECT 1 FROM issues WHERE id = @issueId FOR UPDATE`, { issueId });
        const gone = (await c.run(`DELETE FROM issue_items WHERE issue_id = @issueId AND item_id = @itemId`, { issueId, itemId })) > 0;
        await renumber(c, issueId, await ordered(c, issueId));
        await touch(c, issueId, now);
        return gone;
      });
    },
    moveIssueItem(issueId, itemId, position, now) {
      return db.atomic(async (c) => {
        await c.run(`SELECT 1 FROM issues WHERE id = @issueId FOR UPDATE`, { issueId });
        const ids = await ordered(c, issueId);
        const from = ids.indexOf(itemId);
        if (from < 0) return false;
        ids.splice(from, 1);
        ids.splice(Math.max(0, Math.min(ids.length, position - 1)), 0, itemId);
        await renumber(c, issueId, ids);
        await touch(c, issueId, now);
        return true;
      });
    },
    async issuesOfItem(itemId) {
      return (await db.all<{ issue_id: number }>(`SELECT issue_id FROM issue_items WHERE item_id = @itemId ORDER BY issue_id`, { itemId })).map((r) => r.issue_id);
    },
    async publishIssue(issueId, now) {
      await db.atomic(async (c) => {
        await c.run(`UPDATE issues SET status = 'published', published_at = @now, updated_at = @now WHERE id = @id`, { id: issueId, now });
        await c.run(`UPDATE items SET prev_review = review, review = 'published', review_at = @now
          WHERE story_id IN (SELECT i.story_id FROM issue_items x JOIN items i ON i.id = x.item_id WHERE x.issue_id = @id AND i.story_id IS NOT NULL)
             OR id IN (SELECT item_id FROM issue_items WHERE issue_id = @id)`, { id: issueId, now });
      });
    },
  };
}
