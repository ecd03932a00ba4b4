/**
 * When waiting is pointless: a server asking to come back in an hour, or one that never answers,
 * stops the stage (LlmFatalError) instead of costing minutes per story; later stories are not sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlmConfig } from '../../src/config/schema.js';
import type { SummaryInput } from '../../src/domain/types.js';
import { createLlmSummarizer, LlmFatalError, type LlmCallRecord } from '../../src/summarize/llm/index.js';
import { apiError, completion, startFakeOpenAI, type FakeOptions } from '../support/fake-openai.js';

const cfg: LlmConfig = { model: 'test-model', max_input_tokens: 2000, max_output_tokens: 400, temperature: 0,
  concurrency: 1, timeout_ms: 5000 };
const ctx = { publication: 'Digest', topics: [{ id: 'energy', label: 'Energy', description: '', keywords: [] }] };
const input: SummaryInput = {
  title: 'Utilities in Japan sign LNG supply deal with Texas exporter',
  text: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs.',
  source: 'Wire', published_at: null, url: 'https://example.test/lng', relevance_terms: [],
};
const good = completion(JSON.stringify({
  headline: 'Japanese utilities sign 20-year LNG deal with Texas exporter',
  bullet: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs.',
  topics: ['energy'], topic_confidence: 0.95,
}));
const NOW = Date.parse('2026-12-07T06:00:00Z');

async function setup(opts: FakeOptions, over: Partial<LlmConfig> = {}) {
  const fake = await startFakeOpenAI(opts);
  const calls: LlmCallRecord[] = [];
  const sleeps: number[] = [];
  const summarizer = createLlmSummarizer({ ...cfg, ...over }, { baseUrl: fake.baseUrl, promptsDir: path.resolve('prompts'),
    onCall: (r) => calls.push(r), sleep: async (ms) => { sleeps.push(ms); }, random: () => 0, now: () => NOW });
  return { fake, calls, sleeps, summarizer };
}

test('Retry-After: 3600 beyond llm.max_retry_wait_s stops at once with "rate limited until <ISO>"; later stories send nothing', async () => {
  const s = await setup({ handler: () => apiError(429, 'Rate limit reached', { headers: { 'retry-after': '3600' } }) });
  try {
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
      e.message.startsWith('rate limited until 2026-12-07T07:00:00.000Z') && /llm\.max_retry_wait_s/.test(e.message));
    assert.equal(s.fake.calls(), 1);
    assert.deepEqual(s.sleeps, [], 'no sleeping through an hour');
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError && /rate limited until/.test(e.message));
    assert.equal(s.fake.calls(), 1, 'the next story is not sent');
  } finally { await s.fake.close(); }
});

test('a Retry-After within llm.max_retry_wait_s is waited out in full (not capped below it)', async () => {
  const s = await setup({ replies: [apiError(429, 'slow down', { headers: { 'retry-after': '90' } }), good] }, { max_retry_wait_s: 120 });
  try {
    await s.summarizer.summarize(input, ctx);
    assert.deepEqual(s.sleeps, [90_000]);
  } finally { await s.fake.close(); }
  const t = await setup({ handler: () => apiError(429, 'slow down', { headers: { 'retry-after': '90' } }) });
  try {
    await assert.rejects(t.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
      /^rate limited until 2026-12-07T06:01:30\.000Z/.test(e.message));
  } finally { await t.fake.close(); }
});

test('a hanging server trips the breaker after 3 timeouts in a row; the next story is not sent', async () => {
  const s = await setup({ handler: () => ({ ...good, delayMs: 30_000 }) }, { timeout_ms: 150 });
  try {
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
      /^LLM not answering: 3 requests in a row to http:\/\/127\.0\.0\.1:\d+\/v1 got no answer within 150 ms/.test(e.message));
    assert.equal(s.fake.calls(), 3);
    assert.deepEqual(s.calls.map((c) => c.outcome), ['timeout', 'timeout', 'timeout']);
    await assert.rejects(s.summarizer.summarize(input, ctx), LlmFatalError);
    assert.equal(s.fake.calls(), 3);
  } finally { await s.fake.close(); }
});

test('timeouts that are not consecutive do not trip the breaker', async () => {
  const slow = { ...good, delayMs: 30_000 };
  const s = await setup({ replies: [slow, slow, good, slow, slow, good] }, { timeout_ms: 150 });
  try {
    await s.summarizer.summarize(input, ctx);
    await s.summarizer.summarize(input, ctx);
    assert.equal(s.fake.calls(), 6);
  } finally { await s.fake.close(); }
});
