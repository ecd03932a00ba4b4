import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storyFeatures } from '../../src/cluster/index.js';
import { storyScore } from '../../src/cluster/story-match.js';
import { meetingRounds } from '../../src/cluster/story-text.js';

// Two reports of one template: the ministry writes each round's readout from the last one's.
const readout = (round: string, day: string) => ({
  title: `The ${round} Round of the Japan-Marrowfield Tariff Consultations`,
  text: `On ${day}, the ${round} round of the Japan-Marrowfield tariff consultations was held in Lindqvist Hall. ` +
    'Director-General Orsolya Tamsin of the Trade Policy Bureau and Assistant Representative Kwabena Hollis led the ' +
    'delegations. The two sides reviewed tariff schedules for auto parts, processed grains and medical devices, and ' +
    'agreed to keep working toward an early conclusion of the arrangement worth 4.2 billion dollars.',
  published_at: '2026-05-12T09:00:00Z',
});

test('meetingRounds reads the numbered meeting an item reports', () => {
  assert.deepEqual(meetingRounds('The third round of talks ended on Friday.'), ['3']);
  assert.deepEqual(meetingRounds('their 4th ministerial economic meeting'), ['4']);
  assert.deepEqual(meetingRounds('The two ministers met in Oslo.'), []);
  assert.deepEqual(meetingRounds('He was the first to arrive.'), []);
});

test('two rounds of the same talks are not one story, however alike their words', () => {
  const third = storyFeatures(readout('third', 'May 11'));
  const fourth = storyFeatures({ ...readout('fourth', 'May 12') });
  const s = storyScore(third, fourth);
  assert.equal(s.same, false);
  assert.ok(s.reasons.some((r) => r.startsWith('different rounds 3 vs 4')), s.reasons.join('; '));
  assert.equal(s.views?.veto, 1);
});

test('the same round reported twice still joins', () => {
  const a = storyFeatures(readout('third', 'May 11'));
  const b = storyFeatures({ ...readout('third', 'May 11'), title: 'Third round of Japan-Marrowfield tariff talks held' });
  assert.equal(storyScore(a, b).same, true);
});
