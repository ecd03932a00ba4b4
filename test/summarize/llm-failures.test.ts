import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlmConfig } from '../../src/config/schema.js';
import type { SummaryInput } from '../../src/domain/types.js';
import { createLlmSummarizer, LlmFatalError, LlmItemError, type LlmCallRecord } from '../../src/summarize/llm/index.js';
import { apiError, completion, startFakeOpenAI, type FakeOptions } from '../support/fake-openai.js';

const cfg: LlmConfig = { model: 'test-model', max_input_tokens: 2000, max_output_tokens: 400, temperature: 0,
  concurrency: 4, timeout_ms: 5000 };
const ctx = { publication: 'Digest', topics: [{ id: 'energy', label: 'Energy', description: '', keywords: [] }] };
const input: SummaryInput = {
  title: 'Utilities in Japan sign LNG supply deal with Texas exporter',
  text: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs.',
  source: 'Wire', published_at: null, url: 'https://example.test/lng', relevance_terms: ['Japanese'],
};
const good = completion(JSON.stringify({
  headline: 'Japanese utilities sign 20-year LNG deal with Texas exporter',
  bullet: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs, giving the ' +
    'buyers long-term supply.',
  topics: ['energy'], topic_confidence: 0.95,
}));

/** A fake server and a summarizer pointed at it, recording calls and requested sleeps. */
async function setup(opts: FakeOptions, over: Partial<LlmConfig> = {}, apiKey = 'sk-test') {
  const fake = await startFakeOpenAI(opts);
  const calls: LlmCallRecord[] = [];
  const sleeps: number[] = [];
  const summarizer = createLlmSummarizer({ ...cfg, ...over }, { baseUrl: fake.baseUrl, apiKey, promptsDir: path.resolve('prompts'),
    onCall: (r) => calls.push(r), sleep: async (ms) => { sleeps.push(ms); }, random: () => 0 });
  return { fake, calls, sleeps, summarizer, outcomes: () => calls.map((c) => c.outcome) };
}

test('429 with Retry-After (seconds, then an HTTP date) is waited out and retried; every attempt is recorded', async () => {
  const when = new Date(Date.now() + 3000).toUTCString();
  const s = await setup({ replies: [apiError(429, 'Rate limit reached', { headers: { 'retry-after': '2' } }),
    apiError(429, 'Rate limit reached', { headers: { 'retry-after': when } }), good] });
  try {
    assert.equal((await s.summarizer.summarize(input, ctx)).summary.topics[0], 'energy');
    assert.equal(s.sleeps[0], 2000);
    assert.ok(s.sleeps[1] > 1000 && s.sleeps[1] <= 3000, `date Retry-After gave ${s.sleeps[1]} ms`);
    assert.deepEqual(s.outcomes(), ['http_429', 'http_429', 'ok']);
    assert.equal(s.calls[0].cost_usd, 0);
    assert.match(s.calls[0].error ?? '', /rate limited \(HTTP 429: Rate limit reached\)/);
  } finally { await s.fake.close(); }
});

test('500 is retried with exponential backoff, then succeeds', async () => {
  const s = await setup({ replies: [apiError(500, 'boom', { type: 'server_error' }), apiError(503, 'busy'), good] });
  try {
    await s.summarizer.summarize(input, ctx);
    assert.deepEqual(s.sleeps, [500, 1000]);
    assert.deepEqual(s.outcomes(), ['http_5xx', 'http_5xx', 'ok']);
  } finally { await s.fake.close(); }
});

test('a call slower than timeout_ms is a timeout, retried; persistent timeouts trip the breaker (see llm-stops)', async () => {
  const slow = { ...good, delayMs: 1500 };
  const s = await setup({ replies: [slow, good] }, { timeout_ms: 300 });
  try {
    await s.summarizer.summarize(input, ctx);
    assert.deepEqual(s.outcomes(), ['timeout', 'ok']);
    assert.ok(s.calls[0].ms >= 250 && s.calls[0].ms < 1400, `timed out after ${s.calls[0].ms} ms`);
  } finally { await s.fake.close(); }
  const t = await setup({ handler: () => slow }, { timeout_ms: 200 });
  try {
    await assert.rejects(t.summarizer.summarize(input, ctx),
      (e: unknown) => e instanceof LlmFatalError && /^LLM not answering: 3 requests in a row .* within 200 ms/.test(e.message));
    assert.equal(t.fake.calls(), 3);
  } finally { await t.fake.close(); }
});

test('a model refusing max_tokens and temperature gets max_completion_tokens and no temperature from then on', async () => {
  const s = await setup({ handler: (b) => 'max_tokens' in b
    ? apiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", { param: 'max_tokens' })
    : 'temperature' in b
      ? apiError(400, "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.", { param: 'temperature' })
      : good });
  try {
    await s.summarizer.summarize(input, ctx);
    await s.summarizer.summarize(input, ctx);
    assert.deepEqual(s.outcomes(), ['param_rejected', 'param_rejected', 'ok', 'ok']);
    const last = s.fake.chats()[3];
    assert.equal(last.max_completion_tokens, 400);
    assert.ok(!('max_tokens' in last) && !('temperature' in last));
  } finally { await s.fake.close(); }
});

test('401 is fatal at once, with a message saying to set OPENAI_API_KEY', async () => {
  const s = await setup({ apiKey: 'sk-right', handler: () => good }, {}, 'sk-wrong');
  try {
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
      /the API key was refused by http:\/\/127\.0\.0\.1:\d+\/v1 \(HTTP 401: Incorrect API key provided\.\).*set OPENAI_API_KEY/.test(e.message));
    assert.equal(s.fake.calls(), 1);
    assert.deepEqual(s.outcomes(), ['auth']);
  } finally { await s.fake.close(); }
});

test('404 for an unknown model is fatal, naming the model and the base URL', async () => {
  const s = await setup({ models: ['llama3.1:8b'], handler: () => good }, { model: 'gpt-4o-mini' });
  try {
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
      e.message.includes(`model "gpt-4o-mini" not found at ${s.fake.baseUrl}`) && /check llm\.model .* OPENAI_BASE_URL/.test(e.message));
    assert.equal(s.fake.calls(), 1);
  } finally { await s.fake.close(); }
});

test('429 insufficient_quota is fatal (waiting will not help)', async () => {
  const s = await setup({ handler: () => apiError(429, 'You exceeded your current quota.', { code: 'insufficient_quota' }) });
  try {
    await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError && /no quota left/.test(e.message));
    assert.equal(s.fake.calls(), 1);
  } finally { await s.fake.close(); }
});

test('connection refused is fatal and asks whether the server at the base URL is running', async () => {
  const s = await setup({ handler: () => good });
  await s.fake.close();
  await assert.rejects(s.summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmFatalError &&
    e.message.includes(`cannot connect to the LLM server at ${s.fake.baseUrl} (ECONNREFUSED)`) && /is the server running\?/.test(e.message));
  assert.deepEqual(s.outcomes(), ['connection']);
});

test('no more than `concurrency` requests are in flight at once', async () => {
  const s = await setup({ handler: () => ({ ...good, delayMs: 200 }) }, { concurrency: 2 });
  try {
    await Promise.all(Array.from({ length: 6 }, () => s.summarizer.summarize(input, ctx)));
    assert.equal(s.fake.calls(), 6);
    assert.equal(s.fake.maxInFlight(), 2);
  } finally { await s.fake.close(); }
});

test('requests_per_minute spaces request starts', async () => {
  const s = await setup({ handler: () => good }, { requests_per_minute: 400 }); // one per 150 ms
  try {
    // A first call warms the client up (its first request is slow to leave), then three go at once.
    await s.summarizer.summarize(input, ctx);
    await Promise.all(Array.from({ length: 3 }, () => s.summarizer.summarize(input, ctx)));
    const at = s.fake.requests.map((r) => r.at);
    assert.ok(at[3] - at[1] >= 240, `requests 2 to 4 came within ${at[3] - at[1]} ms`);
  } finally { await s.fake.close(); }
});
