import type { Conn } from './conn.js';

/*
 * Full-text search on PostgreSQL, matching what SQLite's FTS5 (unicode61, remove_diacritics 2) matches: the
 * tokens are runs of letters and digits, lower-cased, Latin diacritics removed; a query needs every word, the last
 * one as a prefix. The tokens are made here, not by PostgreSQL's parser (whose rules depend on the server's locale
 * and split e-mail addresses, hyphenated words and CJK text differently), and stored as a tsvector with positions
 * (phrases like "U.S." need them) in items_fts, searched through its GIN index.
 */

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;
/** PostgreSQL keeps positions up to this; later tokens share it. */
const MAX_POS = 16383;
/** PostgreSQL keeps at most this many positions per lexeme. */
const MAX_POSITIONS = 256;
/** Longer runs are not words (base64, URLs without separators) and would exceed the lexeme limit. */
const MAX_TOKEN = 200;

/** The search tokens of a text, as SQLite's unicode61 tokenizer with remove_diacritics 2 makes them. */
export function ftsTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').matchAll(TOKEN)) {
    const t = m[0].toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
    if (t.length <= MAX_TOKEN) out.push(t);
  }
  return out;
}

const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsvector literal for the fields of one item. Each field starts a few positions after the previous one ends,
 * so a phrase never matches across two fields (as in FTS5, where each is a column of its own).
 */
export function ftsDocument(fields: (string | null | undefined)[]): string {
  const positions = new Map<string, number[]>();
  let pos = 1;
  for (const field of fields) {
    for (const t of ftsTokens(field ?? '')) {
      const list = positions.get(t) ?? [];
      if (list.length < MAX_POSITIONS) list.push(Math.min(pos, MAX_POS));
      positions.set(t, list);
      pos++;
    }
    pos += 2;
  }
  return [...positions].map(([t, p]) => `${quote(t)}:${[...new Set(p)].join(',')}`).join(' ');
}

/**
 * Turns what an editor types into a tsquery: the words store/review.ts's ftsQuery picks (at most 12), each a phrase
 * of its tokens, all required, the last token of the last word as a prefix. Null when there is nothing to search.
 */
export function ftsTsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.slice(0, 12) ?? [];
  const phrases = words.map((w) => ftsTokens(w)).filter((t) => t.length > 0);
  if (!phrases.length) return null;
  return phrases.map((tokens, i) => {
    const last = i === phrases.length - 1;
    return `(${tokens.map((t, j) => quote(t) + (last && j === tokens.length - 1 ? ':*' : '')).join(' <-> ')})`;
  }).join(' & ');
}

/** Indexes an item's title and text (no draft yet). */
export async function indexItem(db: Conn, id: number, title: string, text: string): Promise<void> {
  await db.run(`INSERT INTO items_fts (item_id, doc) VALUES (@id, @doc::tsvector)
    ON CONFLICT (item_id) DO UPDATE SET doc = excluded.doc`, { id, doc: ftsDocument([title, '', '', text]) });
}

/** Drops an item from the index. */
export async function unindexItem(db: Conn, id: number): Promise<void> {
  await db.run('DELETE FROM items_fts WHERE item_id = @id', { id });
}

/** Re-indexes every item of a story with the story's current draft (the editor's version when there is one). */
export async function indexStory(db: Conn, storyId: number): Promise<void> {
  const rows = await db.all<{ id: number; title: string; text: string; headline: string; bullet: string }>(
    `SELECT i.id, coalesce(i.title, '') AS title, coalesce(i.text, '') AS text,
       coalesce(m.edit_headline, m.headline, '') AS headline, coalesce(m.edit_bullet, m.bullet, '') AS bullet
     FROM items i LEFT JOIN summaries m ON m.story_id = i.story_id WHERE i.story_id = @storyId`, { storyId });
  if (!rows.length) return;
  await db.run(`INSERT INTO items_fts (item_id, doc)
      SELECT id, doc::tsvector FROM unnest(@ids::int[], @docs::text[]) AS u(id, doc)
    ON CONFLICT (item_id) DO UPDATE SET doc = excluded.doc`,
  { ids: rows.map((r) => r.id), docs: rows.map((r) => ftsDocument([r.title, r.headline, r.bullet, r.text])) });
}

/** The SQL condition "item `alias`.id matches the tsquery in parameter `param`". */
export function ftsMatch(itemAlias: string, param: string): string {
  return `EXISTS (SELECT 1 FROM items_fts f WHERE f.item_id = ${itemAlias}.id AND f.doc @@ ${param}::tsquery)`;
}
