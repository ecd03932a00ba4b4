import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { tempStore } from '../support/temp-db.js';
import { clusterPending, storyConfig, storyStorage, type StoryDecision } from '../../src/jobs/cluster.js';
import type { Store } from '../../src/store/index.js';

const NOW = '2026-09-03T00:00:00.000Z';

function extracted(store: Store, source: string, n: number, title: string, text: string): number {
  const url = `https://${source}.example/${n}`;
  const { id } = store.insertDiscovered({ url, url_seen: url, source_id: source, title, summary: null, content: null, published_at: NOW }, NOW);
  store.markExtracted(id, { canonical_url: null, aliases: [url], title, byline: null, published_at: NOW, lang: 'en', site_name: null,
    text, text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.7, relevance_terms: ['Japan'] }, NOW);
  return id;
}

// One event (a shipyard deal) told three ways: a yard-side report naming the yard and its executive, a
// ministry-side report naming the officials and the amount, and a wire story that carries both sets of names.
const YARD = ['Harrowgate yard wins frigate refit work',
  'The Harrowgate Marine Works yard in Sasebo will refit two frigates, its president Ilse Vantongeren told workers on Tuesday. ' +
  'Harrowgate Marine Works expects the first hull in dock by spring, and Vantongeren said the yard would hire welders.'];
const MINISTRY = ['Ministry signs 380 million dollar refit contract',
  'Procurement chief Oskar Bellweather signed a contract worth 380 million dollars on Tuesday, the Acquisition Agency said. ' +
  'Bellweather said the Acquisition Agency would publish the terms once the navy approves the schedule.'];
const WIRE = ['Frigate refit deal signed for Sasebo yard',
  'Oskar Bellweather of the Acquisition Agency signed a 380 million dollar contract on Tuesday for Harrowgate Marine Works ' +
  'to refit two frigates in Sasebo. Ilse Vantongeren, president of Harrowgate Marine Works, said the first hull would dock by spring.'];

async function stage(store: Store, log: StoryDecision[] = []) {
  const batch = store.writeBatch({ maxMs: 50, maxWrites: 100 });
  const report = await clusterPending({ store, batch, storage: storyStorage(store), cfg: storyConfig(undefined), sourceName: (id) => id,
    now: () => new Date(NOW), explain: (d) => log.push(d) });
  batch.flush();
  return report;
}

test('an item that is the same story as two stories bridges them: they merge, and the merge is recorded', async () => {
  const { store, file, cleanup } = tempStore();
  try {
    store.upsertSources(['yardnews', 'ministry', 'wire'].map((id) => ({ id, name: id, type: 'rss' as const, url: `https://${id}.example/feed`,
      topics: [], always_relevant: false, primary: false, enabled: true })));
    const a = extracted(store, 'yardnews', 1, ...(YARD as [string, string]));
    const b = extracted(store, 'ministry', 2, ...(MINISTRY as [string, string]));
    const log: StoryDecision[] = [];
    await stage(store, log);
    assert.notEqual(store.storyIdOf(a), store.storyIdOf(b), 'the two partial reports share no names: two stories');
    const c = extracted(store, 'wire', 3, ...(WIRE as [string, string]));
    const report = await stage(store, log);
    assert.equal(report.merged, 1);
    assert.equal(store.storyIdOf(a), store.storyIdOf(c));
    assert.equal(store.storyIdOf(b), store.storyIdOf(c));
    const last = log.at(-1)!;
    assert.equal(last.item_id, c);
    assert.equal(last.merged.length, 1);
    assert.ok(last.candidates.filter((x) => x.same).length >= 2, 'the replay log shows both matches');
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT into_story_id, from_story_id, bridge_item_id, item_ids FROM story_merges').all() as Record<string, unknown>[];
    db.close();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].bridge_item_id, c);
  } finally { cleanup(); }
});

test('a story the editor has reviewed is never absorbed by a bridge', async () => {
  const { store, cleanup } = tempStore();
  try {
    store.upsertSources(['yardnews', 'ministry', 'wire'].map((id) => ({ id, name: id, type: 'rss' as const, url: `https://${id}.example/feed`,
      topics: [], always_relevant: false, primary: false, enabled: true })));
    const a = extracted(store, 'yardnews', 1, ...(YARD as [string, string]));
    const b = extracted(store, 'ministry', 2, ...(MINISTRY as [string, string]));
    await stage(store);
    store.setStoryReview(store.storyIdOf(a)!, 'rejected', NOW);
    store.setStoryReview(store.storyIdOf(b)!, 'shortlisted', NOW);
    extracted(store, 'wire', 3, ...(WIRE as [string, string]));
    const report = await stage(store);
    assert.equal(report.merged, 0);
    assert.notEqual(store.storyIdOf(a), store.storyIdOf(b));
  } finally { cleanup(); }
});
