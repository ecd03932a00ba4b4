import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysAgree, daysConflict, eventDays, eventPlaces, leadOf } from '../../src/cluster/event-facts.js';
import { storyFeatures } from '../../src/cluster/story-features.js';
import { storyScore } from '../../src/cluster/story-match.js';

const day = (iso: string): number => Math.floor(Date.parse(iso) / 86_400_000);
const iso = (d: number[]): string[] => d.map((x) => new Date(x * 86_400_000).toISOString().slice(0, 10));

test('event days: month dates, pairs, ranges, weekdays and yesterday', () => {
  const pub = day('2025-10-17T09:00:00Z'); // a Friday
  assert.deepEqual(iso(eventDays('On October 15 and 16, the dialogue was held in Nagasaki.', pub)), ['2025-10-15', '2025-10-16']);
  assert.deepEqual(iso(eventDays('The exercise runs from Oct. 14 to 17 at the range.', pub)),
    ['2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17']);
  assert.deepEqual(iso(eventDays('Talks on 3 March 2026 ended early.', pub)), ['2026-03-03']);
  // A weekday is its last and its next occurrence around publication: "met on Wednesday", "will meet on Wednesday".
  assert.deepEqual(iso(eventDays('The ministers met on Wednesday.', pub)), ['2025-10-15', '2025-10-22']);
  assert.deepEqual(iso(eventDays('Officials said yesterday that the plan stands.', pub)), ['2025-10-16']);
  assert.deepEqual(eventDays('No day is named here.', pub), []);
  assert.deepEqual(eventDays('On October 15 they met.', null), []);
});

test('days conflict only when every pair is more than a day apart; they agree on one same day', () => {
  assert.equal(daysConflict([100], [102]), true);
  assert.equal(daysConflict([100], [101]), false, 'a day of slack for time zones');
  assert.equal(daysConflict([100, 107], [107]), false);
  assert.equal(daysConflict([], [102]), false, 'an undated lead conflicts with nothing');
  assert.equal(daysAgree([100, 107], [107]), true);
  assert.equal(daysAgree([100], [101]), false);
  assert.equal(daysAgree(undefined, [101]), false);
});

test('event places: the proper noun after "in", not months or headline words', () => {
  assert.deepEqual(eventPlaces('The dialogue was held in Nagasaki on Thursday.'), ['nagasaki']);
  assert.deepEqual(eventPlaces('The minister arrived in Manila. In October, she had visited the region.'), ['manila']);
  assert.deepEqual(eventPlaces('The figures came in lower than expected.'), []);
});

test('the lead is the title and the first two sentences', () => {
  assert.equal(leadOf('Title', 'One. Two. Three.'), 'Title\nOne. Two.');
});

const item = (title: string, text: string, published_at: string, source: string) =>
  storyFeatures({ title, text, published_at, sources: [source] });

// One made-up minister, Reiko Hanazawa, in two different events three days apart.
const CALL = item('Hanazawa and U.S. envoy discuss shipping lanes by phone',
  'Trade minister Reiko Hanazawa spoke by phone on Monday with the U.S. trade envoy about shipping lanes through the Kanmon Strait, port fees and ' +
  'tariff schedules. Hanazawa said the two sides would keep talking about port fees and shipping lanes.',
  '2026-02-03T08:00:00Z', 'wire');
const VISIT = item('Hanazawa visits Washington for talks on port fees and shipping lanes',
  'Trade minister Reiko Hanazawa met the U.S. trade envoy in Washington on Thursday for talks on shipping lanes through the Kanmon ' +
  'Strait, port fees and tariff schedules. Hanazawa said the talks on port fees and shipping lanes would continue.',
  '2026-02-05T20:00:00Z', 'paper');

test('two leads that date the event to different days are different events, however alike their words', () => {
  const s = storyScore(CALL, VISIT);
  assert.equal(s.same, false);
  assert.ok(s.reasons.some((r) => r.startsWith('different days')), s.reasons.join('; '));
  // Without the dates (older records), the same words would be one story: the veto is what keeps them apart.
  const undated = storyScore({ ...CALL, event_days: [] }, { ...VISIT, event_days: [] });
  assert.equal(undated.same, true, undated.reasons.join('; '));
});

// A formal readout and a newspaper paraphrase of one inspection: they share one rare name (the port of
// Shirahama-ko) and the date, little else.
const READOUT = item('Inspection of Port Facilities by the State Minister',
  'On February 10, the State Minister for Land, Infrastructure and Transport inspected the container terminal at ' +
  'Shirahama-ko together with officials of the U.S. Maritime Administration. The State Minister received briefings ' +
  'on berth capacity, crane procurement and the schedule of the channel dredging project.',
  '2026-02-10T09:00:00Z', 'ministry');
const PAPER = item('Cranes and dredging top the agenda as officials tour a southern port',
  'Japanese and American port officials walked the quays of Shirahama-ko on February 10, looking at new cranes and a ' +
  'dredged channel that should let larger container ships call. Local shippers hope the work brings more traffic.',
  '2026-02-11T03:00:00Z', 'paper');

test('one shared rare name plus the same day of the event is one story; without the date it is not', () => {
  const s = storyScore(READOUT, PAPER);
  assert.equal(s.same, true, s.reasons.join('; '));
  assert.ok(s.reasons.includes('same day of the event'));
  const undated = storyScore({ ...READOUT, event_days: [] }, { ...PAPER, event_days: [] });
  assert.equal(undated.same, false, undated.reasons.join('; '));
});

test('the same day does not help when the leads put the event in different places', () => {
  const elsewhere = { ...PAPER, places: ['kanmon'] };
  const readout = { ...READOUT, places: ['yokohama'] };
  assert.equal(storyScore(readout, elsewhere).same, false);
});
