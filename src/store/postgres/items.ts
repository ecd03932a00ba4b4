import { json, type Conn } from './conn.js';
import { indexItem, unindexItem } from './fts.js';
import { reportKind } from '../../cluster/report-kind.js';
import { MAX_ATTEMPTS, itemWhere } from '../items.js';
import type { ItemsPort, PendingItem, UnclusteredItem, ItemView, BorderlineItem } from '../ports.js';

const SOURCE_LIST = `(SELECT string_agg(source_id, ' ' ORDER BY source_id COLLATE "C") FROM item_sources s WHERE s.item_id = items.id) AS source_list`;
const splitList = <R extends { source_list: string | null }>({ source_list, ...r }: R) =>
  ({ ...r, source_ids: source_list ? source_list.split(' ') : [] });

/** Articles through the pipeline on PostgreSQL. */
export function pgItems(db: Conn): ItemsPort {
  const byUrl = async (c: Conn, url: string) => (await c.one<{ item_id: number }>(`SELECT item_id FROM item_urls WHERE url = @url`, { url }))?.item_id;
  const linkSource = (c: Conn, itemId: number, sourceId: string, urlSeen: string, now: string) =>
    c.run(`INSERT INTO item_sources (item_id, source_id, url_seen, first_seen_at) VALUES (@itemId, @sourceId, @urlSeen, @now)
      ON CONFLICT DO NOTHING`, { itemId, sourceId, urlSeen, now });
  const addAlias = (c: Conn, url: string, id: number) =>
    c.run(`INSERT INTO item_urls (url, item_id) VALUES (@url, @id) ON CONFLICT DO NOTHING`, { url, id });
  /** Folds item `from` into item `into`: its sources and URLs move, its row goes. */
  const merge = async (c: Conn, from: number, into: number) => {
    await c.run(`INSERT INTO item_sources (item_id, source_id, url_seen, first_seen_at)
      SELECT @into, source_id, url_seen, first_seen_at FROM item_sources WHERE item_id = @from ON CONFLICT DO NOTHING`, { from, into });
    await c.run(`UPDATE item_urls SET item_id = @into WHERE item_id = @from`, { from, into });
    await unindexItem(c, from);
    await c.run(`DELETE FROM items WHERE id = @from`, { from });
  };

  return {
    insertDiscovered(d, now) {
      return db.atomic(async (c) => {
        const existing = await byUrl(c, d.url);
        if (existing !== undefined) {
          await linkSource(c, existing, d.source_id, d.url_seen, now);
          return { id: existing, created: false };
        }
        // ON CONFLICT: a process inserting the same URL at this moment wins, and this one links to its item.
        const inserted = await c.one<{ id: number }>(`INSERT INTO items (url, title, feed_title, feed_summary, feed_content,
            feed_published_at, published_at, discovered_at, updated_at, sort_at)
          VALUES (@url, @title, @title, @summary, @content, @published_at, @published_at, @now, @now, coalesce(@published_at, @now))
          ON CONFLICT (url) DO NOTHING RETURNING id`,
        { url: d.url, title: d.title, summary: d.summary, content: d.content, published_at: d.published_at, now });
        const id = inserted?.id ?? (await byUrl(c, d.url)) ?? (await c.one<{ id: number }>(`SELECT id FROM items WHERE url = @url`, { url: d.url }))!.id;
        await addAlias(c, d.url, id);
        await linkSource(c, id, d.source_id, d.url_seen, now);
        return { id, created: inserted !== undefined };
      });
    },
    async listPending(limit, maxAttempts = MAX_ATTEMPTS) {
      return (await db.all<Omit<PendingItem, 'source_ids'> & { source_list: string | null }>(`SELECT id, url, attempts, feed_title,
          feed_summary, feed_content, feed_published_at, ${SOURCE_LIST}
        FROM items WHERE state = 'discovered'
           OR (state = 'failed' AND failed_stage = 'fetch' AND retryable = 1 AND attempts < @maxAttempts)
        ORDER BY id LIMIT @limit`, { limit, maxAttempts })).map(splitList);
    },
    markExtracted(id, row, now) {
      return db.atomic(async (c) => {
        const others = new Set<number>();
        for (const alias of row.aliases) {
          const other = await byUrl(c, alias);
          if (other !== undefined && other !== id) others.add(other);
        }
        if (row.content_hash) {
          const other = await c.one<{ id: number }>(`SELECT id FROM items WHERE content_hash = @hash AND id <> @id ORDER BY id LIMIT 1`,
            { hash: row.content_hash, id });
          if (other) others.add(other.id);
        }
        for (const other of [...others].sort((a, b) => a - b)) {
          const w = await c.one<{ waiting: boolean }>(`SELECT state = 'discovered' OR (state = 'failed' AND failed_stage = 'fetch') AS waiting
            FROM items WHERE id = @other`, { other });
          if (w?.waiting) continue;
          for (const alias of row.aliases) await addAlias(c, alias, id);
          await merge(c, id, other);
          return { mergedInto: other };
        }
        for (const other of others) await merge(c, other, id);
        for (const alias of row.aliases) await addAlias(c, alias, id);
        await c.run(`UPDATE items SET canonical_url = @canonical_url, title = coalesce(@title, title),
            byline = @byline, published_at = coalesce(@published_at, published_at), lang = @lang, site_name = @site_name,
            text = @text, text_from = @text_from, content_hash = @content_hash, state = @state, relevance = @relevance,
            relevance_terms = @relevance_terms, preview = @preview, fetched_at = @now, updated_at = @now, error = NULL, error_kind = NULL,
            attempts = attempts + 1, failed_stage = NULL, sort_at = coalesce(@published_at, published_at, discovered_at)
          WHERE id = @id`, {
          id, now, canonical_url: row.canonical_url, title: row.title, byline: row.byline, published_at: row.published_at, lang: row.lang,
          site_name: row.site_name, text: row.text, text_from: row.text_from, content_hash: row.content_hash, state: row.state,
          relevance: row.relevance, relevance_terms: JSON.stringify(row.relevance_terms),
          preview: reportKind(row.title, row.text) === 'preview' ? 1 : 0,
        });
        await indexItem(c, id, row.title ?? '', row.text);
        return { mergedInto: null };
      });
    },
    async markFailed(id, f, now) {
      await db.run(`UPDATE items SET state = 'failed', failed_stage = 'fetch', error_kind = @kind, error = @message,
        retryable = @retryable, attempts = attempts + 1, updated_at = @now WHERE id = @id`,
      { id, kind: f.kind, message: f.message, retryable: f.retryable ? 1 : 0, now });
    },
    async listUnclustered(after, limit) {
      return (await db.all<Omit<UnclusteredItem, 'source_ids'> & { source_list: string | null }>(`SELECT id, title,
          coalesce(text, '') AS text, published_at, byline, site_name, ${SOURCE_LIST}
        FROM items WHERE state = 'extracted' AND story_id IS NULL AND id > @after ORDER BY id LIMIT @limit`, { after, limit })).map(splitList);
    },
    async listItems(f) {
      const params: Record<string, unknown> = {};
      const where = itemWhere(f, params);
      let limit = '';
      if (f.limit !== undefined && f.limit >= 0) { limit = 'LIMIT @limit'; params.limit = f.limit; }
      const rows = await db.all<Record<string, unknown>>(`SELECT i.id, i.url, i.canonical_url, i.title, i.byline, i.published_at,
          i.fetched_at, i.lang, i.state, i.review, i.relevance, i.relevance_terms, i.text_from, i.error ${f.full ? ', i.text' : ''},
          i.story_id, (SELECT s.lead_item_id = i.id FROM stories s WHERE s.id = i.story_id) AS story_lead,
          coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
          coalesce(m.edit_topics, m.topics) AS topics, m.topic_confidence, m.summarizer, m.prompt_version, m.unsupported,
          m.edited_at,
          ARRAY(SELECT source_id FROM item_sources x WHERE x.item_id = i.id ORDER BY first_seen_at, source_id COLLATE "C") AS source_ids
        FROM items i LEFT JOIN summaries m ON m.story_id = i.story_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY coalesce(i.published_at, i.discovered_at) COLLATE "C" DESC, i.id DESC ${limit}`, params);
      return rows.map(({ topics, unsupported, edited_at, relevance_terms, story_lead, source_ids, ...r }) => ({
        ...r,
        source_ids,
        story_lead: story_lead === true,
        relevance_terms: json(relevance_terms, []),
        topics: json(topics, []),
        unsupported: json(unsupported, []),
        edited: edited_at !== null,
      }) as unknown as ItemView);
    },
    async countByState() {
      const rows = await db.all<{ state: string; n: number }>(`SELECT state, count(*) AS n FROM items GROUP BY state`);
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
    itemText: (itemId) => db.one(`SELECT title, text, url, text_from FROM items WHERE id = @itemId`, { itemId }),
    async listBorderline(lo, hi, limit, after = 0) {
      const rows = await db.all<Omit<BorderlineItem, 'relevance_terms'> & { relevance_terms: string | null }>(`SELECT i.id, i.url, i.title,
          i.text, i.published_at, i.state, i.relevance, i.relevance_terms,
          ARRAY(SELECT x.source_id FROM item_sources x WHERE x.item_id = i.id ORDER BY x.source_id COLLATE "C") AS source_ids,
          (SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id
            ORDER BY src.is_primary DESC, x.first_seen_at, x.source_id COLLATE "C" LIMIT 1) AS source_name
        FROM items i
        WHERE i.state IN ('extracted', 'irrelevant') AND i.story_id IS NULL AND i.triage IS NULL
          AND i.relevance IS NOT NULL AND i.relevance >= @lo AND i.relevance <= @hi AND i.id > @after
        ORDER BY i.id LIMIT @limit`, { lo, hi, limit, after });
      return rows.map((r) => ({ ...r, text: r.text ?? '', relevance_terms: json(r.relevance_terms, []) }));
    },
    async saveTriage(itemId, t, state, terms) {
      await db.run(`UPDATE items SET triage = @triage, state = @state, relevance_terms = @terms, updated_at = @now
        WHERE id = @id AND state IN ('extracted', 'irrelevant') AND story_id IS NULL`,
      { id: itemId, triage: JSON.stringify(t), state, terms: JSON.stringify(terms), now: t.at });
    },
  };
}
