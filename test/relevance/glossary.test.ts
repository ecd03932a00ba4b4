import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules, scoreRelevance } from '../../src/relevance/index.js';
import { parseConfig } from '../../src/config/load.js';

const all_of = [
  ['Japan', 'Japanese', 'Tokyo'],
  ['United States', 'U.S.', 'US', 'American', 'Washington'],
];
const glossary = [
  { name: 'Toshimitsu Motegi', side: 1, aliases: ['Motegi'] },
  { name: 'Ryosei Akazawa', side: 1, aliases: ['Akazawa'] },
  { name: 'Marco Rubio', side: 2, aliases: ['Rubio'] },
  { name: 'Jamieson Greer', side: 2, aliases: ['Greer'] },
];
const rules = compileRules({ all_of, glossary, third_parties: ['Australia', 'Australian', 'Qatar', 'Doha'] });

test('officials alone evidence a side: Rubio with a Japanese minister is relevant, explained per actor', () => {
  const r = scoreRelevance(rules, 'Rubio and Motegi discuss shipbuilding',
    'Secretary Rubio hosted Foreign Minister Motegi for talks on shipyards in Tokyo.\n\nRubio said the two allies would meet again in spring.');
  assert.equal(r.relevant, true, JSON.stringify(r));
  assert.ok(r.terms.includes('Marco Rubio → United States'), r.terms.join('|'));
  assert.ok(r.terms.includes('Toshimitsu Motegi → Japan'), r.terms.join('|'));
  assert.ok(r.terms.some((t) => t.startsWith('co-occurrence:')), r.terms.join('|'));
});

test('"the two allies" with named negotiators is relevant although the US side is never named', () => {
  const r = scoreRelevance(rules, 'Akazawa and Greer close in on tariff text',
    'Negotiators for the two allies worked late in Tokyo on the tariff annex.\n\nAkazawa told reporters that Greer had accepted the schedule for autos.');
  assert.equal(r.relevant, true, JSON.stringify(r));
  assert.ok(r.score >= 0.5, `score ${r.score}`);
});

test('a third-country deal that mentions the US once in passing is not relevant', () => {
  const title = 'Australia picks Japanese frigate design in large naval contract';
  const text = [
    'Australia will buy upgraded frigates based on a Japanese design, its defence minister said in Canberra on Tuesday.',
    'The Australian navy expects the first ship within five years. Australian shipyards will build most of the later hulls.',
    'Officials in Australia said the choice followed two years of trials against a German bid.',
    'The ships will carry missiles also used by U.S. forces, an analyst noted.',
    'Australia plans to retire its older ships by the end of the decade.',
  ].join('\n\n');
  const r = scoreRelevance(rules, title, text);
  assert.equal(r.relevant, false, JSON.stringify(r));
  assert.ok(r.terms.some((t) => t.startsWith('third party outweighs')), r.terms.join('|'));
});

test('min_score decides: the same passing-mention article passes at 0 and fails at 0.9', () => {
  const title = 'Japanese trader signs LNG supply deal with Qatar';
  const text = 'A Japanese trading house agreed a long supply deal in Doha.\n\nPrices were set against an American benchmark.';
  const low = scoreRelevance(compileRules({ all_of, glossary, min_score: 0 }), title, text);
  const high = scoreRelevance(compileRules({ all_of, glossary, min_score: 0.9 }), title, text);
  assert.equal(low.score, high.score);
  assert.equal(low.relevant, true);
  assert.equal(high.relevant, false);
});

test('without a glossary all_of/none_of behave as before (score 0.5 for one hit per group)', () => {
  const r = scoreRelevance(compileRules({ all_of }), 'Budget news', 'Japan and the United States met.');
  assert.equal(r.relevant, true);
  assert.equal(r.score, 0.5);
  assert.deepEqual(r.terms, ['Japan', 'United States']);
  // min_score applies to the old score too when it is set
  assert.equal(scoreRelevance(compileRules({ all_of, min_score: 0.6 }), 'Budget news', 'Japan and the United States met.').relevant, false);
});

test('none_of still vetoes in glossary mode and is reported with "-"', () => {
  const r = scoreRelevance(compileRules({ all_of, glossary, none_of: ['baseball'] }), 'Rubio and Motegi at baseball game',
    'Rubio and Motegi watched baseball in Tokyo with the U.S. ambassador.');
  assert.equal(r.relevant, false);
  assert.ok(r.terms.includes('-baseball'));
  assert.ok(r.terms.includes('Marco Rubio → United States'), r.terms.join('|'));
});

const yaml = (rel: string) => `
publication:
  name: X
relevance:
  all_of: [[Japan], [United States]]
${rel}
sources:
  - { id: a, type: rss, url: "https://example.com/feed.xml" }
`;

test('glossary schema: unknown keys, sides out of range and bad min_score are clear errors', () => {
  assert.throws(() => parseConfig(yaml('  glossary:\n    - { name: Rubio, side: 2, alias: [x] }')), /unknown key "alias"/);
  assert.throws(() => parseConfig(yaml('  glossary:\n    - { name: Rubio, side: 3 }')), /all_of has only 2 group/);
  assert.throws(() => parseConfig(yaml('  glossary:\n    - { name: Rubio, side: 0 }')), /must be 1 or more/);
  assert.throws(() => parseConfig(yaml('  min_score: 1.5')), /between 0 and 1/);
  const ok = parseConfig(yaml('  min_score: 0.4\n  glossary:\n    - { name: Marco Rubio, side: 2, aliases: [Rubio] }'));
  assert.equal(ok.relevance.glossary?.[0].aliases[0], 'Rubio');
  assert.equal(ok.relevance.min_score, 0.4);
});

test('places evidence their side at half weight: a Kumamoto plant of a Texas firm counts, two city names alone weigh less', () => {
  const placed = compileRules({ all_of, glossary, places: [['Kumamoto', 'Fukuoka'], ['Texas', 'Seattle']] });
  const title = 'Texas chipmaker opens Kumamoto plant with Japanese subsidy';
  const text = 'A Texas chip company opened its first plant in Kumamoto on Monday, backed by a Japanese subsidy.\n\n' +
    'The Texas firm said the Kumamoto site would supply carmakers across the region.';
  const r = scoreRelevance(placed, title, text);
  assert.equal(r.relevant, true, JSON.stringify(r));
  assert.ok(r.terms.includes('Texas (place) → United States'), r.terms.join('|'));
  // Without the places the US side is never evidenced, so the item is set aside: the places are what keep it.
  assert.equal(scoreRelevance(rules, title, text).relevant, false);
  // Half weight: the same article scores lower with its places than with the country named instead.
  const named = scoreRelevance(placed, title.replace('Texas', 'American'), text.replaceAll('Texas', 'American'));
  assert.ok(named.score > r.score, `country ${named.score} vs place ${r.score}`);
});

test('places lists longer than all_of are a config error that says what the lists mean', () => {
  assert.throws(() => parseConfig(`relevance:\n  all_of: [[Japan], [U.S.]]\n  places: [[Kyoto], [Texas], [Paris]]\n  glossary: [{name: Motegi, side: 1}]\nsources: []\n`),
    /places.*all_of group/s);
});
