import type { Db } from './db.js';

/** Keeps items_fts in step with items and summaries (rowid = items.id). */
export function ftsStatements(db: Db) {
  const indexItem = db.prepare(`INSERT OR REPLACE INTO items_fts (rowid, title, text, headline, bullet) VALUES (?, ?, ?, '', '')`);
  const unindexItem = db.prepare(`DELETE FROM items_fts WHERE rowid = ?`);
  // Search sees the story's current headline and bullet (the editor's when there is one) on each of its items.
  const indexStory = db.prepare(`INSERT OR REPLACE INTO items_fts (rowid, title, text, headline, bullet)
    SELECT i.id, coalesce(i.title, ''), coalesce(i.text, ''), coalesce(m.edit_headline, m.headline, ''), coalesce(m.edit_bullet, m.bullet, '')
    FROM items i LEFT JOIN summaries m ON m.story_id = i.story_id WHERE i.story_id = ?`);
  return {
    /** Indexes an item's title and text (no draft yet). */
    indexItem: (id: number, title: string, text: string) => { indexItem.run(id, title, text); },
    /** Drops an item from the index. */
    unindexItem: (id: number) => { unindexItem.run(id); },
    /** Re-indexes every item of a story with the story's current draft. */
    indexStory: (storyId: number) => { indexStory.run(storyId); },
  };
}
