import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../support/temp-db.js';
import type { ExtractedRow } from '../../src/store/index.js';

const NOW = '2026-11-20T00:00:00.000Z';
const disc = (url: string, source_id: string) => ({ url, url_seen: `${url}?utm_source=x`, source_id, title: `T ${url}`, summary: null, content: null, published_at: NOW });
const extracted = (over: Partial<ExtractedRow> = {}): ExtractedRow => ({
  canonical_url: null, aliases: [], title: 'Title', byline: null, published_at: NOW, lang: 'en', site_name: null,
  text: 'Body text.', text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.5, relevance_terms: ['Japan'], ...over,
});

test('a URL seen by two sources is one item with two sources', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered(disc('https://x.org/a', 's1'), NOW);
    const b = store.insertDiscovered(disc('https://x.org/a', 's2'), NOW);
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(a.id, b.id);
    const [item] = store.listItems({});
    assert.deepEqual(item.source_ids.sort(), ['s1', 's2']);
  } finally { cleanup(); }
});

test('a canonical URL owned by an extracted item folds the newcomer into it', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered(disc('https://x.org/a', 's1'), NOW);
    const b = store.insertDiscovered(disc('https://x.org/a-amp', 's2'), NOW);
    store.markExtracted(a.id, extracted({ aliases: ['https://x.org/a', 'https://x.org/canon'], canonical_url: 'https://x.org/canon' }), NOW);
    const r = store.markExtracted(b.id, extracted({ aliases: ['https://x.org/a-amp', 'https://x.org/canon'], canonical_url: 'https://x.org/canon' }), NOW);
    assert.equal(r.mergedInto, a.id);
    const items = store.listItems({});
    assert.equal(items.length, 1);
    assert.deepEqual(items[0].source_ids.sort(), ['s1', 's2']);
    // Later discoveries of the other URL land on the surviving item.
    assert.equal(store.insertDiscovered(disc('https://x.org/a-amp', 's3'), NOW).id, a.id);
  } finally { cleanup(); }
});

test('identical text under two URLs is one item (content hash)', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered(disc('https://x.org/1', 's1'), NOW);
    const b = store.insertDiscovered(disc('https://y.org/2', 's2'), NOW);
    store.markExtracted(a.id, extracted({ aliases: ['https://x.org/1'], content_hash: 'h1' }), NOW);
    assert.equal(store.markExtracted(b.id, extracted({ aliases: ['https://y.org/2'], content_hash: 'h1' }), NOW).mergedInto, a.id);
    assert.equal(store.listItems({}).length, 1);
  } finally { cleanup(); }
});

test('an item still waiting for its page folds into the one just extracted', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered(disc('https://x.org/1', 's1'), NOW);
    const b = store.insertDiscovered(disc('https://x.org/2', 's2'), NOW);
    store.markExtracted(b.id, extracted({ aliases: ['https://x.org/2', 'https://x.org/1'] }), NOW);
    const items = store.listItems({});
    assert.equal(items.length, 1);
    assert.equal(items[0].id, b.id);
    assert.equal(store.listPending(10).length, 0, 'the folded item is not fetched again');
    assert.equal(store.insertDiscovered(disc('https://x.org/1', 's3'), NOW).id, b.id);
    void a;
  } finally { cleanup(); }
});

test('pending: new items and transient failures under the attempt limit', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered(disc('https://x.org/1', 's1'), NOW);
    const b = store.insertDiscovered(disc('https://x.org/2', 's1'), NOW);
    const c = store.insertDiscovered(disc('https://x.org/3', 's1'), NOW);
    store.markFailed(b.id, { kind: 'timeout', message: 'slow', retryable: true }, NOW);
    store.markFailed(c.id, { kind: 'http', message: '404', retryable: false }, NOW);
    assert.deepEqual(store.listPending(10).map((p) => p.id), [a.id, b.id]);
    assert.deepEqual(store.listPending(10)[0].source_ids, ['s1']);
    store.markFailed(b.id, { kind: 'timeout', message: 'slow', retryable: true }, NOW);
    store.markFailed(b.id, { kind: 'timeout', message: 'slow', retryable: true }, NOW);
    assert.deepEqual(store.listPending(10).map((p) => p.id), [a.id]);
    const failed = store.listItems({ state: 'failed' });
    assert.equal(failed.length, 2);
    assert.ok(failed.every((f) => f.error));
  } finally { cleanup(); }
});

test('items filter by source, state and since; relevance terms round-trip', () => {
  const { store, cleanup } = tempStore();
  try {
    const a = store.insertDiscovered({ ...disc('https://x.org/1', 's1'), published_at: '2026-11-01T00:00:00Z' }, NOW);
    store.insertDiscovered({ ...disc('https://x.org/2', 's2'), published_at: '2026-11-15T00:00:00Z' }, NOW);
    store.markExtracted(a.id, extracted({ aliases: ['https://x.org/1'], published_at: null, relevance_terms: ['Japan', 'US'] }), NOW);
    assert.equal(store.listItems({ source: 's2' }).length, 1);
    assert.equal(store.listItems({ state: 'extracted' })[0].relevance_terms.join(), 'Japan,US');
    assert.equal(store.listItems({ since: '2026-11-10T00:00:00Z' }).length, 1);
    assert.equal(store.listItems({ full: true, state: 'extracted' })[0].text, 'Body text.');
  } finally { cleanup(); }
});
