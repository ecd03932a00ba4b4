import { test } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';

test('the candidates page says when the issue\'s LLM budget is spent, and why no new drafts come', async () => {
  const d = desk(STORIES);
  try {
    d.config.llm = { model: 'm', max_input_tokens: 2000, max_output_tokens: 400, temperature: 0, concurrency: 1, timeout_ms: 5000,
      budget_usd_per_issue: 0.05 };
    const banner = /LLM budget spent\.<\/strong> the LLM budget for the next issue is spent \(\$0\.0600 of llm\.budget_usd_per_issue \$0\.05/;
    d.store.recordLlmCall(null, null, { model: 'm', tier: 'draft', prompt_version: 'p', tokens_in: 1, tokens_out: 1, ms: 1, outcome: 'ok',
      cost_usd: 0.03, error: null }, '2026-11-20T00:00:00.000Z');
    assert.doesNotMatch(await (await client(d.app).get('/')).text(), /LLM budget spent/, 'budget left: no banner');
    d.store.recordLlmCall(null, null, { model: 'm', tier: 'triage', prompt_version: 'p', tokens_in: 1, tokens_out: 1, ms: 1, outcome: 'ok',
      cost_usd: 0.03, error: null }, '2026-11-20T01:00:00.000Z');
    assert.match(await (await client(d.app).get('/')).text(), banner);
  } finally { d.cleanup(); }
});
