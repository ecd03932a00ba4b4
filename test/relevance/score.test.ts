import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules, scoreRelevance, compileTerms, isAllCaps } from '../../src/relevance/index.js';

const rules = compileRules({
  all_of: [
    ['Japan', 'Japanese', 'Tokyo', 'Okinawa'],
    ['United States', 'U.S.', 'US', 'American', 'Washington', 'Pentagon'],
  ],
});

test('all-caps terms match case-sensitively so the pronoun "us" is not the United States', () => {
  const r = scoreRelevance(rules, 'Tokyo tells us about trains', 'Join us in Japan for the spring festival.');
  assert.equal(r.relevant, false);
  assert.deepEqual(r.terms, ['Tokyo', 'Japan']);
  const r2 = scoreRelevance(rules, 'US and Japan sign accord', 'The deal was signed in Tokyo.');
  assert.equal(r2.relevant, true);
  assert.ok(r2.terms.includes('US'));
});

test('terms are word-bounded: Japan does not match inside Japanese, US not inside USB', () => {
  const m = compileTerms(['Japan', 'US']);
  assert.deepEqual(m.find('Japanese USB drives'), []);
  assert.deepEqual(m.find('japan-US ties'), ['Japan', 'US']);
});

test('dotted and multi-word terms match across line breaks and case', () => {
  const m = compileTerms(['U.S.', 'United States']);
  assert.deepEqual(m.find('the U.S. and the united\nstates'), ['U.S.', 'United States']);
  assert.deepEqual(m.find('US.'), []);
});

test('score grows with hits and title hits count double', () => {
  const one = scoreRelevance(rules, 'Budget news', 'Japan and the United States met.');
  const more = scoreRelevance(rules, 'Japan and US leaders meet in Washington', 'Japan and the United States met in Tokyo.');
  assert.equal(one.relevant, true);
  assert.equal(one.score, 0.5);
  assert.ok(more.score > 0.9, `score ${more.score}`);
});

test('none_of vetoes an item and records the term', () => {
  const r = scoreRelevance(compileRules({ all_of: [['Japan']], none_of: ['sumo'] }), 'Japan sumo results', '');
  assert.equal(r.relevant, false);
  assert.ok(r.terms.includes('-sumo'));
});

test('no rules: everything is relevant', () => {
  assert.equal(scoreRelevance(compileRules({ all_of: [] }), 'x', 'y').relevant, true);
});

test('isAllCaps', () => {
  assert.equal(isAllCaps('US'), true);
  assert.equal(isAllCaps('U.S.'), true);
  assert.equal(isAllCaps('Japan'), false);
  assert.equal(isAllCaps('A'), false);
});
