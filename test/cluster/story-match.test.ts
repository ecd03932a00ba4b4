import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storyFeatures } from '../../src/cluster/story-features.js';
import { couldBeSameStory, keyWeight, storyScore } from '../../src/cluster/story-match.js';
import { DEFAULT_STORY_CONFIG } from '../../src/cluster/story-features.js';
import { StoryIndex } from '../../src/cluster/story-index.js';
import { featuresOf, loadHardNegatives, loadItems, pairwise, runIndex } from './fixtures/stories/eval.js';

const items = loadItems();
const byId = new Map(items.map((it) => [it.id, it]));
const feats = featuresOf(items);
const full = runIndex(items, feats);

test('the readout and the wire story of one vice-ministerial call are one story (paraphrase)', () => {
  const readout = byId.get(1);
  const wire = byId.get(2);
  assert.equal(readout?.title, 'Japan-U.S. Vice-Ministerial Telephone Talk');
  assert.equal(wire?.title, "U.S., Japan vow coordination on Ukraine in deputies' call");
  assert.equal(full.index.storyOf(1), full.index.storyOf(2));
  // Also on their own, with only the built-in priors for IDF.
  const s = storyScore(feats.get(1)!, feats.get(2)!);
  assert.ok(s.same, s.reasons.join('; '));
  const two = new StoryIndex();
  two.add(1, feats.get(1)!);
  assert.equal(two.add(2, feats.get(2)!).storyId, 1);
});

test('hard negatives (same actors, different events) stay apart', () => {
  for (const h of loadHardNegatives()) {
    const sa = new Set(items.filter((it) => it.story === h.a).map((it) => full.index.storyOf(it.id)));
    const sb = items.filter((it) => it.story === h.b).map((it) => full.index.storyOf(it.id));
    assert.ok(sa.size > 0 && sb.length > 0, `fixture stories ${h.a} / ${h.b} exist`);
    assert.ok(!sb.some((s) => sa.has(s)), `${h.a} and ${h.b} were merged (${h.why})`);
  }
});

test('the full labelled set meets the regression guard: pairwise P >= 0.95, R >= 0.85', () => {
  const pr = pairwise(items, (id) => full.index.storyOf(id));
  assert.ok(pr.precision >= 0.95, `precision ${pr.precision}`);
  assert.ok(pr.recall >= 0.85, `recall ${pr.recall}`);
});

test('the labelled set is what the brief asks for', () => {
  const sizes = new Map<string, number>();
  for (const it of items) sizes.set(it.story, (sizes.get(it.story) ?? 0) + 1);
  const multi = [...sizes.values()].filter((n) => n >= 2);
  assert.ok(items.length >= 70);
  assert.ok(multi.length >= 22 && multi.every((n) => n <= 4));
  assert.ok([...sizes.values()].filter((n) => n === 1).length >= 15);
  assert.ok(loadHardNegatives().length >= 8);
  for (const it of items) {
    const words = it.text.split(/\s+/).length;
    assert.ok(words >= 80 && words <= 250, `item ${it.id} has ${words} words`);
  }
});

test('identical text outside the date window is a different story', () => {
  const text = 'Vice Foreign Minister Kenji Okabe and Deputy Secretary Margaret Ellison discussed Ukraine, Russia sanctions and a Berlin conference by telephone for 40 minutes.';
  const a = storyFeatures({ title: 'Okabe and Ellison talk', text, published_at: '2024-03-01T00:00:00Z' });
  const b = storyFeatures({ title: 'Okabe and Ellison talk', text, published_at: '2024-03-05T01:00:00Z' });
  const c = storyFeatures({ title: 'Okabe and Ellison talk', text, published_at: '2024-03-03T01:00:00Z' });
  assert.equal(storyScore(a, b).same, false);
  assert.equal(storyScore(a, c).same, true, 'a copy inside the window is the same story');
});

test('one shared famous name is not enough', () => {
  const a = storyFeatures({ title: 'Sendo visits Manila', text: 'Foreign Minister Haruka Sendo met Philippine officials in Manila about coast guard ships and a yen loan for Luzon ports, with the United States and Japan pledging support.', published_at: '2024-05-01T00:00:00Z' });
  const b = storyFeatures({ title: 'Sendo speaks on Gaza', text: 'Foreign Minister Haruka Sendo told the Diet in Tokyo that Japan would fund food aid for Gaza through UNRWA, after talks with the United States and Egypt.', published_at: '2024-05-02T00:00:00Z' });
  const s = storyScore(a, b);
  assert.equal(s.same, false, s.reasons.join('; '));
});

test('the cheap pre-check never rules out a pair the full score would join, and does rule some out', () => {
  let ruledOut = 0;
  for (const a of items) {
    for (const b of items) {
      if (a.id >= b.id) continue;
      const fa = feats.get(a.id)!;
      const fb = feats.get(b.id)!;
      const could = couldBeSameStory(fa, fb);
      if (!could) ruledOut++;
      if (storyScore(fa, fb).same) assert.ok(could, `${a.id} and ${b.id} are one story but the pre-check ruled them out`);
    }
  }
  assert.ok(ruledOut > 0);
});

test('a key spelled like an Object.prototype property gets a weight, not NaN', () => {
  for (const key of ['constructor', 'w:constructor', 't:tostring', 'hasownproperty']) {
    const x = keyWeight(key, DEFAULT_STORY_CONFIG, () => 3, 100);
    assert.ok(Number.isFinite(x) && x > 0, `${key}: ${x}`);
  }
});
