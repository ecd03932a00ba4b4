/**
 * What is shared per endpoint (base URL): a 429's Retry-After pauses every request to it, also the
 * other tier's; the response_format a server takes is detected once, however many requests start together.
 * Real `openai` client, fake server on 127.0.0.1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlmConfig } from '../../src/config/schema.js';
import type { SummaryInput } from '../../src/domain/types.js';
import { createEndpointRegistry, createLlmSummarizer, createLlmTriage, type LlmCallRecord } from '../../src/summarize/llm/index.js';
import { apiError, completion, startFakeOpenAI, type ChatBody, type FakeReply } from '../support/fake-openai.js';

const cfg: LlmConfig = { model: 'draft-model', models: { triage: 'triage-model' }, max_input_tokens: 2000, max_output_tokens: 400,
  temperature: 0, concurrency: 4, timeout_ms: 10_000 };
const topics = [{ id: 'energy', label: 'Energy', description: 'Oil, gas, power.', keywords: [] }];
const ctx = { publication: 'Digest', topics };
const input: SummaryInput = {
  title: 'Japanese utilities sign LNG supply deal with Texas exporter',
  text: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs.',
  source: 'Wire', published_at: null, url: 'https://example.test/lng', relevance_terms: [],
};
const DRAFT = JSON.stringify({
  headline: 'Japanese utilities sign 20-year LNG deal with Texas exporter',
  bullet: 'Three Japanese utilities signed a 20-year contract on May 12 to buy liquefied natural gas from a Texas exporter, ' +
    'the companies said in Osaka. Deliveries start in 2028 and will cover about a tenth of their annual needs, giving the ' +
    'buyers a long-term supply of liquefied natural gas from Texas.',
  topics: ['energy'], topic_confidence: 0.9,
});
const VERDICT = JSON.stringify({ relevant: true, topics: ['energy'] });
const isTriage = (b: ChatBody) => b.model === 'triage-model';

function tiers(baseUrl: string, onCall: (r: LlmCallRecord) => void, registry = createEndpointRegistry()) {
  const deps = { baseUrl, promptsDir: path.resolve('prompts'), onCall, endpoints: registry };
  return {
    summarizer: createLlmSummarizer(cfg, deps),
    triage: createLlmTriage(cfg, deps, { ...ctx, allOf: [['Japan', 'Japanese'], ['United States', 'Texas']], model: 'triage-model' }),
  };
}

test('a 429 with Retry-After: 1 pauses the other tier\'s request too: it reaches the server only after the pause', async () => {
  const fake = await startFakeOpenAI({ handler: (b, n) => (n === 2
    ? apiError(429, 'Rate limit reached for requests', { headers: { 'retry-after': '1' } })
    : completion(isTriage(b) ? VERDICT : DRAFT)) });
  try {
    let second: Promise<unknown> | null = null;
    const calls: LlmCallRecord[] = [];
    const t = tiers(fake.baseUrl, (r) => {
      calls.push(r);
      // The triage request starts right after the draft request got its 429 (and while that one waits).
      if (r.outcome === 'http_429' && !second) second = new Promise((resolve) => setImmediate(() => resolve(t.triage.judge(input))));
    });
    await t.summarizer.summarize(input, ctx); // request 1: the endpoint's mode is known from here on
    const first = t.summarizer.summarize(input, ctx); // request 2: 429, Retry-After 1 s
    await first;
    assert.ok(second, 'the triage request was started');
    assert.deepEqual(await second, { relevant: true, topics: ['energy'], ignored: null });
    const chats = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    assert.equal(chats.length, 4, 'warm-up, 429, the retry, the triage request');
    const limitedAt = chats[1].at;
    const triageArrival = chats.find((r) => r.body && isTriage(r.body))!;
    // Arrivals, not durations: a loaded machine only makes the later arrivals later still.
    assert.equal(chats.filter((r) => r.at < limitedAt + 950).length, 2, 'nothing reached the server during the pause');
    assert.ok(triageArrival.at >= limitedAt + 950, `triage arrived ${triageArrival.at - limitedAt} ms after the 429`);
    // Each call is recorded with its tier and model; after the pause the two may finish in either order.
    assert.deepEqual(calls.slice(0, 2).map((c) => [c.tier, c.model, c.outcome]), [['draft', 'draft-model', 'ok'], ['draft', 'draft-model', 'http_429']]);
    assert.deepEqual(calls.slice(2).map((c) => `${c.tier}/${c.model}/${c.outcome}`).sort(), ['draft/draft-model/ok', 'triage/triage-model/ok']);
  } finally { await fake.close(); }
});

for (const [mode, sent, answer] of [
  ['schema', ['json_schema'], completion(DRAFT)],
  ['json', ['json_schema', 'json_object'], completion(DRAFT)],
  // No structured outputs at all: a chatty answer with a fenced object, parsed and repaired.
  ['none', ['json_schema', 'json_object', undefined], completion(`Sure! Here it is:\n\`\`\`json\n${DRAFT}\n\`\`\``)],
] as const) {
  test(`structured outputs "${mode}": detected once for the endpoint, while several requests of both tiers start together`, async () => {
    const fake = await startFakeOpenAI({ structured: mode, handler: (b): FakeReply => (isTriage(b)
      ? completion(mode === 'none' ? `Verdict: ${VERDICT}` : VERDICT) : answer) });
    try {
      const t = tiers(fake.baseUrl, () => {});
      const results = await Promise.all([t.summarizer.summarize(input, ctx), t.summarizer.summarize(input, ctx),
        t.triage.judge(input), t.summarizer.summarize(input, ctx)]);
      for (const r of results.filter((x) => 'summary' in x)) assert.equal((r as { summary: { topics: string[] } }).summary.topics[0], 'energy');
      const types = fake.chats().map((b) => b.response_format?.type);
      const final = sent[sent.length - 1];
      // Each refused mode was tried exactly once; every other request used the detected one.
      assert.deepEqual(types.slice(0, sent.length), [...sent]);
      assert.equal(types.length, sent.length - 1 + 4);
      assert.ok(types.slice(sent.length).every((x) => x === final), `after detection: ${types.join(', ')}`);
      if (mode === 'schema') {
        const draft = fake.chats().find((b) => !isTriage(b))!;
        assert.deepEqual((draft.response_format!.json_schema!.schema as { required: string[] }).required,
          ['headline', 'bullet', 'topics', 'topic_confidence']);
        const triage = fake.chats().find(isTriage)!;
        assert.deepEqual((triage.response_format!.json_schema!.schema as { required: string[] }).required, ['relevant', 'topics']);
      }
    } finally { await fake.close(); }
  });
}

test('a second summarizer on the same registry (a later run of `serve`) reuses the detected mode', async () => {
  const fake = await startFakeOpenAI({ structured: 'none', handler: () => completion(`Here:\n${DRAFT}`) });
  try {
    const registry = createEndpointRegistry();
    await tiers(fake.baseUrl, () => {}, registry).summarizer.summarize(input, ctx);
    await tiers(fake.baseUrl, () => {}, registry).summarizer.summarize(input, ctx);
    assert.deepEqual(fake.chats().map((b) => b.response_format?.type), ['json_schema', 'json_object', undefined, undefined]);
  } finally { await fake.close(); }
});

test('a Retry-After beyond llm.max_retry_wait_s answered to the draft tier stops the triage tier too, before it sends anything', { timeout: 10_000 }, async () => {
  const fake = await startFakeOpenAI({ handler: (b) => (isTriage(b) ? completion(VERDICT)
    : apiError(429, 'Rate limit reached for requests', { headers: { 'retry-after': '3600' } })) });
  try {
    const t = tiers(fake.baseUrl, () => {});
    await assert.rejects(t.summarizer.summarize(input, ctx), /^LlmFatalError: rate limited until/);
    await assert.rejects(t.triage.judge(input), (e: Error) => e.name === 'LlmFatalError' && /rate limited until .* more than llm\.max_retry_wait_s/.test(e.message));
    assert.equal(fake.calls(), 1, 'the triage request was never sent');
  } finally { await fake.close(); }
});
