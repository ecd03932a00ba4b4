import { json, type Conn } from './conn.js';
import { indexStory } from './fts.js';
import { MAX_SUMMARY_ATTEMPTS, OTHER_CHARS, OTHER_ITEMS } from '../summaries.js';
import type { SummariesPort, SummaryJob, StoryOther, DraftRow } from '../ports.js';

/** Drafts and the summary cache on PostgreSQL. */
export function pgSummaries(db: Conn): SummariesPort {
  const storyOthers = (storyId: number, leadItemId: number) => db.all<StoryOther>(`SELECT
      coalesce((SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id
        WHERE x.item_id = i.id ORDER BY src.is_primary DESC, x.first_seen_at, x.source_id COLLATE "C" LIMIT 1), i.site_name, '') AS source,
      coalesce(i.title, '') AS title, substr(i.text, 1, @chars) AS text
    FROM items i
    WHERE i.story_id = @story AND i.id <> @lead AND i.state IN ('extracted', 'summarized') AND length(coalesce(i.text, '')) > 0
    ORDER BY length(i.text) DESC, i.id LIMIT @limit`, { story: storyId, lead: leadItemId, chars: OTHER_CHARS, limit: OTHER_ITEMS });
  return {
    async listSummaryJobs(limit, redo = false, storyIds, after = 0, shortlistedOnly = false) {
      const rows = await db.all<Omit<SummaryJob, 'relevance_terms' | 'others'> & { relevance_terms: string | null }>(`SELECT s.id AS story_id,
          i.id AS item_id, i.url, i.title, i.text, i.published_at, i.site_name, i.relevance_terms,
          (SELECT src.name FROM item_sources x JOIN sources src ON src.id = x.source_id WHERE x.item_id = i.id
            ORDER BY src.is_primary DESC, x.first_seen_at, x.source_id COLLATE "C" LIMIT 1) AS source_name
        FROM stories s JOIN items i ON i.id = s.lead_item_id
        WHERE (i.state = 'extracted' OR (i.state = 'failed' AND i.failed_stage = 'summarize' AND i.attempts < @maxAttempts)
               OR (@redo AND i.state = 'summarized'))
          AND (@redo OR NOT EXISTS (SELECT 1 FROM summaries m WHERE m.story_id = s.id))
          AND (@only::int[] IS NULL OR s.id = ANY (@only::int[]))
          AND (NOT @shortlisted OR i.review IN ('shortlisted', 'published'))
          AND i.id > @after
        ORDER BY i.id LIMIT @limit`,
      { limit, after, redo, shortlisted: shortlistedOnly, maxAttempts: MAX_SUMMARY_ATTEMPTS, only: storyIds ?? null });
      const out: SummaryJob[] = [];
      for (const r of rows) {
        out.push({ ...r, text: r.text ?? '', relevance_terms: json(r.relevance_terms, []), others: await storyOthers(r.story_id, r.item_id) });
      }
      return out;
    },
    storyOthers,
    async getCachedDraft(key) {
      const r = await db.one<Record<string, unknown>>(`SELECT * FROM summary_cache WHERE cache_key = @key`, { key });
      if (!r) return undefined;
      return {
        headline: r.headline as string, bullet: r.bullet as string, topics: json(r.topics, []),
        topic_confidence: r.topic_confidence as number, summarizer: r.summarizer as string,
        prompt_version: (r.prompt_version as string | null) ?? null, cache_key: key, unsupported: json(r.unsupported, []),
      } satisfies DraftRow;
    },
    async saveDraft(storyId, itemId, d, now) {
      const row = { story_id: storyId, item_id: itemId, now, headline: d.headline, bullet: d.bullet, topics: JSON.stringify(d.topics),
        topic_confidence: d.topic_confidence, summarizer: d.summarizer, prompt_version: d.prompt_version, cache_key: d.cache_key,
        unsupported: JSON.stringify(d.unsupported) };
      await db.atomic(async (c) => {
        await c.run(`INSERT INTO summary_cache (cache_key, headline, bullet, topics, topic_confidence, unsupported, summarizer,
            prompt_version, created_at)
          VALUES (@cache_key, @headline, @bullet, @topics, @topic_confidence, @unsupported, @summarizer, @prompt_version, @now)
          ON CONFLICT (cache_key) DO UPDATE SET headline = excluded.headline, bullet = excluded.bullet, topics = excluded.topics,
            topic_confidence = excluded.topic_confidence, unsupported = excluded.unsupported, summarizer = excluded.summarizer,
            prompt_version = excluded.prompt_version, created_at = excluded.created_at`, row);
        await c.run(`INSERT INTO summaries (story_id, item_id, headline, bullet, topics, topic_confidence,
            summarizer, prompt_version, cache_key, unsupported, created_at)
          VALUES (@story_id, @item_id, @headline, @bullet, @topics, @topic_confidence, @summarizer, @prompt_version, @cache_key, @unsupported, @now)
          ON CONFLICT (story_id) DO UPDATE SET item_id = excluded.item_id, headline = excluded.headline, bullet = excluded.bullet,
            topics = excluded.topics, topic_confidence = excluded.topic_confidence, summarizer = excluded.summarizer,
            prompt_version = excluded.prompt_version, cache_key = excluded.cache_key, unsupported = excluded.unsupported,
            created_at = excluded.created_at`, row);
        await c.run(`UPDATE items SET state = 'summarized', failed_stage = NULL, error = NULL, error_kind = NULL, updated_at = @now
          WHERE story_id = @story_id AND (state = 'extracted' OR (state = 'failed' AND failed_stage = 'summarize'))`, { story_id: storyId, now });
        await indexStory(c, storyId);
      });
    },
    async markSummaryFailed(itemId, kind, message, now) {
      await db.run(`UPDATE items SET state = 'failed', failed_stage = 'summarize', error_kind = @kind,
        error = @message, retryable = 1, attempts = attempts + 1, updated_at = @now WHERE id = @id`, { id: itemId, kind, message, now });
    },
  };
}
