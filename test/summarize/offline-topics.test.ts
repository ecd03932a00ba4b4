import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Topic } from '../../src/domain/types.js';
import { classifyTopics } from '../../src/summarize/topics.js';
import { loadArticles, taxonomy } from './fixtures/articles.js';

const articles = loadArticles();
const topic = (id: string, keywords: string[], label = id): Topic => ({ id, label, description: '', keywords });

test('the fixture set covers every topic of the test taxonomy', () => {
  assert.ok(articles.length >= 10);
  assert.deepEqual([...new Set(articles.map((a) => a.expect))].sort(), taxonomy.map((t) => t.id).sort());
});

for (const a of articles) {
  test(`classifyTopics: ${a.file} → ${a.expect}`, () => {
    const r = classifyTopics(a.input.title, a.input.text, taxonomy);
    assert.equal(r.topics[0], a.expect, JSON.stringify(r));
    assert.ok(r.topics.length <= 2);
    assert.ok(r.topics.every((id) => taxonomy.some((t) => t.id === id)));
    assert.ok(r.confidence > 0 && r.confidence <= 1, `confidence ${r.confidence}`);
  });
}

test('title hits weigh three times a body hit', () => {
  const topics = [topic('energy', ['solar']), topic('technology', ['chips', 'robots'])];
  const r = classifyTopics('Solar deal signed', 'The firm also makes chips and robots.', topics);
  assert.equal(r.topics[0], 'energy');
  const flat = classifyTopics('Deal signed', 'The firm makes solar panels, chips and robots.', topics);
  assert.equal(flat.topics[0], 'technology');
});

test('a phrase beats a single word and a close runner-up becomes secondary', () => {
  const topics = [topic('energy', ['energy']), topic('economic-security', ['economic security'])];
  const r = classifyTopics('', 'The economic security plan also covers energy.', topics);
  assert.deepEqual(r.topics, ['economic-security', 'energy']);
});

test('a secondary needs at least half the primary score', () => {
  const topics = [topic('energy', ['solar', 'battery', 'grid']), topic('technology', ['chips'])];
  const r = classifyTopics('', 'Solar farms, battery sites and the grid; chips too.', topics);
  assert.deepEqual(r.topics, ['energy']);
  const tie = classifyTopics('', 'Solar farms and chips.', topics);
  assert.deepEqual(tie.topics, ['energy', 'technology']);
  assert.ok(tie.confidence < r.confidence, `${tie.confidence} < ${r.confidence}`);
});

test('matching is word-bounded and all-caps keywords are case-sensitive', () => {
  const topics = [topic('technology', ['AI', 'chip']), topic('energy', ['LNG', 'gas', 'oil'])];
  assert.deepEqual(classifyTopics('', 'Mai said ai in Vegas amid turmoil over chipsets.', topics), { topics: [], confidence: 0 });
  assert.deepEqual(classifyTopics('', 'AI chips and LNG', topics).topics.sort(), ['energy', 'technology']);
  assert.deepEqual(classifyTopics('', 'ai and lng', topics).topics, []);
});

test('a simple plural and hyphen/space variants match the keyword', () => {
  const topics = [topic('economy-trade', ['tariff', 'co-production'])];
  assert.deepEqual(classifyTopics('', 'New tariffs and co production plans.', topics).topics, ['economy-trade']);
});

test('the topic label and id words count as keywords', () => {
  const topics = [topic('economy-trade', [], 'Economy & Trade'), topic('energy', [], 'Energy')];
  assert.deepEqual(classifyTopics('', 'The economy grew.', topics).topics, ['economy-trade']);
  assert.deepEqual(classifyTopics('Energy', 'Nothing else.', topics).topics, ['energy']);
});

test('no keyword hit gives no topics and zero confidence', () => {
  const r = classifyTopics('Bakery opens in Kyoto', 'A new bakery sells bread and cakes near the station.', taxonomy);
  assert.deepEqual(r, { topics: [], confidence: 0 });
});

test('a clear story gets a higher confidence than a mixed one', () => {
  const clear = classifyTopics(articles[4].input.title, articles[4].input.text, taxonomy);
  const mixed = classifyTopics('Chips and solar', 'Solar panels and chips.', taxonomy);
  assert.ok(clear.confidence > mixed.confidence, `${clear.confidence} > ${mixed.confidence}`);
});

// The production taxonomy is written in parallel; when it exists and validates, the fixtures must tag right with it too.
const yamlPath = fileURLToPath(new URL('../../sources.yaml', import.meta.url));
test('fixtures get the expected primary topic with the taxonomy of sources.yaml', async (t) => {
  if (!existsSync(yamlPath)) return t.skip('sources.yaml not present');
  const { loadConfig } = await import('../../src/config/load.js');
  const real: Topic[] = loadConfig(yamlPath).topics;
  const wrong = articles
    .map((a) => ({ file: a.file, expect: a.expect, got: classifyTopics(a.input.title, a.input.text, real) }))
    .filter((r) => r.got.topics[0] !== r.expect);
  assert.deepEqual(wrong, []);
});
