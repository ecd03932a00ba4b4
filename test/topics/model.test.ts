import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Topic } from '../../src/domain/types.js';
import { classifyTopics, setTopicModel } from '../../src/summarize/topics.js';
import { TopicModel, type TopicExample } from '../../src/topics/model.js';
import { loadTopicModel, defaultTopicModel, activeTopicModel } from '../../src/topics/load.js';

const topic = (id: string, keywords: string[]): Topic => ({ id, label: id, description: '', keywords });
// A tiny taxonomy whose keywords say little, so the examples must teach the model.
const taxonomy = [topic('farming', ['harvest']), topic('shipping', ['port']), topic('space', ['rocket'])];
const ids = taxonomy.map((t) => t.id);
// Light smoothing suits six examples (the committed model's smoothing is set by cross-validation on tune).
const P = { minEvidence: 0, alpha: 0.005 };

const examples: TopicExample[] = [
  { title: 'Rice growers expect a thin crop', text: 'Growers in the valley say paddies dried early and tractors sat idle in the fields.', topics: ['farming'] },
  { title: 'Dairy co-op buys new tractors', text: 'The co-op said fields and paddies need more tractors before the growers plant.', topics: ['farming'] },
  { title: 'Container lines add a route', text: 'Freighters will call at the terminal twice a week, and container rates fell.', topics: ['shipping'] },
  { title: 'Freighters queue off the terminal', text: 'Container freighters waited at anchor while cranes at the terminal were repaired.', topics: ['shipping', 'farming'] },
  { title: 'Lander reaches lunar orbit', text: 'The lander fired its engine and the orbit was confirmed by mission control.', topics: ['space'] },
  { title: 'Mission control tests a lunar lander', text: 'Engineers at mission control ran the lander engine for the lunar orbit trial.', topics: ['space'] },
];

test('a trained model ranks unseen articles by the words of its examples, first topic leading', () => {
  const m = TopicModel.train(ids, examples, P);
  assert.equal(m.examples, 6);
  const r = m.rank('Growers fear for paddies', 'Tractors and fields across the valley were dry this spring.');
  assert.equal(r[0].id, 'farming');
  assert.equal(r.length, 3);
  assert.ok(Math.abs(r.reduce((a, x) => a + x.probability, 0) - 1) < 1e-9);
  const c = classifyTopics('Freighters wait at the terminal', 'Container cranes were slow and freighters waited.', taxonomy, m);
  assert.equal(c.topics[0], 'shipping');
  assert.ok(c.confidence > 0 && c.confidence <= 1);
});

test('keywords act as the prior: they decide where the examples are silent', () => {
  const m = TopicModel.train(ids, examples, P);
  // "rocket" is a space keyword and no example uses it; the text has no learnt words at all.
  assert.equal(classifyTopics('A rocket is rolled out', 'It is tall.', taxonomy, m).topics[0], 'space');
  // No keyword and no learnt word: no topic is invented.
  assert.deepEqual(classifyTopics('A bakery opens', 'It sells bread.', taxonomy, m), { topics: [], confidence: 0 });
});

test('with no model, an empty model or null, classifyTopics is the keyword tagger exactly', () => {
  const title = 'Harvest festival at the port';
  const text = 'The harvest came in early and the port held a fair; the harvest queen opened it.';
  const plain = classifyTopics(title, text, taxonomy, null);
  assert.deepEqual(plain.topics, ['farming', 'shipping']);
  assert.deepEqual(classifyTopics(title, text, taxonomy), plain);
  assert.deepEqual(classifyTopics(title, text, taxonomy, new TopicModel(ids)), plain);
});

test('a model for another taxonomy is ignored (keyword-only, no crash), in classifyTopics and when loading', () => {
  const other = TopicModel.train(['farming', 'shipping', 'weather'], examples.map((e) => ({ ...e, topics: e.topics.map((t) => (t === 'space' ? 'weather' : t)) })), P);
  const args = ['Lander fires engine near lunar orbit', 'Mission control said the lander engine worked.'] as const;
  assert.deepEqual(classifyTopics(...args, taxonomy, other), classifyTopics(...args, taxonomy, null));
  assert.deepEqual(classifyTopics(...args, taxonomy, other), { topics: [], confidence: 0 });
  const dir = mkdtempSync(path.join(tmpdir(), 'topic-model-'));
  try {
    const file = path.join(dir, 'm.json');
    writeFileSync(file, JSON.stringify(other.toJSON()));
    assert.equal(loadTopicModel(file, ids), null);
    assert.ok(loadTopicModel(file, ['weather', 'shipping', 'farming']));
    writeFileSync(file, '{"format": "something else"');
    assert.equal(loadTopicModel(file, ids), null);
    assert.equal(loadTopicModel(path.join(dir, 'missing.json'), ids), null);
    assert.equal(defaultTopicModel(taxonomy, path.join(dir, 'missing.json')), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('toJSON/fromJSON round trip keeps the ranking and prunes features seen once', () => {
  const m = TopicModel.train(ids, examples, { ...P, minDocs: 2 });
  const json = JSON.parse(JSON.stringify(m.toJSON()));
  assert.ok('tractors' in json.features && 'lander' in json.features);
  assert.ok(!('dairy' in json.features), 'a word of one example is pruned');
  const back = TopicModel.fromJSON(json);
  assert.deepEqual(back.topics, ids);
  assert.equal(back.examples, 6);
  const probe = ['Lunar lander at the terminal', 'Freighters, tractors and mission control engineers.'] as const;
  const a = TopicModel.fromJSON(m.toJSON()).rank(...probe).map((r) => r.id);
  assert.deepEqual(back.rank(...probe).map((r) => r.id), a);
  assert.deepEqual(back.toJSON(), json);
  assert.throws(() => TopicModel.fromJSON({ format: 'newsdesk-topic-model', version: 2, topics: [] }), /format\/version/);
});

test('addExample (an editor re-tag) shifts the ranking towards the new label', () => {
  const m = TopicModel.train(ids, examples, P);
  const probe = ['Drones inspect the orchard by the terminal', 'Drones flew over the orchard and the terminal to count apples.'] as const;
  const before = m.rank(...probe);
  assert.equal(before[0].id, 'shipping', JSON.stringify(before));
  const farmBefore = before.find((r) => r.id === 'farming')!.probability;
  assert.ok(m.addExample({ title: 'Drones count apples in an orchard', text: 'Orchard drones counted apples.', topics: ['farming'] }));
  assert.equal(m.examples, 7);
  const after = m.rank(...probe);
  assert.ok(after.find((r) => r.id === 'farming')!.probability > farmBefore + 0.1, JSON.stringify({ before, after }));
  assert.equal(after[0].id, 'farming');
  assert.equal(m.addExample({ title: 'x', text: 'y', topics: ['unknown-topic'] }), false);
  assert.equal(m.examples, 7);
});

test('setTopicModel supplies a module-level model to callers that pass none', () => {
  const m = TopicModel.train(ids, examples, P);
  const args = ['Tractors in the paddies', 'Growers drove tractors.'] as const;
  try {
    setTopicModel(m);
    assert.equal(classifyTopics(...args, taxonomy).topics[0], 'farming');
    assert.equal(activeTopicModel(taxonomy), m, 'the offline summarizer prefers the model set here');
    assert.notEqual(activeTopicModel([...taxonomy, topic('weather', ['rain'])]), m, 'but not for another taxonomy');
  } finally {
    setTopicModel(null);
  }
  assert.deepEqual(classifyTopics(...args, taxonomy), { topics: [], confidence: 0 });
});

test('ranking takes well under 0.5 ms per article', () => {
  const m = TopicModel.train(ids, examples);
  // About 2,000 characters, longer than the tune articles' mean of ~1,200.
  const text = Array.from({ length: 24 }, (_, i) => `Growers and freighters met at terminal ${i} about tractors and a lunar lander.`).join(' ');
  for (let i = 0; i < 50; i++) m.rank('Warm-up', text);
  // Best of five batches, so a busy machine does not fail the test.
  let best = Infinity;
  for (let b = 0; b < 5; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) m.rank('Growers and freighters meet', text);
    best = Math.min(best, (performance.now() - t0) / 100);
  }
  assert.ok(best < 0.5, `${best.toFixed(3)} ms per article`);
});
