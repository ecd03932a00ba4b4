import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { LlmConfig } from '../../src/config/schema.js';
import type { SummaryInput, Topic } from '../../src/domain/types.js';
import { createLlmSummarizer, LlmItemError, type LlmCallRecord } from '../../src/summarize/llm/index.js';
import { completion, noChoices, startFakeOpenAI, type FakeOptions } from '../support/fake-openai.js';

const cfg: LlmConfig = { model: 'test-model', max_input_tokens: 2000, max_output_tokens: 600, temperature: 0.2,
  concurrency: 4, timeout_ms: 5000, prices: { input_per_mtok: 1, output_per_mtok: 2 } };
const topics: Topic[] = [
  { id: 'diplomacy', label: 'Diplomacy', description: 'Talks between governments.', keywords: [] },
  { id: 'defense', label: 'Defense', description: 'Forces, weapons, defense industry.', keywords: [] },
  { id: 'economic-security', label: 'Economic security', description: 'Supply chains, export controls.', keywords: [] },
];
const ctx = { publication: 'Test Alliance Digest', topics };
const input: SummaryInput = {
  title: 'Japan and US agree to co-produce air defense interceptors',
  text: [
    'Japanese Defense Minister Akira Sato and US Defense Secretary Mark Ellison agreed in Tokyo on March 4 to start joint production of medium-range air defense interceptors by 2027.',
    "The two ministers said the plan would ease shortages in American stockpiles and widen Japan's defense industrial base. Japan will invest 120 billion yen in a new production line in Nagoya.",
    'Sato told reporters the allies had to "build, not just buy" the equipment they rely on. Ellison said the first batch would go to both militaries.',
    'The ministers will report to their leaders before a summit planned for the summer.',
  ].join('\n\n'),
  source: 'Example Wire', published_at: '2025-03-04T09:00:00Z', url: 'https://example.test/a/1', relevance_terms: ['Japan', 'US'],
};
const HEADLINE = 'Japan, US agree to co-produce air defense interceptors';
const BULLET = 'Japanese Defense Minister Akira Sato and US Defense Secretary Mark Ellison agreed in Tokyo on March 4 to start ' +
  'joint production of medium-range air defense interceptors by 2027. Japan will invest 120 billion yen in a new production ' +
  "line in Nagoya, a plan the ministers said would ease shortages in American stockpiles and widen Japan's defense industrial " +
  'base. Sato said the allies had to "build, not just buy" the equipment they rely on. The ministers will report to their ' +
  'leaders before a summit planned for the summer.';
const answer = (o: Record<string, unknown> = {}) =>
  JSON.stringify({ headline: HEADLINE, bullet: BULLET, topics: ['defense', 'diplomacy'], topic_confidence: 0.9, ...o });

/** A fake server and a summarizer pointed at it; `calls` collects every LlmCallRecord. */
async function setup(opts: FakeOptions, over: Partial<LlmConfig> = {}) {
  const fake = await startFakeOpenAI(opts);
  const calls: LlmCallRecord[] = [];
  const summarizer = createLlmSummarizer({ ...cfg, ...over }, { baseUrl: fake.baseUrl, apiKey: 'sk-test',
    promptsDir: path.resolve('prompts'), onCall: (r) => calls.push(r), sleep: async () => {} });
  return { fake, calls, summarizer, outcomes: () => calls.map((c) => c.outcome) };
}

test('a good answer: the request carries model, rules, article and strict schema; one ok call is recorded', async () => {
  const { fake, calls, summarizer } = await setup({ replies: [completion(answer(), { usage: { prompt_tokens: 1000, completion_tokens: 200 } })] });
  try {
    const r = await summarizer.summarize(input, ctx);
    assert.deepEqual(r, { summary: { headline: HEADLINE, bullet: BULLET, topics: ['defense', 'diplomacy'], topic_confidence: 0.9 }, unsupported: [] });
    const [body] = fake.chats();
    assert.equal(body.model, 'test-model');
    assert.equal(body.max_tokens, 600);
    assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
    assert.match(body.messages[0].content, /Test Alliance Digest/);
    // The digest's shape (issue 14): one paragraph of 60-170 words, news first, then why it matters; 6-14-word headline.
    assert.match(body.messages[0].content, /Exactly one paragraph of 60 to 170 words[^\n]*no bullet points or numbered lists/);
    assert.match(body.messages[0].content, /The news first: the first sentence says who did what/);
    assert.match(body.messages[0].content, /Then the context that makes the story matter to the readers of "Test Alliance Digest"/);
    assert.match(body.messages[0].content, /Never write "I", "we", "our" or "us" in your own voice/);
    assert.match(body.messages[0].content, /- 6 to 14 words, telegraphic/);
    assert.match(body.messages[0].content, /- economic-security: Economic security — Supply chains/);
    assert.ok(!body.messages[0].content.includes('Akira Sato'), 'no article text in the system message');
    assert.match(body.messages[1].content, /<article>\nTitle: Japan and US agree[\s\S]*Nagoya[\s\S]*<\/article>/);
    assert.match(body.messages[1].content, /Published: 2025-03-04/);
    const rf = body.response_format!;
    assert.equal(rf.type, 'json_schema');
    assert.equal(rf.json_schema!.strict, true);
    assert.deepEqual((rf.json_schema!.schema as any).properties.topics.items.enum, ['diplomacy', 'defense', 'economic-security']);
    assert.equal(fake.requests[0].headers.authorization, 'Bearer sk-test');
    assert.equal(calls.length, 1);
    assert.deepEqual({ ...calls[0], ms: 0 }, { model: 'test-model', tier: 'draft', prompt_version: summarizer.promptVersion, tokens_in: 1000,
      tokens_out: 200, ms: 0, outcome: 'ok', cost_usd: 0.0014, error: null });
    assert.equal(summarizer.name, 'llm:test-model');
  } finally { await fake.close(); }
});

test('fenced JSON after a <think> block is accepted; tokens are estimated when usage is absent', async () => {
  const raw = `<think>Let me think about {"headline": "wrong"} first.</think>\n\`\`\`json\n${answer({ headline: `${HEADLINE}.` })}\n\`\`\``;
  const { fake, calls, summarizer } = await setup({ replies: [completion(raw, { usage: false })] });
  try {
    const r = await summarizer.summarize(input, ctx);
    assert.equal(r.summary.headline, HEADLINE, 'trailing period removed');
    assert.ok(calls[0].tokens_in > 300 && calls[0].tokens_out > 80, JSON.stringify(calls[0]));
  } finally { await fake.close(); }
});

test('a topic outside the taxonomy is dropped, never kept', async () => {
  const { fake, summarizer } = await setup({ replies: [completion(answer({ topics: ['space-race', 'defense'] }))] });
  try {
    assert.deepEqual((await summarizer.summarize(input, ctx)).summary.topics, ['defense']);
  } finally { await fake.close(); }
});

const INVENTED = `${BULLET} Prime Minister Kenji Mori welcomed the deal.`;

test('an invented name triggers one retry naming it; a clean second answer is accepted', async () => {
  const { fake, outcomes, summarizer } = await setup({ replies: [completion(answer({ bullet: INVENTED })), completion(answer())] });
  try {
    const r = await summarizer.summarize(input, ctx);
    assert.deepEqual(r.unsupported, []);
    assert.equal(r.summary.bullet, BULLET);
    const retry = fake.chats()[1].messages;
    assert.deepEqual(retry.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.match(retry[3].content, /not in the article: .*Kenji Mori.* — use only facts from the article/);
    assert.deepEqual(outcomes(), ['retry_unsupported', 'repaired']);
  } finally { await fake.close(); }
});

test('an invented name that persists is flagged, not dropped or silently shipped', async () => {
  const { fake, outcomes, summarizer } = await setup({ handler: () => completion(answer({ bullet: INVENTED })) });
  try {
    const r = await summarizer.summarize(input, ctx);
    assert.ok(r.unsupported.includes('Kenji Mori'), r.unsupported.join());
    assert.equal(fake.calls(), 2);
    assert.deepEqual(outcomes(), ['retry_unsupported', 'unsupported']);
  } finally { await fake.close(); }
});

test('malformed JSON gets one repair request carrying the bad answer and the error', async () => {
  const { fake, outcomes, summarizer } = await setup({ replies: [completion('{"headline": "Japan, US agree", "bullet": '), completion(answer())] });
  try {
    assert.equal((await summarizer.summarize(input, ctx)).summary.headline, HEADLINE);
    const repair = fake.chats()[1].messages;
    assert.equal(repair[2].content, '{"headline": "Japan, US agree", "bullet": ');
    assert.match(repair[3].content, /could not be used: the answer is not a JSON object/);
    assert.deepEqual(outcomes(), ['bad_json', 'repaired']);
  } finally { await fake.close(); }
});

test('malformed twice is an LlmItemError naming the problem', async () => {
  const { fake, summarizer } = await setup({ handler: () => completion(answer({ headline: 'Too short' })) });
  try {
    await assert.rejects(summarizer.summarize(input, ctx),
      (e: unknown) => e instanceof LlmItemError && /after one repair attempt: headline has 2 words/.test(e.message));
    assert.equal(fake.calls(), 2);
  } finally { await fake.close(); }
});

test('an empty choices array and a refusal are item errors with the reason', async () => {
  const { fake, outcomes, summarizer } = await setup({ replies: [noChoices(), completion(null, { refusal: 'I cannot summarize this.' })] });
  try {
    await assert.rejects(summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmItemError && /no choices/.test(e.message));
    await assert.rejects(summarizer.summarize(input, ctx), (e: unknown) => e instanceof LlmItemError && /refused: I cannot/.test(e.message));
    assert.deepEqual(outcomes(), ['empty', 'refusal']);
  } finally { await fake.close(); }
});

test('json_schema rejected → json_object, remembered for the next item; both rejected → no response_format', async () => {
  const one = await setup({ rejectJsonSchema: true, handler: () => completion(answer()) });
  try {
    await one.summarizer.summarize(input, ctx);
    await one.summarizer.summarize(input, ctx);
    assert.deepEqual(one.fake.chats().map((b) => b.response_format?.type), ['json_schema', 'json_object', 'json_object']);
    assert.deepEqual(one.outcomes(), ['format_rejected', 'ok', 'ok']);
  } finally { await one.fake.close(); }
  const two = await setup({ rejectJsonSchema: true, rejectJsonObject: true, handler: () => completion(`Here you go:\n${answer()}`) });
  try {
    assert.equal((await two.summarizer.summarize(input, ctx)).summary.headline, HEADLINE);
    assert.deepEqual(two.fake.chats().map((b) => b.response_format?.type), ['json_schema', 'json_object', undefined]);
  } finally { await two.fake.close(); }
});

test('a long article is cut to max_input_tokens keeping the lead and the relevance-term paragraphs', async () => {
  const filler = (i: number) => `Background ${i}: the port city held its lantern festival, and vendors sold grilled squid, ` +
    'pickles and green tea late into the evening while musicians played on the promenade. '.repeat(3);
  const long: SummaryInput = { ...input, relevance_terms: ['Okinawa'], text: [
    'LEAD: Japanese and US officials met in Tokyo on Monday.', 'SECOND: They discussed air defense.',
    ...Array.from({ length: 20 }, (_, i) => filler(i)), 'KEY: The Okinawa base will host the first interceptor battery.',
    ...Array.from({ length: 5 }, (_, i) => filler(100 + i))].join('\n\n') };
  const { fake, summarizer } = await setup({ handler: () => completion(answer()) }, { max_input_tokens: 300 });
  try {
    await summarizer.summarize(long, ctx);
    const user = fake.chats()[0].messages[1].content;
    const article = /<article>\n([\s\S]*)\n<\/article>/.exec(user)![1];
    const { countTokens } = await import('../../src/summarize/llm/truncate.js');
    assert.ok(countTokens(article) <= 300 + 5, `article block is ${countTokens(article)} tokens`);
    assert.ok(article.indexOf('LEAD:') < article.indexOf('SECOND:') && article.indexOf('SECOND:') < article.indexOf('KEY: The Okinawa'), article);
    assert.ok(!article.includes('Background 104'), 'late filler is cut');
  } finally { await fake.close(); }
});
