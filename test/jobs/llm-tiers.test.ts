/**
 * Cost tiers, the per-issue budget and drafts only for shortlisted stories (issue 14), through the
 * real ingest and summarize jobs, the real `openai` client and the fake server on 127.0.0.1.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { startFakeOpenAI, completion, type ChatBody, type FakeReply } from '../support/fake-openai.js';
import { tempStore } from '../support/temp-db.js';
import { ARTICLES, articlePage, rssFeed } from './site.js';
import { testConfig } from './harness.js';
import { runIngest } from '../../src/jobs/ingest.js';
import { runSummarize } from '../../src/jobs/summarize.js';
import { buildSummarizer, buildTriage } from '../../src/app/summarizer.js';
import { costsReport } from '../../src/jobs/llm-budget.js';
import { addToIssue, createIssue, publishIssue } from '../../src/jobs/issues.js';
import { reviewItem } from '../../src/learn/index.js';
import { createFetcher } from '../../src/net/index.js';
import { silentLogger } from '../../src/jobs/log.js';
import type { Config } from '../../src/config/schema.js';
import type { Store } from '../../src/store/index.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const TOPICS = [
  { id: 'defense', label: 'Defense', description: 'forces and drills', keywords: ['coast guard', 'drill'] },
  { id: 'energy', label: 'Energy', description: 'fuel and power', keywords: ['LNG', 'natural gas'] },
  { id: 'technology', label: 'Technology', description: 'chips and research', keywords: ['chip', 'quantum'] },
];

function siteConfig(host: string, llm: Partial<NonNullable<Config['llm']>>): Config {
  server.route('/f.xml', staticBody(rssFeed(ARTICLES.map((a) => ({ a, link: `/a/${a.slug}` }))), { contentType: 'application/rss+xml' }), host);
  for (const a of ARTICLES) server.route(`/a/${a.slug}`, staticBody(articlePage(a)), host);
  const config = { ...testConfig([{ id: 'h', type: 'rss', url: server.url(host, '/f.xml') }]), topics: TOPICS };
  config.llm = { model: 'one-model', max_input_tokens: 2000, max_output_tokens: 400, temperature: 0, concurrency: 1, timeout_ms: 5000,
    prices: { input_per_mtok: 1, output_per_mtok: 0 }, ...llm };
  return config;
}

const articleOf = (body: ChatBody) => {
  const user = body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  return user.slice(user.indexOf('<article>'));
};
const titleOf = (body: ChatBody) => /Title: (.*)/.exec(articleOf(body))?.[1] ?? '';
const isTriage = (body: ChatBody) => /You screen news articles/.test(body.messages[0].content);

/** A draft made of the article's own sentences, so verification passes; 1,000 prompt tokens a call. */
function draftFrom(body: ChatBody): FakeReply {
  const article = articleOf(body);
  const sentences = article.split('\n').filter((l) => l.length > 80).slice(0, 2).join(' ');
  return completion(JSON.stringify({ headline: titleOf(body).split(' ').slice(0, 9).join(' '), bullet: sentences,
    topics: [/LNG/.test(article) ? 'energy' : /chip|quantum/.test(article) ? 'technology' : 'defense'], topic_confidence: 0.8 }),
  { usage: { prompt_tokens: 1000, completion_tokens: 0 } });
}

/** The fake triage model: says no to the chip story (which the rules let through) and yes to the sumo story (which they set aside). */
function triageVerdict(body: ChatBody): FakeReply {
  const title = titleOf(body);
  const relevant = !/chip|Springfield/i.test(title);
  return completion(JSON.stringify({ relevant, topics: relevant ? ['defense'] : [] }), { usage: { prompt_tokens: 200, completion_tokens: 0 } });
}

async function ingest(config: Config, store: Store, baseUrl: string, now = () => new Date()) {
  const fetcher = createFetcher(config.fetch);
  let runId: number | null = null;
  const env = { OPENAI_BASE_URL: baseUrl };
  const built = { env, store, log: silentLogger(), now, runId: () => runId };
  try {
    return await runIngest({ config, store, fetcher, log: silentLogger(), now, summarizer: buildSummarizer('llm', config, built),
      triage: buildTriage('llm', config, built), onRunId: (id) => { runId = id; } }, { trigger: 'test' });
  } finally { await fetcher.close(); }
}

async function summarize(config: Config, store: Store, baseUrl: string) {
  const runId = store.createRun('test', process.pid, new Date().toISOString());
  const summarizer = buildSummarizer('llm', config, { env: { OPENAI_BASE_URL: baseUrl }, store, log: silentLogger(), runId: () => runId, now: () => new Date() });
  return runSummarize({ config, store, summarizer, log: silentLogger(), now: () => new Date(), runId });
}

test('tiers: the triage model decides borderline items, the draft model drafts only what passed; each call records its tier and model', async () => {
  const fake = await startFakeOpenAI({ handler: (b) => (isTriage(b) ? triageVerdict(b) : draftFrom(b)) });
  const { store, cleanup } = tempStore();
  try {
    // min_score 0.3 with a band of 0.7: every article of the site is borderline here.
    const config = siteConfig('127.0.7.1', { models: { triage: 'cheap-model', draft: 'strong-model' }, triage_band: 0.7,
      model_prices: { 'cheap-model': { input_per_mtok: 0.5, output_per_mtok: 0 }, 'strong-model': { input_per_mtok: 10, output_per_mtok: 0 } } });
    config.relevance.min_score = 0.3;
    const report = await ingest(config, store, fake.baseUrl);
    const chats = fake.chats();
    const triaged = chats.filter(isTriage);
    const drafted = chats.filter((b) => !isTriage(b));
    assert.equal(triaged.length, ARTICLES.length, 'one triage call per borderline article');
    assert.ok(triaged.every((b) => b.model === 'cheap-model'));
    assert.ok(drafted.every((b) => b.model === 'strong-model'));
    assert.deepEqual(report.triage && { changed: report.triage.changed, failed: report.triage.failed, stopped: report.triage.stopped },
      { changed: 2, failed: 0, stopped: null });
    const draftedTitles = drafted.map(titleOf).sort();
    assert.ok(!draftedTitles.some((t) => /chip/i.test(t)), 'the story triage turned down gets no draft call');
    assert.ok(draftedTitles.some((t) => /Yokozuna/.test(t)), 'the story triage let through is drafted');
    // Four stories drafted (the fake's sumo draft carries a topic the article does not support, so it gets one retry).
    assert.equal(new Set(draftedTitles).size, 4, draftedTitles.join(' | '));
    const d = drafted.length;
    const chip = store.listItems({}).find((i) => /chip/i.test(i.title ?? ''))!;
    assert.equal(chip.state, 'irrelevant');
    assert.ok(chip.relevance_terms.includes('LLM triage (cheap-model): not relevant'), chip.relevance_terms.join(' | '));
    const sumo = store.listItems({}).find((i) => /Yokozuna/.test(i.title ?? ''))!;
    assert.ok(sumo.relevance_terms.includes('LLM triage (cheap-model): relevant; topics defense'));
    const costs = costsReport(config, store);
    assert.deepEqual(costs.by_tier.map((t) => [t.tier, t.calls, t.tokens_in, t.cost_usd]),
      [['triage', 6, 1200, 0.0006], ['draft', d, d * 1000, d * 0.01]]);
    assert.deepEqual(costs.by_model.map((m) => [m.model, m.calls]), [['strong-model', d], ['cheap-model', 6]]);
    assert.deepEqual(costs.total, { calls: 6 + d, tokens_in: 1200 + d * 1000, tokens_out: 0, cost_usd: Math.round((0.0006 + d * 0.01) * 1e6) / 1e6 });
    // A second run triages nothing again.
    await ingest(config, store, fake.baseUrl);
    assert.equal(fake.chats().filter(isTriage).length, ARTICLES.length);
  } finally { cleanup(); await fake.close(); }
});

test('with a single llm.model both tiers use it; without triage settings no triage call is made', async () => {
  const fake = await startFakeOpenAI({ handler: (b) => (isTriage(b) ? triageVerdict(b) : draftFrom(b)) });
  const { store, cleanup } = tempStore();
  const other = tempStore();
  try {
    const config = siteConfig('127.0.7.2', { triage_band: 0.7 });
    config.relevance.min_score = 0.3;
    await ingest(config, store, fake.baseUrl);
    assert.ok(fake.chats().length > 0 && fake.chats().every((b) => b.model === 'one-model'));
    assert.equal(fake.chats().filter(isTriage).length, ARTICLES.length);
    const before = fake.calls();
    const plain = siteConfig('127.0.7.2', {});
    await ingest(plain, other.store, fake.baseUrl);
    assert.equal(fake.chats().slice(before).filter(isTriage).length, 0, 'no llm.models.triage and no triage_band: the rules decide alone');
  } finally { cleanup(); other.cleanup(); await fake.close(); }
});

test('llm.budget_usd_per_issue stops calls once spent, says why in `stopped`; publishing the issue opens a new budget', async () => {
  const fake = await startFakeOpenAI({ handler: (b) => draftFrom(b) });
  const { store, cleanup } = tempStore();
  try {
    // $0.001 a call (1,000 tokens at $1 per million); the budget allows two.
    const config = siteConfig('127.0.7.3', { budget_usd_per_issue: 0.002 });
    await ingest({ ...config, llm: { ...config.llm!, budget_usd_per_issue: 0 } }, store, fake.baseUrl);
    assert.equal(fake.calls(), 0, 'a spent (zero) budget sends nothing, also at ingest');
    const first = await summarize(config, store, fake.baseUrl);
    assert.equal(first.summarized, 2);
    assert.equal(fake.calls(), 2);
    assert.match(first.stopped ?? '', /^the LLM budget for the next issue is spent \(\$0\.0020 of llm\.budget_usd_per_issue \$0\.002 since the first call\).*raise llm\.budget_usd_per_issue/);
    const again = await summarize(config, store, fake.baseUrl);
    assert.equal(fake.calls(), 2, 'no call while the issue window is spent');
    assert.match(again.stopped ?? '', /budget/);
    // The editor publishes the issue: the next window starts with a fresh budget.
    const issue = createIssue(store, config, {}, new Date());
    addToIssue(store, issue.id, [store.listItems({ state: 'summarized' })[0].id], new Date());
    publishIssue(store, String(issue.id), new Date());
    const next = await summarize(config, store, fake.baseUrl);
    assert.equal(next.summarized, 2);
    assert.equal(fake.calls(), 4);
    const old = costsReport(config, store, store.getIssue(issue.id)!);
    assert.equal(old.total.calls, 2);
    assert.equal(costsReport(config, store).total.calls, 2, 'the current window holds only the calls after publication');
  } finally { cleanup(); await fake.close(); }
});

test('llm.draft_only_shortlisted: no draft call until the editor shortlists; then only that story is drafted', async () => {
  const fake = await startFakeOpenAI({ handler: (b) => draftFrom(b) });
  const { store, cleanup } = tempStore();
  try {
    const config = siteConfig('127.0.7.4', { draft_only_shortlisted: true });
    const report = await ingest(config, store, fake.baseUrl);
    assert.equal(fake.calls(), 0, 'nothing is drafted before the editor shortlists');
    assert.equal(report.summarize?.summarized, 0);
    const lng = store.listItems({}).find((i) => /LNG/.test(i.title ?? ''))!;
    assert.equal(lng.state, 'extracted', 'the story is on the desk, undrafted');
    reviewItem(store, config, lng.id, { action: 'shortlist' }, 'cli', new Date());
    const r = await summarize(config, store, fake.baseUrl);
    assert.equal(r.summarized, 1);
    assert.deepEqual(fake.chats().map(titleOf), [lng.title]);
  } finally { cleanup(); await fake.close(); }
});
