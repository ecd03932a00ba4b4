import type { Db } from './db.js';
import { ftsStatements } from './fts.js';
import { reportKind } from '../cluster/report-kind.js';
import type { PipelineState, ReviewState } from '../domain/types.js';

/** A transient failure is retried on later runs until an item has been tried this many times. */
export const MAX_ATTEMPTS = 3;

/** What discovery knows of an article before its page is fetched. */
export interface DiscoveredRow {
  url: string;            // normalised key
  url_seen: string;       // as the source gave it
  source_id: string;
  title: string | null;
  summary: string | null;
  content: string | null;
  published_at: string | null;
}

/** An item waiting for its page to be fetched and extracted. */
export interface PendingItem {
  id: number;
  url: string;
  attempts: number;
  feed_title: string | null;
  feed_summary: string | null;
  feed_content: string | null;
  feed_published_at: string | null;
  source_ids: string[];
}

/** A relevant extracted item not yet filed under a story. */
export interface UnclusteredItem {
  id: number;
  title: string | null;
  text: string;
  published_at: string | null;
  byline: string | null;
  site_name: string | null;
  source_ids: string[];
}

/** The outcome of extraction and relevance for one item. */
export interface ExtractedRow {
  canonical_url: string | null;
  aliases: string[];      // other normalised URLs of this article (final URL after redirects, canonical)
  title: string | null;
  byline: string | null;
  published_at: string | null;
  lang: string | null;
  site_name: string | null;
  text: string;
  text_from: 'page' | 'feed';
  content_hash: string | null;
  state: Extract<PipelineState, 'extracted' | 'irrelevant'>;
  relevance: number;
  relevance_terms: string[];
}

/** One item as `newsdesk items --json` prints it. */
export interface ItemView {
  id: number;
  url: string;
  canonical_url: string | null;
  source_ids: string[];
  title: string | null;
  byline: string | null;
  published_at: string | null;
  fetched_at: string | null;
  lang: string | null;
  state: PipelineState;
  review: ReviewState;
  relevance: number | null;
  relevance_terms: string[];
  text_from: 'page' | 'feed' | null;
  error: string | null;
  text?: string | null;
  story_id: number | null;
  /** Whether this item leads its story (its card shows this item's draft and links first). */
  story_lead: boolean;
  /** The editor's version when there is one, else the machine draft. */
  headline: string | null;
  bullet: string | null;
  topics: string[];
  topic_confidence: number | null;
  /** 'offline' or 'llm:<model>'. */
  summarizer: string | null;
  prompt_version: string | null;
  /** Names, numbers and dates in the draft that the article does not support. */
  unsupported: string[];
  edited: boolean;
}

type RawItem = Omit<ItemView, 'source_ids' | 'relevance_terms' | 'topics' | 'unsupported' | 'edited' | 'story_lead'> &
  { relevance_terms: string | null; topics: string | null; unsupported: string | null; edited_at: string | null; story_lead: number | null };

/** Filters of `newsdesk items`. */
export interface ItemFilter {
  state?: string;
  source?: string;
  since?: string;
  limit?: number;
  full?: boolean;
}

/** The filters of an item listing (state, source, since) as WHERE terms over `items i`; binds what it uses. */
export function itemWhere(f: ItemFilter, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (f.state) { where.push('i.state = @state'); params.state = f.state; }
  if (f.source) {
    where.push('EXISTS (SELECT 1 FROM item_sources s WHERE s.item_id = i.id AND s.source_id = @source)');
    params.source = f.source;
  }
  if (f.since) { where.push('coalesce(i.published_at, i.discovered_at) >= @since'); params.since = f.since; }
  return where;
}

/** Queries on the items aggregate: discovery, extraction, failure, listing. */
export function itemQueries(db: Db) {
  const byUrl = db.prepare(`SELECT item_id FROM item_urls WHERE url = ?`).pluck();
  const linkSource = db.prepare(`INSERT OR IGNORE INTO item_sources (item_id, source_id, url_seen, first_seen_at)
    VALUES (?, ?, ?, ?)`);
  const insertItem = db.prepare(`INSERT INTO items (url, title, feed_title, feed_summary, feed_content,
      feed_published_at, published_at, discovered_at, updated_at, sort_at)
    VALUES (@url, @title, @title, @summary, @content, @published_at, @published_at, @now, @now, coalesce(@published_at, @now))`);
  const addAlias = db.prepare(`INSERT OR IGNORE INTO item_urls (url, item_id) VALUES (?, ?)`);
  const pending = db.prepare(`SELECT id, url, attempts, feed_title, feed_summary, feed_content, feed_published_at,
      (SELECT group_concat(source_id, ' ') FROM item_sources s WHERE s.item_id = items.id) AS source_list
    FROM items WHERE state = 'discovered'
       OR (state = 'failed' AND failed_stage = 'fetch' AND retryable = 1 AND attempts < @maxAttempts)
    ORDER BY id LIMIT @limit`);
  const unclustered = db.prepare(`SELECT id, title, coalesce(text, '') AS text, published_at, byline, site_name,
      (SELECT group_concat(source_id, ' ') FROM item_sources s WHERE s.item_id = items.id) AS source_list
    FROM items WHERE state = 'extracted' AND story_id IS NULL AND id > @after ORDER BY id LIMIT @limit`);
  const byHash = db.prepare(`SELECT id FROM items WHERE content_hash = ? AND id != ? LIMIT 1`).pluck();
  const setExtracted = db.prepare(`UPDATE items SET canonical_url = @canonical_url, title = coalesce(@title, title),
      byline = @byline, published_at = coalesce(@published_at, published_at), lang = @lang, site_name = @site_name,
      text = @text, text_from = @text_from, content_hash = @content_hash, state = @state, relevance = @relevance,
      relevance_terms = @relevance_terms, preview = @preview, fetched_at = @now, updated_at = @now, error = NULL, error_kind = NULL,
      attempts = attempts + 1, failed_stage = NULL, sort_at = coalesce(@published_at, published_at, discovered_at)
    WHERE id = @id`);
  const fts = ftsStatements(db);
  const setFailed = db.prepare(`UPDATE items SET state = 'failed', failed_stage = 'fetch', error_kind = @kind, error = @message,
      retryable = @retryable, attempts = attempts + 1, updated_at = @now WHERE id = @id`);
  // Still waiting for its page: never extracted, or its fetch failed.
  const waiting = db.prepare(`SELECT state = 'discovered' OR (state = 'failed' AND failed_stage = 'fetch') FROM items WHERE id = ?`).pluck();
  const moveSources = db.prepare(`INSERT OR IGNORE INTO item_sources (item_id, source_id, url_seen, first_seen_at)
    SELECT @into, source_id, url_seen, first_seen_at FROM item_sources WHERE item_id = @from`);
  const moveAliases = db.prepare(`UPDATE OR IGNORE item_urls SET item_id = @into WHERE item_id = @from`);
  const deleteItem = db.prepare(`DELETE FROM items WHERE id = ?`);
  const sourcesOf = db.prepare(`SELECT source_id FROM item_sources WHERE item_id = ? ORDER BY first_seen_at, source_id`).pluck();

  /** Folds item `from` into item `into`: its sources and URLs move, its row goes. */
  function merge(from: number, into: number): void {
    moveSources.run({ from, into });
    moveAliases.run({ from, into });
    fts.unindexItem(from);
    deleteItem.run(from);
  }

  return {
    /**
     * Records one discovered article for a source. Returns whether a new item was created;
     * a URL already known only links the source to the existing item.
     */
    insertDiscovered(d: DiscoveredRow, now: string): { id: number; created: boolean } {
      return db.transaction(() => {
        const existing = byUrl.get(d.url) as number | undefined;
        if (existing !== undefined) {
          linkSource.run(existing, d.source_id, d.url_seen, now);
          return { id: existing, created: false };
        }
        const id = Number(insertItem.run({ ...d, now }).lastInsertRowid);
        addAlias.run(d.url, id);
        linkSource.run(id, d.source_id, d.url_seen, now);
        return { id, created: true };
      }).immediate();
    },
    /** Relevant extracted items without a story yet, in id order after `after`. */
    listUnclustered(after: number, limit: number): UnclusteredItem[] {
      return (unclustered.all({ after, limit }) as (Omit<UnclusteredItem, 'source_ids'> & { source_list: string | null })[])
        .map(({ source_list, ...r }) => ({ ...r, source_ids: source_list ? source_list.split(' ') : [] }));
    },
    /** Items still to fetch: new ones, and transient failures under the attempt limit. */
    listPending(limit: number, maxAttempts = MAX_ATTEMPTS): PendingItem[] {
      return (pending.all({ limit, maxAttempts }) as (Omit<PendingItem, 'source_ids'> & { source_list: string | null })[])
        .map(({ source_list, ...r }) => ({ ...r, source_ids: source_list ? source_list.split(' ') : [] }));
    },
    /**
     * Stores an extracted item in one transaction. When its canonical URL or its text already belongs
     * to another item, the two are folded into the older one; returns that item's id in `mergedInto`.
     */
    markExtracted(id: number, row: ExtractedRow, now: string): { mergedInto: number | null } {
      return db.transaction(() => {
        const others = new Set<number>();
        for (const alias of row.aliases) {
          const other = byUrl.get(alias) as number | undefined;
          if (other !== undefined && other !== id) others.add(other);
        }
        if (row.content_hash) {
          const other = byHash.get(row.content_hash, id) as number | undefined;
          if (other !== undefined) others.add(other);
        }
        // An item already extracted keeps its row and this one folds into it; one still waiting
        // for its page folds into this one, which saves fetching the same article twice.
        for (const other of [...others].sort((a, b) => a - b)) {
          if (waiting.get(other)) continue;
          for (const alias of row.aliases) addAlias.run(alias, id);
          merge(id, other);
          return { mergedInto: other };
        }
        for (const other of others) merge(other, id);
        for (const alias of row.aliases) addAlias.run(alias, id);
        setExtracted.run({ ...row, id, now, relevance_terms: JSON.stringify(row.relevance_terms),
          preview: reportKind(row.title, row.text) === 'preview' ? 1 : 0 });
        fts.indexItem(id, row.title ?? '', row.text);
        return { mergedInto: null };
      }).immediate();
    },
    /** Records a failed fetch or extraction; the item is retried on a later run if the failure was transient. */
    markFailed(id: number, f: { kind: string; message: string; retryable: boolean }, now: string): void {
      setFailed.run({ id, kind: f.kind, message: f.message, retryable: f.retryable ? 1 : 0, now });
    },
    /** Items for listing, newest first. */
    listItems(f: ItemFilter): ItemView[] {
      const params: Record<string, unknown> = {};
      const where = itemWhere(f, params);
      params.limit = f.limit ?? -1;
      const rows = db.prepare(`SELECT i.id, i.url, i.canonical_url, i.title, i.byline, i.published_at, i.fetched_at, i.lang,
          i.state, i.review, i.relevance, i.relevance_terms, i.text_from, i.error ${f.full ? ', i.text' : ''},
          i.story_id, (SELECT s.lead_item_id = i.id FROM stories s WHERE s.id = i.story_id) AS story_lead,
          coalesce(m.edit_headline, m.headline) AS headline, coalesce(m.edit_bullet, m.bullet) AS bullet,
          coalesce(m.edit_topics, m.topics) AS topics, m.topic_confidence, m.summarizer, m.prompt_version, m.unsupported,
          m.edited_at
        FROM items i LEFT JOIN summaries m ON m.story_id = i.story_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY coalesce(i.published_at, i.discovered_at) DESC, i.id DESC LIMIT @limit`).all(params) as RawItem[];
      return rows.map(({ topics, unsupported, edited_at, relevance_terms, story_lead, ...r }) => ({
        ...r,
        story_lead: story_lead === 1,
        source_ids: sourcesOf.all(r.id) as string[],
        relevance_terms: relevance_terms ? JSON.parse(relevance_terms) : [],
        topics: topics ? JSON.parse(topics) : [],
        unsupported: unsupported ? JSON.parse(unsupported) : [],
        edited: edited_at !== null,
      }));
    },
    /** Number of items per pipeline state. */
    countByState(): Record<string, number> {
      const rows = db.prepare(`SELECT state, count(*) AS n FROM items GROUP BY state`).all() as { state: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
  };
}
