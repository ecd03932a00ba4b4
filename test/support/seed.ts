import type { Store } from '../../src/store/index.js';

/** One story to seed: an item with its draft. */
export interface SeedStory {
  title: string;
  text?: string;
  headline?: string;
  bullet?: string;
  topics?: string[];
  published_at?: string;
  source?: string;
  url?: string;
  unsupported?: string[];
}

/** Stores stories through the store's own functions (discover → extract → story → draft); returns their ids. */
export function seedStories(store: Store, stories: SeedStory[], now = '2026-11-20T00:00:00.000Z'): { itemId: number; storyId: number }[] {
  const sources = [...new Set(stories.map((s) => s.source ?? 'wire'))];
  store.upsertSources(sources.map((id) => ({ id, name: `${id[0].toUpperCase()}${id.slice(1)} News`, type: 'rss', url: `https://${id}.example/feed`,
    topics: [], always_relevant: false, primary: id.startsWith('gov'), enabled: true })));
  return stories.map((s, i) => {
    const url = s.url ?? `https://${s.source ?? 'wire'}.example/story/${i + 1}`;
    const { id } = store.insertDiscovered({ url, url_seen: url, source_id: s.source ?? 'wire', title: s.title, summary: null, content: null,
      published_at: s.published_at ?? now }, now);
    const text = s.text ?? `${s.title}. Officials from Japan and the United States met on Tuesday in Tokyo.`;
    store.markExtracted(id, { canonical_url: null, aliases: [url], title: s.title, byline: null, published_at: s.published_at ?? now,
      lang: 'en', site_name: null, text, text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.7, relevance_terms: ['Japan'] }, now);
    const storyId = store.createStoryFor(id, now);
    store.saveDraft(storyId, id, { headline: s.headline ?? s.title, bullet: s.bullet ?? text, topics: s.topics ?? ['diplomacy'],
      topic_confidence: 0.6, summarizer: 'offline', prompt_version: 'offline-1', cache_key: `seed-${i}-${url}`, unsupported: s.unsupported ?? [] }, now);
    return { itemId: id, storyId };
  });
}
