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

test('a roundup of two similar events matches both but does not merge them', async () => {
  const { store, cleanup } = tempStore();
  try {
    store.upsertSources(['energywire', 'gasdaily', 'wire'].map((id) => ({ id, name: id, type: 'rss' as const, url: `https://${id}.example/feed`,
      topics: [], always_relevant: false, primary: false, enabled: true })));
    // Two buyers, two projects, one day: alike in wording (LNG, tonnes a year, cargoes), different deals.
    const a = extracted(store, 'energywire', 1, 'Korvath Power signs Texas LNG supply deal',
      'Korvath Power agreed to buy 1.2 million tonnes a year of LNG from the Sabine Reach terminal in Texas for 15 years. ' +
      'Korvath Power said Sabine Reach cargoes will reach Japan from 2030, as the United States presses allies to buy more gas.');
    const b = extracted(store, 'gasdaily', 2, 'Miyagase Gas takes stake in Tanana Pipeline',
      'Miyagase Gas will take an 8 percent stake in the Tanana Pipeline project in Alaska and buy 0.8 million tonnes a year of LNG from it. ' +
      'Miyagase Gas said Tanana Pipeline cargoes reach Japan in nine days, and United States officials welcomed the deal.');
    await stage(store);
    assert.notEqual(store.storyIdOf(a), store.storyIdOf(b));
    const c = extracted(store, 'wire', 3, 'Korvath and Miyagase sign U.S. gas deals',
      'Korvath Power agreed to buy 1.2 million tonnes a year from the Sabine Reach terminal in Texas, while Miyagase Gas took an 8 percent ' +
      'stake in the Tanana Pipeline project in Alaska and will buy 0.8 million tonnes a year. Both Korvath Power and Miyagase Gas said the ' +
      'Sabine Reach and Tanana Pipeline cargoes diversify supply for Japan, as the United States wants.');
    const log: StoryDecision[] = [];
    const report = await stage(store, log);
    assert.ok(log[0].candidates.filter((x) => x.same).length >= 2, 'the roundup matches both deals');
    assert.equal(report.merged, 0);
    assert.notEqual(store.storyIdOf(a), store.storyIdOf(b), 'the two deals stay two stories');
    assert.ok(store.storyIdOf(c) === store.storyIdOf(a) || store.storyIdOf(c) === store.storyIdOf(b));
  } finally { cleanup(); }
});
