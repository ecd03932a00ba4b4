import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../support/temp-db.js';
import { clusterPending, storyConfig, storyStorage } from '../../src/jobs/cluster.js';
import { runSummarize } from '../../src/jobs/summarize.js';
import { heapBudget } from '../../src/jobs/heap-budget.js';
import { silentLogger } from '../../src/jobs/log.js';
import { offlineSummarizer } from '../../src/summarize/index.js';
import type { Config } from '../../src/config/schema.js';
import type { Store } from '../../src/store/index.js';

const NOW = '2026-11-20T00:00:00.000Z';

/** Stores an extracted, relevant item without filing it under a story (as a run killed after extraction leaves it). */
function extracted(store: Store, n: number, title: string, text: string): number {
  const url = `https://wire.example/${n}`;
  const { id } = store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title, summary: null, content: null, published_at: NOW }, NOW);
  store.markExtracted(id, { canonical_url: null, aliases: [url], title, byline: null, published_at: NOW, lang: 'en', site_name: null,
    text, text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.7, relevance_terms: ['Japan'] }, NOW);
  return id;
}

const CALL = 'Deputy Secretary of State Kurt Campbell and Vice Foreign Minister Masataka Okano spoke by telephone on November 18 about Ukraine, '
  + 'the Korean Peninsula and the Quad meeting planned for Manila, and agreed to keep coordinating before the Lima summit.';

test('items a run left unfiled are filed by the story stage, once, in the order they were found', async () => {
  const { store, cleanup } = tempStore();
  try {
    store.upsertSources([{ id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
    const a = extracted(store, 1, 'Japan-U.S. Vice-Ministerial Telephone Talk', CALL);
    const b = extracted(store, 2, "U.S., Japan vow coordination on Ukraine in deputies' call", `Kurt Campbell and Masataka Okano held a call. ${CALL}`);
    const c = extracted(store, 3, 'Toyota opens battery plant in North Carolina', 'Toyota Motor opened a battery plant in Liberty, North Carolina, on Monday, investing $13.9 billion.');
    assert.equal(store.listUnclustered(0, 10).length, 3);
    const stage = () => clusterPending({ store, batch: store.writeBatch({ maxMs: 50, maxWrites: 100 }), storage: storyStorage(store),
      cfg: storyConfig(undefined), sourceName: () => 'Wire', now: () => new Date(NOW) });
    const first = await stage();
    assert.deepEqual(first, { clustered: 3, joined: 1, follow_ups: 0, merged: 0 });
    assert.equal(store.storyIdOf(a), store.storyIdOf(b));
    assert.notEqual(store.storyIdOf(a), store.storyIdOf(c));
    assert.equal(store.listUnclustered(0, 10).length, 0);
    assert.deepEqual(await stage(), { clustered: 0, joined: 0, follow_ups: 0, merged: 0 }, 'a second pass has nothing to do');
  } finally { cleanup(); }
});

test('the summarize stage reads its jobs a page at a time and drafts every story exactly once', async () => {
  const { store, cleanup } = tempStore();
  try {
    store.upsertSources([{ id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
    const n = 450; // more than two pages
    for (let i = 0; i < n; i++) {
      const id = extracted(store, i, `Japan and US officials meet on item ${i}`, `Officials from Japan and the United States met in Tokyo on item ${i} and agreed on step ${i}.`);
      store.createStoryFor(id, NOW);
    }
    const seen: string[] = [];
    const base = offlineSummarizer();
    const summarizer = { ...base, summarize: (input: Parameters<typeof base.summarize>[0], ctx: Parameters<typeof base.summarize>[1]) => {
      seen.push(input.title);
      return base.summarize(input, ctx);
    } };
    const config = { publication: { name: 'P' }, topics: [{ id: 'diplomacy', label: 'Diplomacy', description: '', keywords: ['officials'] }] } as unknown as Config;
    const report = await runSummarize({ config, store, summarizer, log: silentLogger(), now: () => new Date(NOW), runId: null });
    assert.equal(report.summarized, n);
    assert.equal(new Set(seen).size, n);
    assert.equal(store.listSummaryJobs(10).length, 0);
    const limited = await runSummarize({ config, store, summarizer, log: silentLogger(), now: () => new Date(NOW), runId: null }, { redo: true, limit: 250 });
    assert.equal(limited.summarized, 250, 'a limit spanning pages is honoured exactly');
  } finally { cleanup(); }
});

test('the heap budget asks for a full collection past its budget, and not again within its gap', () => {
  const heap = heapBudget(1, 60_000); // 1 MB: any process is past it
  heap.check();
  assert.equal(heap.collections(), 1);
  heap.check();
  assert.equal(heap.collections(), 1, 'the gap holds');
  const roomy = heapBudget(1_000_000, 0);
  roomy.check();
  assert.equal(roomy.collections(), 0, 'under budget nothing happens');
});
