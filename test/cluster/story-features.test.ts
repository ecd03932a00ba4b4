import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_STORY_CONFIG, dfKeys, storyFeatures } from '../../src/cluster/story-features.js';
import { namedEntities, numbers } from '../../src/cluster/story-text.js';

const item = (title: string, text: string, published_at: string | null = '2024-03-12T09:00:00Z') => ({ title, text, published_at });

test('entities are normalised: U.S., possessives, demonyms, case, titles dropped', () => {
  const e = namedEntities("The U.S. Deputy Secretary of State Margaret Ellison met Japan's Vice-Minister Kenji Okabe. Japanese officials and American diplomats talked about Ukraine's grid.");
  for (const want of ['united states', 'japan', 'margaret ellison', 'ellison', 'kenji okabe', 'okabe', 'ukraine']) assert.ok(e.has(want), `missing ${want} in ${[...e.keys()]}`);
  for (const unwanted of ['deputy', 'secretary', 'state', "japan's", 'vice', 'minister', 'the']) assert.ok(!e.has(unwanted), `unexpected ${unwanted}`);
});

test('names come from the part-of-speech model: capitalised verbs and emphasis are not names', () => {
  // Capital letters alone would read "Would Respond" as a name; the tagger knows they are verbs.
  const e = namedEntities('Asked about Tariffs, Motegi said Japan Would Respond at Nippon Steel in Pittsburgh on Monday.');
  for (const want of ['motegi', 'japan', 'nippon steel', 'pittsburgh']) assert.ok(e.has(want), `missing ${want} in ${[...e.keys()]}`);
  for (const unwanted of ['would respond', 'respond', 'monday']) assert.ok(!e.has(unwanted), `unexpected ${unwanted} in ${[...e.keys()]}`);
});

test('a Japanese readout name in family-name-first capitals meets the wire spelling', () => {
  const readout = namedEntities('Mr. OKABE Kenji, Vice-Minister for Foreign Affairs, held a telephone talk.');
  const wire = namedEntities('Vice Foreign Minister Kenji Okabe spoke by phone.');
  assert.ok(readout.has('kenji okabe') && wire.has('kenji okabe'));
});

test('aliases join spellings of one organisation or place, hyphenated names split', () => {
  const e = namedEntities('The Bank of Japan and the Federal Reserve watched Kyiv. The Hale-Kanzaki talks covered U.S. Forces Japan and the Indo-Pacific Command.');
  for (const want of ['boj', 'fed', 'ukraine', 'hale', 'kanzaki', 'usfj', 'indopacom']) assert.ok(e.has(want), `missing ${want} in ${[...e.keys()]}`);
  assert.ok(!e.has('hale kanzaki'));
});

test('a capitalised word that only opens sentences is not a name', () => {
  const e = namedEntities('Officials said the plan is ready. Critics disagreed. Okabe said nothing.');
  assert.ok(!e.has('officials') && !e.has('critics'));
  assert.ok(!e.has('okabe'), 'a lone sentence-initial word needs a second, mid-sentence capitalisation');
  assert.ok(namedEntities('Okabe said nothing. Later, Okabe left.').has('okabe'));
});

test('numbers: scales, separators, percents and years normalise; dates and small counts do not count', () => {
  assert.deepEqual(numbers('a $1.5 billion deal').sort(), ['1500000000']);
  assert.deepEqual(numbers('worth 1,500 million dollars'), ['1500000000']);
  assert.deepEqual(numbers('up 12 percent, or 12%').sort(), ['12%']);
  assert.deepEqual(numbers('by fiscal 2027'), ['y2027']);
  assert.deepEqual(numbers('On March 12, two ships and 3 planes'), []);
  assert.deepEqual(numbers('SM-3 interceptors'), []);
});

test('storyFeatures: shapes, day, blocking keys, determinism', () => {
  const f = storyFeatures(item('Japan, U.S. sign $2 billion LNG deal', 'Kitaura Energy signed a 20-year deal with Bayou Pass LNG in Louisiana worth $2 billion. Kitaura Energy said Bayou Pass will ship 1.5 million tonnes a year to Japan and the United States welcomed it.'));
  assert.equal(f.minhash.length, DEFAULT_STORY_CONFIG.minhash_perms);
  assert.equal(f.bands.length, DEFAULT_STORY_CONFIG.bands);
  assert.match(f.bands[3], /^b3:[0-9a-f]{8}$/);
  assert.equal(f.day, Math.floor(Date.parse('2024-03-12T09:00:00Z') / 86_400_000));
  assert.ok(f.entities.includes('kitaura energy') || f.entities.includes('kitaura'));
  assert.ok(f.numbers.includes('2000000000') && f.numbers.includes('1500000'));
  assert.ok(f.keys.length > 0 && f.keys.length <= DEFAULT_STORY_CONFIG.max_keys);
  assert.ok(!f.keys.includes('japan') && !f.keys.includes('united states'), 'common entities are never blocking keys');
  assert.ok(f.title_terms.includes('lng'));
  assert.ok(dfKeys(f).includes('#2000000000') && dfKeys(f).includes('t:lng'));
  assert.deepEqual(storyFeatures(item('Japan, U.S. sign $2 billion LNG deal', 'Kitaura Energy signed a 20-year deal with Bayou Pass LNG in Louisiana worth $2 billion. Kitaura Energy said Bayou Pass will ship 1.5 million tonnes a year to Japan and the United States welcomed it.')), f);
});

test('storyFeatures: a missing or bad date gives a null day', () => {
  assert.equal(storyFeatures(item('t', 'Some text about Okabe and Ellison.', null)).day, null);
  assert.equal(storyFeatures(item('t', 'Some text about Okabe and Ellison.', 'not a date')).day, null);
});
