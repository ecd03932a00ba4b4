import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';

const file = fileURLToPath(new URL('../../sources.yaml', import.meta.url));
// Loaded once: a validation failure surfaces as a failure of every test below, with the loader's message.
const config = loadConfig(file);

test('the shipped sources.yaml validates and names the publication', () => {
  assert.equal(config.publication.name, 'US-Japan Alliance Digest');
  assert.match(config.publication.footer, /subscribe/i);
  assert.equal(config.schedule.cron, '0 6 * * *');
  assert.equal(config.schedule.timezone, 'Asia/Tokyo');
});

test('fetch.user_agent names newsdesk and carries a contact URL', () => {
  assert.match(config.fetch.user_agent, /newsdesk/);
  assert.match(config.fetch.user_agent, /\+https?:\/\//);
});

test('it has 15 to 25 sources with unique ids', () => {
  const ids = config.sources.map((s) => s.id);
  assert.ok(ids.length >= 15 && ids.length <= 25, `${ids.length} sources`);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, []);
});

test('it has the six topics in order, each with at least 20 distinct keywords', () => {
  assert.deepEqual(config.topics.map((t) => t.id),
    ['diplomacy', 'defense', 'economic-security', 'energy', 'economy-trade', 'technology']);
  assert.deepEqual(config.topics.map((t) => t.label),
    ['Diplomacy', 'Defense', 'Economic Security', 'Energy', 'Economy & Trade', 'Technology']);
  for (const t of config.topics) {
    assert.ok(t.keywords.length >= 20, `${t.id} has ${t.keywords.length} keywords`);
    assert.equal(new Set(t.keywords.map((k) => k.toLowerCase())).size, t.keywords.length, `${t.id} repeats a keyword`);
    assert.ok(t.description.length > 40, `${t.id} needs a description for the classifier`);
  }
});

test("every source's topics are known topic ids", () => {
  const known = new Set(config.topics.map((t) => t.id));
  for (const s of config.sources) {
    assert.ok(s.topics.length > 0, `${s.id} has no topics`);
    for (const t of s.topics) assert.ok(known.has(t), `${s.id} has unknown topic ${t}`);
  }
});

test('every html source has a link_selector and an include pattern', () => {
  const html = config.sources.filter((s) => s.type === 'html');
  assert.ok(html.length > 0);
  for (const s of html) {
    assert.ok(s.link_selector, `${s.id} lacks link_selector`);
    assert.ok(s.include, `${s.id} lacks include`);
  }
});

test('every source records its evidence grade, and disabled ones say why', () => {
  for (const s of config.sources) {
    assert.match(s.notes ?? '', /evidence [A-D]/, `${s.id} notes lack an evidence grade`);
    if (!s.enabled) assert.match(s.notes ?? '', /disabled because/, `${s.id} is disabled without a reason`);
  }
});

test('at least two enabled Google News search feeds are the safety net', () => {
  const gnews = config.sources.filter((s) => new URL(s.url).hostname === 'news.google.com' && s.enabled);
  assert.ok(gnews.length >= 2, `${gnews.length} Google News sources`);
  for (const s of gnews) assert.equal(s.type, 'rss');
});

test('official government and military sources are primary; none is always_relevant', () => {
  const primary = config.sources.filter((s) => s.primary).map((s) => s.id);
  for (const id of ['kantei-en', 'mofa-press-en', 'mod-en', 'meti-en', 'state-eap', 'indopacom', 'usfj', 'us-embassy-tokyo']) {
    assert.ok(primary.includes(id), `${id} should be primary`);
  }
  assert.ok(!primary.some((id) => id.startsWith('gnews-')), 'aggregator feeds are not primary');
  assert.deepEqual(config.sources.filter((s) => s.always_relevant).map((s) => s.id), []);
});

test('relevance needs a Japan term and a US term, from two different groups', () => {
  const groups = config.relevance.all_of;
  assert.equal(groups.length, 2);
  const japan = groups.findIndex((g) => g.includes('Japan'));
  const us = groups.findIndex((g) => g.includes('US'));
  assert.ok(japan >= 0, 'no group contains "Japan"');
  assert.ok(us >= 0, 'no group contains "US"');
  assert.notEqual(japan, us);
  assert.ok(groups[us].includes('United States') && groups[us].includes('U.S.'));
  // Terms that would let unrelated stories through (food diets, Syrian Democratic Forces, any party congress).
  for (const bad of ['Diet', 'SDF', 'Congress']) assert.ok(!groups.flat().includes(bad), `${bad} is too broad`);
});
