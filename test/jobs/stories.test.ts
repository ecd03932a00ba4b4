import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { startFakeOpenAI, completion, type ChatBody } from '../support/fake-openai.js';
import { tempStore } from '../support/temp-db.js';
import { articlePage, rssFeed, ARTICLES, type FixtureArticle } from './site.js';
import { READOUT, WIRE, LATER_CALL, FOLLOW_UP } from './story-site.js';
import { testConfig } from './harness.js';
import type { Config } from '../../src/config/schema.js';
import { createFetcher } from '../../src/net/index.js';
import { runIngest } from '../../src/jobs/ingest.js';
import { runSummarize } from '../../src/jobs/summarize.js';
import { buildSummarizer } from '../../src/app/summarizer.js';
import { silentLogger } from '../../src/jobs/log.js';
import { splitItem, mergeStories } from '../../src/jobs/stories.js';
import { createIssue, addToIssue, publishIssue } from '../../src/jobs/issues.js';
import type { Store } from '../../src/store/index.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

/** Serves a government site (primary) and a wire service; `gov`/`wire` say which articles each feed lists now. */
function sites(tag: string) {
  const gov = `127.0.5.${tag}`, wire = `127.0.6.${tag}`;
  const state: { gov: FixtureArticle[]; wire: FixtureArticle[] } = { gov: [], wire: [] };
  for (const [host, key] of [[gov, 'gov'], [wire, 'wire']] as const) {
    server.route('/f.xml', () => ({ status: 200, headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(state[key].map((a) => ({ a, link: `/a/${a.slug}` }))) }), host);
    for (const a of [READOUT, WIRE, LATER_CALL, FOLLOW_UP, ...ARTICLES]) server.route(`/a/${a.slug}`, staticBody(articlePage(a)), host);
  }
  const config = testConfig([
    { id: 'gov', name: 'Foreign Ministry', type: 'rss', url: server.url(gov, '/f.xml'), primary: true },
    { id: 'wire', name: 'Harbor Wire', type: 'rss', url: server.url(wire, '/f.xml') },
  ]);
  return { state, config };
}

async function ingest(config: Config, store: Store, llmBase?: string) {
  const fetcher = createFetcher(config.fetch);
  let runId: number | null = null;
  const now = () => new Date('2026-12-20T00:00:00Z');
  const summarizer = buildSummarizer(llmBase ? 'llm' : 'offline', config, { env: llmBase ? { OPENAI_BASE_URL: llmBase, OPENAI_API_KEY: 'k' } : {},
    store, log: silentLogger(), runId: () => runId, now });
  try {
    return await runIngest({ config: { ...config, llm: { model: 'm', max_input_tokens: 2000, max_output_tokens: 300, temperature: 0, concurrency: 1, timeout_ms: 5000 } },
      store, fetcher, log: silentLogger(), now, summarizer, onRunId: (id) => { runId = id; } }, { trigger: 'test' });
  } finally { await fetcher.close(); }
}

const byTitle = (store: Store, title: string) => store.listItems({}).find((i) => i.title?.startsWith(title))!;

test('a readout and a paraphrasing wire story are one story led by the primary source; another call a month later is not', async () => {
  const { state, config } = sites('1');
  const { store, cleanup } = tempStore();
  try {
    state.wire = [WIRE, LATER_CALL];
    state.gov = [READOUT];
    const r = await ingest(config, store);
    assert.equal(r.items.joined, 1);
    const readout = byTitle(store, READOUT.title), wire = byTitle(store, WIRE.title), later = byTitle(store, LATER_CALL.title);
    assert.equal(readout.story_id, wire.story_id);
    assert.notEqual(later.story_id, readout.story_id);
    assert.equal(readout.story_lead, true, 'the primary source leads');
    assert.equal(wire.story_lead, false);
    const story = store.listStories().find((s) => s.story_id === readout.story_id)!;
    assert.deepEqual(story.item_ids.sort(), [readout.id, wire.id].sort());
    assert.deepEqual(story.sources.sort(), ['gov', 'wire']);
    assert.equal(store.listCards({ review: 'new' }).cards.length, 2, 'one card per story');
    const card = store.getCard(readout.story_id!)!;
    assert.equal(card.item_count, 2);
    assert.equal(card.sources[0].id, 'gov');
  } finally { cleanup(); }
});

test('summaries cost one per story: a new member joining a drafted story makes no call; a redraft does', async () => {
  const fake = await startFakeOpenAI({ handler: (body: ChatBody) => {
    const user = body.messages.at(-1)!.content;
    const first = /\n\n(.{60,}?\.)\s/.exec(user.slice(user.indexOf('<article>')))?.[1] ?? 'Officials met.';
    return completion(JSON.stringify({ headline: 'Japan and US deputies coordinate on Ukraine aid', bullet: `${first} ${first}`, topics: ['diplomacy'], topic_confidence: 0.8 }));
  } });
  const { state, config } = sites('2');
  const { store, cleanup } = tempStore();
  try {
    state.gov = [READOUT];
    await ingest(config, store, fake.baseUrl);
    assert.equal(fake.calls(), 1);
    state.wire = [WIRE];
    const second = await ingest(config, store, fake.baseUrl);
    assert.equal(second.items.joined, 1);
    assert.equal(fake.calls(), 1, 'the wire story joined the drafted story: no new call');
    const wire = byTitle(store, WIRE.title);
    assert.equal(wire.state, 'summarized');
    assert.equal(wire.headline, 'Japan and US deputies coordinate on Ukraine aid');
    const summarizer = buildSummarizer('llm', config, { env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'k' }, store, log: silentLogger(), runId: () => null, now: () => new Date() });
    await runSummarize({ config, store, summarizer, log: silentLogger(), now: () => new Date(), runId: null }, { storyIds: [wire.story_id!], redo: true });
    assert.equal(fake.calls(), 2, 'the editor asked for a redraft');
  } finally { cleanup(); await fake.close(); }
});

test("the editor's split and merge survive later runs", async () => {
  const { state, config } = sites('3');
  const { store, cleanup } = tempStore();
  try {
    state.gov = [READOUT];
    state.wire = [WIRE, ARTICLES[1]];
    await ingest(config, store);
    const wire = byTitle(store, WIRE.title);
    const chips = byTitle(store, ARTICLES[1].title);
    const split = splitItem(store, wire.id, new Date());
    assert.notEqual(byTitle(store, READOUT.title).story_id, split);
    mergeStories(store, chips.story_id!, split, new Date());
    // A later run with new coverage of the same call: the readout's story takes it; the editor's placements stay.
    state.wire = [WIRE, ARTICLES[1], FOLLOW_UP];
    await ingest(config, store);
    assert.equal(byTitle(store, WIRE.title).story_id, chips.story_id, 'merged item stays merged');
    assert.notEqual(byTitle(store, WIRE.title).story_id, byTitle(store, READOUT.title).story_id, 'split stays split');
    assert.ok(store.listStories().every((s) => s.item_ids.length > 0));
    assert.throws(() => splitItem(store, byTitle(store, ARTICLES[5].title)?.id ?? 999999, new Date()));
  } finally { cleanup(); }
});

test('an item about a story an issue already published is a follow-up, not a fresh candidate', async () => {
  const { state, config } = sites('4');
  const { store, cleanup } = tempStore();
  try {
    state.gov = [READOUT];
    await ingest(config, store);
    const readout = byTitle(store, READOUT.title);
    const issue = createIssue(store, config, {}, new Date());
    addToIssue(store, issue.id, [readout.id], new Date());
    publishIssue(store, issue.id, new Date());
    state.wire = [FOLLOW_UP];
    const r = await ingest(config, store);
    assert.equal(r.items.follow_ups, 1);
    const follow = byTitle(store, FOLLOW_UP.title);
    assert.notEqual(follow.story_id, readout.story_id);
    const story = store.listStories().find((s) => s.story_id === follow.story_id)!;
    assert.equal(story.follow_up_of, issue.id);
    assert.equal(store.listCards({ review: 'new' }).cards.length, 0, 'not among fresh candidates');
    const followUps = store.listCards({ review: 'new', follow_ups: true }).cards;
    assert.deepEqual(followUps.map((c) => c.story_id), [follow.story_id]);
    assert.equal(followUps[0].follow_up_label, '1.1');
  } finally { cleanup(); }
});
