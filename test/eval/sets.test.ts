import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { loadSets, sizesOf, articleProblems } from '../../eval/sets.js';

const TOPICS = ['diplomacy', 'defense', 'economic-security', 'energy', 'economy-trade', 'technology'];
const art = (over: Record<string, unknown>) => ({
  id: 'x-s01-wire', story: 'x-s01', outlet: 'harbor-wire', published: '2026-03-02T09:00:00Z', title: 'A headline',
  paras: ['One.', 'Two.'], relevant: true, topics: ['defense'], kind: 'member', ...over,
});

test('loader keeps good articles, names file and article id for a bad field, skips a partial file', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'tune'));
    mkdirSync(join(dir, 'holdout'));
    writeFileSync(join(dir, 'tune', 'a.json'), JSON.stringify({ split: 'tune', articles: [
      art({}),
      art({ id: 'x-s01-ledger', outlet: 'capital-ledger' }),
      art({ id: 'x-s02-wire', story: 'x-s02', kind: 'hard-negative', confusable_with: 'x-s01' }),
      art({ id: 'x-o01-wire', story: 'x-o01', kind: 'off-topic', relevant: false, topics: [] }),
      art({ id: 'x-bad-outlet', outlet: 'daily-planet' }),
      art({ id: 'x-bad-topic', topics: ['sports'] }),
      art({ id: 'x-s01-wire', story: 'x-s09' }),
    ] }));
    writeFileSync(join(dir, 'holdout', 'b.json'), '{"split": "holdout", "articles": [{"id": "h1-s01-wi');
    const sets = loadSets(dir, { topicIds: TOPICS });
    assert.deepEqual(sets.articles.tune.map((a) => a.id), ['x-s01-wire', 'x-s01-ledger', 'x-s02-wire', 'x-o01-wire']);
    assert.equal(sets.articles.holdout.length, 0);
    const text = sets.problems.join('\n');
    assert.match(text, /tune\/a\.json: article #5 "x-bad-outlet": "outlet" must be one of/);
    assert.match(text, /tune\/a\.json: article #6 "x-bad-topic": "topics" has unknown id\(s\) sports/);
    assert.match(text, /tune\/a\.json: article #7 "x-s01-wire": id "x-s01-wire" is already used in tune\/a\.json/);
    assert.match(text, /holdout\/b\.json: skipped, not valid JSON/);
    assert.deepEqual(sizesOf(sets.articles.tune), { articles: 4, stories: 2, hard_negatives: 1, relevance_items: 4, off_topic: 1 });
  } finally {
    cleanup();
  }
});

test('article checks: dates, kinds, topics against relevance, confusable_with', () => {
  assert.deepEqual(articleProblems(art({}), TOPICS), []);
  assert.match(articleProblems(art({ published: '14 Oct 2026' }), TOPICS).join(), /"published" must be an ISO date-time/);
  assert.match(articleProblems(art({ kind: 'hard-negative' }), TOPICS).join(), /confusable_with/);
  assert.match(articleProblems(art({ relevant: false }), TOPICS).join(), /must be \[\] when "relevant" is false/);
  assert.match(articleProblems(art({ topics: [] }), TOPICS).join(), /empty but "relevant" is true/);
  assert.match(articleProblems(art({ paras: [] }), TOPICS).join(), /"paras"/);
  assert.match(articleProblems(art({ relevant: 'yes' }), TOPICS).join(), /"relevant" must be true or false/);
  assert.deepEqual(articleProblems(null, TOPICS), ['is not an object']);
});
