import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjust, emptyModel, featuresOf, learn, weight } from '../../src/learn/model.js';
import { measureLearning } from '../../eval/learning.js';

const wrap = (i: number) => featuresOf({ title: `Nikkei ends higher as traders weigh yen ${i}`, text: 'Shares in Tokyo closed higher after trading in the United States.', sources: ['markets'], terms: ['Tokyo', 'United States'] });
const alliance = (i: number) => featuresOf({ title: `Japan and United States agree defence cooperation ${i}`, text: 'Ministers from Japan and the United States agreed in Tokyo.', sources: ['wire'], terms: ['Japan', 'United States'] });

test('the model learns from decisions: rejected features lower a score, kept ones do not', () => {
  const m = emptyModel();
  assert.equal(adjust(m, 0.6, wrap(0)), null, 'nothing learned, nothing moves');
  for (let i = 0; i < 10; i++) { learn(m, wrap(i), 0); learn(m, alliance(i), 1); }
  assert.ok(weight(m, 'w:nikkei') < -1, 'a word only in rejects leans negative');
  assert.ok(weight(m, 'w:defence') > 1);
  assert.ok(Math.abs(weight(m, 'term:united states')) < 0.2, 'a term both kinds share stays near 0');
  const a = adjust(m, 0.6, wrap(99))!;
  assert.ok(a.score <= 0.6 * 0.7, `rejected kind drops ≥30% (got ${a.score})`);
  assert.equal(a.rule_score, 0.6);
  assert.ok(a.moved_by[0].weight < 0);
  assert.ok(adjust(m, 0.6, alliance(99))!.score >= 0.6, 'kept kind does not drop');
});

test('eval: the learning check passes on its synthetic items', async () => {
  const l = await measureLearning();
  assert.ok(l.rejected_kind.drop >= 0.3, JSON.stringify(l));
  assert.equal(l.rejected_kind.below_threshold_before, 0);
  assert.equal(l.rejected_kind.below_threshold_after, 10);
  assert.ok(l.kept_kind.drop <= 0);
  assert.equal(l.pass, true);
});
