import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadArticles, taxonomy } from '../summarize/fixtures/articles.js';
import { offlineSummarizer } from '../../src/summarize/index.js';
import type { Store } from '../../src/store/index.js';

const SOURCES = [
  { id: 'kyodo', name: 'Kyodo News', type: 'rss', url: 'https://english.kyodonews.example/rss' },
  { id: 'nikkei', name: 'Nikkei Asia', type: 'rss', url: 'https://asia.nikkei.example/rss' },
  { id: 'mofa', name: 'MOFA Japan', type: 'rss', url: 'https://www.mofa.example/rss', primary: true },
  { id: 'dod', name: 'U.S. Department of Defense', type: 'rss', url: 'https://www.defense.example/rss', primary: true },
];

/** Writes a sources.yaml for the desk tests (the digest's topics; sources that are never fetched with --no-schedule). */
export function writeDeskConfig(dir: string): string {
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, stringify({
    publication: { name: 'US-Japan Alliance Digest', footer: 'The US-Japan Alliance Digest rounds up, every two weeks, the main developments between the United States and Japan. Reply to this email to subscribe or unsubscribe.' },
    schedule: { cron: '0 6 * * *', timezone: 'UTC' },
    topics: taxonomy.map((t) => ({ id: t.id, label: t.label })),
    sources: SOURCES,
  }));
  return file;
}

/**
 * Seeds the twelve fixture articles as summarized stories through the store's own functions
 * (discover → extract → story → offline draft); every third story is also reported by a second outlet.
 */
export async function seedDesk(store: Store, now: Date): Promise<{ storyId: number; itemId: number; headline: string }[]> {
  store.upsertSources(SOURCES.map((s) => ({ ...s, type: 'rss' as const, topics: [], always_relevant: false, primary: !!s.primary, enabled: true })));
  const summarizer = offlineSummarizer();
  const out: { storyId: number; itemId: number; headline: string }[] = [];
  const articles = loadArticles();
  for (const [i, a] of articles.entries()) {
    const published = new Date(now.getTime() - (i * 9 + 2) * 3600_000).toISOString();
    const src = SOURCES[i % SOURCES.length];
    const url = `https://${src.id}.example/news/${a.file.replace(/\.txt$/, '')}`;
    const ts = now.toISOString();
    const { id } = store.insertDiscovered({ url, url_seen: url, source_id: src.id, title: a.input.title, summary: null, content: null, published_at: published }, ts);
    if (i % 3 === 0) store.insertDiscovered({ url, url_seen: `${url}?ref=rss`, source_id: SOURCES[(i + 1) % SOURCES.length].id, title: a.input.title, summary: null, content: null, published_at: published }, ts);
    store.markExtracted(id, { canonical_url: null, aliases: [url], title: a.input.title, byline: 'Staff writer', published_at: published, lang: 'en',
      site_name: src.name, text: a.input.text, text_from: 'page', content_hash: `seed-${i}`, state: 'extracted', relevance: 0.8, relevance_terms: ['Japan'] }, ts);
    const storyId = store.createStoryFor(id, ts);
    const { summary, unsupported } = await summarizer.summarize({ ...a.input, url, published_at: published }, { publication: 'US-Japan Alliance Digest', topics: taxonomy });
    store.saveDraft(storyId, id, { ...summary, summarizer: 'offline', prompt_version: summarizer.promptVersion, cache_key: `seed-${i}`,
      unsupported: i === 2 ? ['$1.2 billion', 'March 2027'] : unsupported }, ts);
    out.push({ storyId, itemId: id, headline: summary.headline });
  }
  return out;
}
