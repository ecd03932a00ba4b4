// Regression floors on the hand-labelled furniture pages (test/extract/fixtures/furniture/), scored with the
// extraction benchmark's metric. Measured when the rules were written: tune F1 0.994 P 0.990, hold-out
// F1 1.000 P 1.000 (before the rules: tune 0.926 / 0.900, hold-out 0.970 / 0.949). Floors sit a few points under.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricAvailable, scorePart } from './furniture-score.js';

const skip = !metricAvailable && 'shared/eval/extraction/metric.mjs not found beside the repo';

for (const [part, floor] of [['tune', { f1: 0.96, precision: 0.96 }], ['holdout', { f1: 0.975, precision: 0.97 }]] as const) {
  test(`furniture pages (${part}): F1 ≥ ${floor.f1} and precision ≥ ${floor.precision}`, { skip }, async () => {
    const r = await scorePart(part);
    assert.ok(r.pages.length >= (part === 'tune' ? 20 : 10), `only ${r.pages.length} pages`);
    const worst = [...r.pages].sort((a, b) => a.p - b.p).slice(0, 3).map((p) => `${p.name} P ${p.p.toFixed(3)} R ${p.r.toFixed(3)}`).join(', ');
    assert.ok(r.f1 >= floor.f1, `F1 ${r.f1.toFixed(3)}; worst: ${worst}`);
    assert.ok(r.precision >= floor.precision, `precision ${r.precision.toFixed(3)}; worst: ${worst}`);
  });
}
