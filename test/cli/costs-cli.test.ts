import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/temp-db.js';
import { seedStories } from '../support/seed.js';
import { runMain } from '../support/cli.js';
import { openStore } from '../../src/store/index.js';
import { configSchema } from '../../src/config/schema.js';
import { addToIssue, createIssue, publishIssue } from '../../src/jobs/issues.js';
import type { LlmCall } from '../../src/domain/types.js';

const call = (model: string, tier: LlmCall['tier'], tokens_in: number, cost_usd: number): LlmCall =>
  ({ model, tier, prompt_version: 'p', tokens_in, tokens_out: 10, ms: 5, outcome: 'ok', cost_usd, error: null });

test('costs [--issue ID] [--json]: calls, tokens and cost per model and per tier of an issue\'s window', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'n.db');
    const configFile = join(dir, 'sources.yaml');
    const yaml = 'publication: { name: "Test Digest" }\nllm: { model: strong, models: { triage: cheap }, budget_usd_per_issue: 1.5 }\n' +
      'sources:\n  - { id: wire, type: rss, url: "https://wire.example/feed" }\n';
    writeFileSync(configFile, yaml);
    const store = openStore(db);
    const [{ itemId }] = seedStories(store, [{ title: 'Ministers meet in Tokyo' }]);
    // Issue 1.1's window: every call until it was published on Nov 10.
    store.recordLlmCall(null, null, call('cheap', 'triage', 100, 0.01), '2026-11-01T00:00:00.000Z');
    store.recordLlmCall(null, null, call('strong', 'draft', 1000, 0.5), '2026-11-02T00:00:00.000Z');
    const config = configSchema.parse({ publication: { name: 'Test Digest' }, sources: [{ id: 'wire', type: 'rss', url: 'https://wire.example/feed' }] });
    const issue = createIssue(store, config, {}, new Date('2026-11-09T00:00:00Z'));
    addToIssue(store, issue.id, [itemId], new Date('2026-11-09T00:00:00Z'));
    publishIssue(store, issue.id, new Date('2026-11-10T00:00:00Z'));
    // The current window (issue 1.2, created, still a draft): the calls since.
    createIssue(store, config, {}, new Date('2026-11-11T00:00:00Z'));
    for (const [m, t, n, c, at] of [['cheap', 'triage', 200, 0.02, '2026-11-11T01:00:00.000Z'], ['cheap', 'triage', 300, 0.03, '2026-11-11T02:00:00.000Z'],
      ['strong', 'draft', 2000, 1.25, '2026-11-12T00:00:00.000Z']] as const) store.recordLlmCall(null, null, call(m, t, n, c), at);
    store.close();
    const nd = (...args: string[]) => runMain([...args, '--config', configFile, '--db', db]);

    const now = await nd('costs', '--json');
    assert.equal(now.code, 0, now.stderr);
    const j = JSON.parse(now.stdout);
    assert.deepEqual(Object.keys(j).sort(), ['budget_usd', 'by_model', 'by_tier', 'issue', 'total', 'window']);
    assert.deepEqual(j.issue, { id: issue.id + 1, label: '1.2', title: 'Test Digest Vol 1.2', status: 'draft' });
    assert.deepEqual(j.window, { from: '2026-11-10T00:00:00.000Z', to: null });
    assert.deepEqual(j.total, { calls: 3, tokens_in: 2500, tokens_out: 30, cost_usd: 1.3 });
    assert.deepEqual(j.by_model, [{ model: 'strong', calls: 1, tokens_in: 2000, tokens_out: 10, cost_usd: 1.25 },
      { model: 'cheap', calls: 2, tokens_in: 500, tokens_out: 20, cost_usd: 0.05 }]);
    assert.deepEqual(j.by_tier, [{ tier: 'triage', calls: 2, tokens_in: 500, tokens_out: 20, cost_usd: 0.05 },
      { tier: 'draft', calls: 1, tokens_in: 2000, tokens_out: 10, cost_usd: 1.25 }]);
    assert.equal(j.budget_usd, 1.5);

    const old = JSON.parse((await nd('costs', '--issue', '1.1', '--json')).stdout);
    assert.deepEqual(old.window, { from: null, to: '2026-11-10T00:00:00.000Z' });
    assert.deepEqual(old.total, { calls: 2, tokens_in: 1100, tokens_out: 20, cost_usd: 0.51 });
    assert.equal(old.issue.status, 'published');

    const text = await nd('costs');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /LLM calls for issue 1\.2 \(draft\), from 2026-11-10T00:00:00\.000Z until now; budget \$1\.5000, \$0\.2000 left/);
    assert.match(text.stdout, /^strong\s+1\s+2000\s+10\s+\$1\.2500$/m);
    assert.match(text.stdout, /^triage\s+2\s+500\s+20\s+\$0\.0500$/m);

    const missing = await nd('costs', '--issue', '9.9');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no issue "9\.9"/);
  } finally { cleanup(); }
});
