import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairwise, bcubed, binary, topicScore, falseMerges, falseSplits, type Labels } from '../../eval/metrics.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);

// Gold: S1 = {a,b,c}, S2 = {d,e}, S3 = {f}. Predicted: P1 = {a,b}, P2 = {c,d}, P3 = {e,f}.
const gold: Labels = new Map([['a', 'S1'], ['b', 'S1'], ['c', 'S1'], ['d', 'S2'], ['e', 'S2'], ['f', 'S3']]);
const pred: Labels = new Map([['a', 'P1'], ['b', 'P1'], ['c', 'P2'], ['d', 'P2'], ['e', 'P3'], ['f', 'P3']]);

test('pairwise counts pairs, not members: 4 gold pairs, 3 predicted, 1 shared', () => {
  const s = pairwise(gold, pred);
  assert.deepEqual([s.tp, s.predicted, s.labelled], [1, 3, 4]);
  close(s.precision, 1 / 3);
  close(s.recall, 1 / 4);
});

test('pairwise: an element without a prediction stands alone; nothing predicted gives precision 1', () => {
  const s = pairwise(gold, new Map([['a', 'P1'], ['b', 'P1']]));
  assert.deepEqual([s.tp, s.predicted, s.labelled], [1, 1, 4]);
  const none = pairwise(gold, new Map());
  assert.deepEqual([none.precision, none.recall, none.tp], [1, 0, 0]);
});

test('B-cubed by hand: P = 4/6, R = 11/18, F1 = 396/621', () => {
  // per element (P, R): a,b (1, 2/3); c (1/2, 1/3); d (1/2, 1/2); e (1/2, 1/2); f (1/2, 1)
  const s = bcubed(gold, pred);
  close(s.precision, 4 / 6);
  close(s.recall, 11 / 18);
  close(s.f1, 396 / 621);
  const perfect = bcubed(gold, gold);
  assert.deepEqual([perfect.precision, perfect.recall, perfect.f1], [1, 1, 1]);
});

test('binary precision/recall: tp 2, fp 1, fn 1, tn 1', () => {
  const g = new Map([['1', true], ['2', true], ['3', false], ['4', false], ['5', true]]);
  const p = new Map([['1', true], ['2', false], ['3', true], ['4', false], ['5', true]]);
  const s = binary(g, p);
  assert.deepEqual([s.tp, s.fp, s.fn, s.tn], [2, 1, 1, 1]);
  close(s.precision, 2 / 3);
  close(s.recall, 2 / 3);
  const nothing = binary(g, new Map());
  assert.deepEqual([nothing.precision, nothing.recall], [1, 0]);
});

test('topics: first topic only, over gold-relevant items with a prediction; coverage and confusion', () => {
  const g = new Map([
    ['x', { relevant: true, topics: ['defense', 'diplomacy'] }],
    ['y', { relevant: true, topics: ['energy'] }],
    ['z', { relevant: true, topics: ['technology'] }],
    ['w', { relevant: false, topics: [] }],
  ]);
  const p = new Map([['x', ['defense']], ['y', ['technology', 'energy']], ['w', ['defense']]]);
  const s = topicScore(g, p);
  assert.equal(s.scored, 2);
  assert.equal(s.correct, 1);
  close(s.accuracy, 1 / 2);
  close(s.coverage, 2 / 3);
  assert.deepEqual(s.confusion, { defense: { defense: 1 }, energy: { technology: 1 }, technology: { '(none)': 1 } });
});

test('false merges and splits list the article ids, worst first', () => {
  assert.deepEqual(falseMerges(gold, pred), [
    { wrong_pairs: 1, stories: { S1: ['c'], S2: ['d'] } },
    { wrong_pairs: 1, stories: { S2: ['e'], S3: ['f'] } },
  ]);
  assert.deepEqual(falseSplits(gold, pred), [
    { story: 'S1', missed_pairs: 2, parts: [['a', 'b'], ['c']] },
    { story: 'S2', missed_pairs: 1, parts: [['d'], ['e']] },
  ]);
  // A five-member story cut 3 + 2 misses 10 - 3 - 1 = 6 pairs.
  const g5: Labels = new Map(['p', 'q', 'r', 's', 't'].map((id) => [id, 'S']));
  const p5: Labels = new Map([['p', 'A'], ['q', 'A'], ['r', 'A'], ['s', 'B'], ['t', 'B']]);
  assert.equal(falseSplits(g5, p5)[0].missed_pairs, 6);
  assert.equal(pairwise(g5, p5).tp, 4);
});
