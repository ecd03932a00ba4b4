// The labelled draft set (test/summarize/fixtures/drafts: tune.json, and holdout.json written before any
// tuning): every offline draft must meet the digest's rules as draftChecks measures them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { SummaryInput } from '../../src/domain/types.js';
import { summarizeOffline } from '../../src/summarize/offline/index.js';
import { draftChecks, draftFigures } from '../../src/summarize/offline/draft-checks.js';
import { cleanTitle } from '../../src/summarize/headline.js';
import { taxonomy } from './fixtures/articles.js';

interface DraftCase {
  id: string;
  kind: string;
  labels: { title_is_label: boolean; title_too_long?: boolean; other_adds_fact: boolean; names: Record<string, string> };
  input: SummaryInput;
}
const load = (split: string): DraftCase[] => JSON.parse(readFileSync(new URL(`./fixtures/drafts/${split}.json`, import.meta.url), 'utf8'));
const sets = { tune: load('tune'), holdout: load('holdout') };

test('the draft set has at least 30 inputs, a third of them hold-out, some stories with 2-3 outlets', () => {
  const all = [...sets.tune, ...sets.holdout];
  assert.ok(all.length >= 30);
  assert.ok(sets.holdout.length * 3 >= all.length - 2);
  assert.ok(all.filter((c) => (c.input.others?.length ?? 0) >= 2).length >= 2);
  assert.equal(new Set(all.map((c) => c.id)).size, all.length);
});

for (const [split, cases] of Object.entries(sets)) {
  test(`${split}: every draft meets the digest's rules`, () => {
    const checks = cases.map((c) => ({ c, s: summarizeOffline(c.input, taxonomy), k: draftChecks(summarizeOffline(c.input, taxonomy), c.input) }));
    for (const { c, s, k } of checks) {
      const why = `${c.id}: ${s.headline} | ${s.bullet}`;
      assert.ok(k.whole_sentence, `${why}\nfragments: ${k.fragments.join(' / ')}`);
      assert.notEqual(k.bullet_in_range, false, `${k.bullet_words} words: ${why}`);
      assert.ok(k.headline_in_range, `${k.headline_words} headline words: ${why}`);
      assert.ok(!k.headline_period && !k.headline_label, why);
      assert.deepEqual(k.boilerplate_hits, [], why);
      assert.deepEqual(k.surname_caps, [], why);
      assert.equal(k.duplicate_sentences, 0, why);
      assert.deepEqual(k.not_in_source, [], why);
    }
    const f = draftFigures(checks.map((x) => x.k));
    assert.equal(f.whole_sentence, 1);
    assert.equal(f.boilerplate_hits, 0);
  });

  test(`${split}: labels — release titles rebuilt, good titles kept, other outlets' facts added, names normalised`, () => {
    for (const c of cases) {
      const s = summarizeOffline(c.input, taxonomy);
      const title = cleanTitle(c.input.title, c.input.source);
      const words = title.split(/\s+/).length;
      if (c.labels.title_is_label || c.labels.title_too_long) assert.notEqual(s.headline, title, `${c.id} kept the label title`);
      else if (words >= 6 && words <= 14) assert.equal(s.headline, title, `${c.id} replaced a good title`);
      if (c.labels.other_adds_fact) assert.ok(draftChecks(s, c.input).from_others > 0, `${c.id}: nothing from the other outlets: ${s.bullet}`);
      for (const [written, family] of Object.entries(c.labels.names)) {
        assert.ok(!s.bullet.includes(written) && !s.headline.includes(written), `${c.id}: ${written} left in capitals`);
        if (s.bullet.toLowerCase().includes(family.toLowerCase())) assert.match(s.bullet, new RegExp(`\\b${family}\\b`), c.id);
      }
    }
  });
}
