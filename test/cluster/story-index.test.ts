import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STORY_CONFIG, storyFeatures, type StoryFeatures } from '../../src/cluster/story-features.js';
import { StoryIndex } from '../../src/cluster/story-index.js';
import { storyScore } from '../../src/cluster/story-match.js';
import { synthItems } from './fixtures/stories/synth.js';

const cfg = DEFAULT_STORY_CONFIG;
// The most the lookup may return: a capped read per band bucket and per blocking key.
const CAP = cfg.bands * cfg.bucket_cap + cfg.max_keys * cfg.key_cap;

test('with 5,000 unrelated items stored, each add scores a bounded number of candidates', () => {
  const index = new StoryIndex(cfg);
  // 5,000 single-item events over 40 days: the busiest realistic density, common entities everywhere.
  const background = synthItems(5000, 3, 40).map((it, i) => ({ ...it, id: i + 1 }));
  for (const it of background) index.add(it.id, storyFeatures(it));
  const probes = synthItems(200, 99, 40);
  let max = 0;
  let sum = 0;
  for (const [i, it] of probes.entries()) {
    const r = index.add(100_000 + i, storyFeatures(it));
    max = Math.max(max, r.candidatesScored);
    sum += r.candidatesScored;
  }
  assert.ok(max <= CAP, `max candidates ${max} > cap ${CAP}`);
  assert.ok(sum / probes.length < 60, `mean candidates ${sum / probes.length}`);
});

test('a key shared by thousands of same-day items is capped or skipped, never scanned', () => {
  const index = new StoryIndex(cfg);
  // 1,500 different events on one day that all name the same minister.
  const events = synthItems(1500, 5, 1).map((it, i) => ({ ...it, id: i, text: `Foreign Minister Haruka Sendo attended. ${it.text}`, published_at: '2024-06-01T00:00:00Z' }));
  for (const it of events) index.add(it.id, storyFeatures(it));
  assert.ok(index.docFreq('haruka sendo') >= 1500);
  const copy = events[7];
  const r = index.add(5000, storyFeatures(copy));
  assert.ok(r.candidatesScored <= CAP, `scored ${r.candidatesScored}`);
  assert.equal(r.storyId, index.storyOf(7), 'the exact copy is still found through its own buckets');
});

test('items join the best match; ids are checked', () => {
  const index = new StoryIndex(cfg);
  const f = (title: string, text: string, day: string): StoryFeatures => storyFeatures({ title, text, published_at: `2024-10-${day}T00:00:00Z` });
  const drillA = 'Marines and Ground Self-Defense Force troops began Iron Cypress at Yausubetsu in Hokkaido, firing HIMARS rockets with the Type 12 missile units of Japan and the United States; about 3,100 personnel take part.';
  const drillB = 'Australian and Japanese soldiers began Southern Kestrel at Shoalwater Bay in Queensland, with amphibious landings watched by United States Marines from Darwin; about 1,500 personnel take part.';
  assert.equal(index.add(1, f('Iron Cypress begins', drillA, '14')).storyId, 1);
  assert.equal(index.add(2, f('Southern Kestrel begins', drillB, '15')).storyId, 2);
  assert.equal(index.add(3, f('Rockets over Yausubetsu', drillA.replace('began', 'opened'), '15')).storyId, 1);
  assert.equal(index.storyOf(3), 1);
  assert.equal(index.storyOf(42), -1);
  assert.deepEqual([...index.storyMembers()], [[1, [1, 3]], [2, [2]]]);
  assert.throws(() => index.add(1, f('again', drillA, '14')), /already added/);
  assert.ok(index.docFreq('yausubetsu') >= 2);
});

test('an item that matches two stories joins one of them and never merges them', () => {
  const day = '2025-02-12T00:00:00Z';
  const a = storyFeatures({ title: 'Kitaura Energy signs Louisiana LNG deal', published_at: day,
    text: 'Kitaura Energy agreed to buy 1.5 million tonnes a year of LNG from Bayou Pass LNG in Louisiana for 20 years. Kitaura Energy said Bayou Pass cargoes will reach Japan from 2029, as the United States presses for more purchases.' });
  const b = storyFeatures({ title: 'Setouchi Gas buys into Denali Gasline', published_at: day,
    text: 'Setouchi Gas will take a 10 percent stake in the Denali Gasline project in Alaska and buy 1 million tonnes a year of LNG from it. Setouchi Gas said Denali Gasline cargoes reach Japan in eight days, and United States officials welcomed the deal.' });
  const roundup = storyFeatures({ title: 'Kitaura and Setouchi sign U.S. gas deals', published_at: day,
    text: 'Kitaura Energy agreed to buy 1.5 million tonnes a year from Bayou Pass LNG in Louisiana, while Setouchi Gas took a 10 percent stake in the Denali Gasline project in Alaska and will buy 1 million tonnes a year. Both Kitaura Energy and Setouchi Gas said the Bayou Pass and Denali Gasline cargoes diversify supply for Japan away from the Gulf, as the United States wants.' });
  assert.ok(storyScore(roundup, a).same && storyScore(roundup, b).same, 'the roundup matches both deals');
  assert.equal(storyScore(a, b).same, false, 'the two deals are different stories');
  const index = new StoryIndex(cfg);
  index.add(1, a);
  index.add(2, b);
  const r = index.add(3, roundup);
  assert.ok(r.storyId === 1 || r.storyId === 2);
  assert.notEqual(index.storyOf(1), index.storyOf(2));
});

test('an item without a date is compared within the window of the latest stored day', () => {
  const index = new StoryIndex(cfg);
  const text = 'Setouchi Gas will take a 10 percent stake in the Denali Gasline project in Alaska and buy up to 1 million tonnes of LNG a year from it, Japan and United States officials said.';
  index.add(1, storyFeatures({ title: 'Setouchi Gas buys into Denali Gasline', text, published_at: '2025-02-12T00:00:00Z' }));
  const r = index.add(2, storyFeatures({ title: 'Setouchi stake in Denali Gasline', text, published_at: null }));
  assert.equal(r.storyId, 1);
});
