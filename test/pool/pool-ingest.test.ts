import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, staticBody, delayed, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { ARTICLES, articlePage, rssFeed, type FixtureArticle } from '../jobs/site.js';
import { READOUT, WIRE, LATER_CALL } from '../jobs/story-site.js';
import { testConfig } from '../jobs/harness.js';
import { createFetcher } from '../../src/net/index.js';
import { runIngest, type IngestReport } from '../../src/jobs/ingest.js';
import { silentLogger } from '../../src/jobs/log.js';
import { offlineSummarizer } from '../../src/summarize/index.js';
import { cpuStagesFor } from '../../src/app/compose.js';
import type { Config } from '../../src/config/schema.js';
import type { Store } from '../../src/store/index.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const html = (body: string) => staticBody(body, { contentType: 'text/html; charset=utf-8' });
// Compiled (npm test runs the built copy) the worker is the .js beside this file; from source, the .ts under tsx.
const POISON_WORKER = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? './poison-worker.js' : './poison-worker.ts', import.meta.url));

async function ingest(config: Config, store: Store, workerFile?: string, inlineUntilReady = false): Promise<IngestReport> {
  const fetcher = createFetcher(config.fetch);
  try {
    return await runIngest({ config, store, fetcher, log: silentLogger(), now: () => new Date('2026-11-21T00:00:00Z'),
      summarizer: offlineSummarizer(), cpu: cpuStagesFor(config, { filename: workerFile, inlineUntilReady }) }, { trigger: 'test' });
  } finally {
    await fetcher.close();
  }
}

/** Two outlets: the fixture articles on one, the readout/wire/later call spread over both (two of them one story). */
function serveSite(): { a: string; b: string } {
  const a = '127.0.3.1', b = '127.0.3.2';
  const onA: FixtureArticle[] = [...ARTICLES, READOUT, LATER_CALL];
  server.route('/feed.xml', staticBody(rssFeed(onA.map((x) => ({ a: x, link: `/n/${x.slug}` }))), { contentType: 'application/rss+xml' }), a);
  for (const x of onA) server.route(`/n/${x.slug}`, html(articlePage(x)), a);
  server.route('/feed.xml', staticBody(rssFeed([{ a: WIRE, link: `/w/${WIRE.slug}` }]), { contentType: 'application/rss+xml' }), b);
  server.route(`/w/${WIRE.slug}`, html(articlePage(WIRE)), b);
  return { a, b };
}

/** What a run left in the database, keyed by URL (ids are the same in both runs: they follow discovery order). */
function snapshot(store: Store) {
  const items = store.listItems({ full: true }).map((i) => ({ url: i.url, state: i.state, title: i.title, text: i.text, text_from: i.text_from,
    relevance: i.relevance, terms: i.relevance_terms, published_at: i.published_at })).sort((x, y) => (x.url < y.url ? -1 : 1));
  const urlOf = new Map(store.listItems({ full: true }).map((i) => [i.id, i.url]));
  const stories = store.listStories().map((s) => s.item_ids.map((id) => urlOf.get(id)).sort().join(' + ')).sort();
  const drafts = store.listCards({ review: 'all' }).cards.map((c) => ({ url: c.url, headline: c.draft?.headline ?? c.headline,
    bullet: c.draft?.bullet ?? c.bullet, topics: c.draft?.topics ?? c.topics, unsupported: c.unsupported })).sort((x, y) => (x.url < y.url ? -1 : 1));
  return { items, stories, drafts };
}

test('the same items, stories and drafts inline (cpu_workers: 0), on 2 worker threads, and inline until the threads are ready', async () => {
  const { a, b } = serveSite();
  const sources = [{ id: 'harbor', type: 'rss', url: server.url(a, '/feed.xml') }, { id: 'wire', type: 'rss', url: server.url(b, '/feed.xml') }];
  const runs = [];
  for (const [cpu_workers, inlineUntilReady] of [[0, false], [2, false], [2, true]] as const) {
    const { store, cleanup } = tempStore();
    try {
      const report = await ingest(testConfig(sources, { cpu_workers }), store, undefined, inlineUntilReady);
      assert.equal(report.outcome, 'ok', JSON.stringify(report));
      assert.equal(report.cpu_workers, cpu_workers);
      assert.ok(report.stage_cpu_ms.page > 0 && report.stage_cpu_ms.features > 0 && report.stage_cpu_ms.summary > 0, JSON.stringify(report.stage_cpu_ms));
      runs.push({ report, snap: snapshot(store) });
    } finally { cleanup(); }
  }
  const [inline, pooled, warming] = runs;
  assert.equal(inline.report.items.new, 9);
  assert.ok(inline.report.items.joined >= 1, 'the readout and the wire story are one story');
  assert.ok(inline.snap.drafts.length >= 4 && inline.snap.drafts.every((d) => d.headline && d.bullet), 'every relevant story has a draft');
  assert.deepEqual(pooled.report.items, inline.report.items);
  assert.deepEqual(pooled.report.summarize, inline.report.summarize);
  assert.deepEqual(pooled.snap, inline.snap);
  assert.deepEqual(warming.report.items, inline.report.items);
  assert.deepEqual(warming.snap, inline.snap);
});

test('a worker that throws on a page fails that item with the reason; a worker that dies is replaced and the run completes', async () => {
  const h = '127.0.3.3';
  const [drill, chips, lng, , , quantum] = ARTICLES;
  // No feed text for the poisoned pages, so nothing can stand in for the page.
  const bare = (x: FixtureArticle) => ({ ...x, paragraphs: [] });
  const poisoned = (x: FixtureArticle, marker: string) => articlePage({ ...x, paragraphs: [...x.paragraphs, marker] });
  server.route('/feed.xml', staticBody(rssFeed([
    { a: drill, link: '/p/drill' }, { a: bare(chips), link: '/p/throws' }, { a: lng, link: '/p/lng' },
    { a: bare(quantum), link: '/p/exits' }, { a: READOUT, link: '/p/readout' }, { a: LATER_CALL, link: '/p/later' },
  ]), { contentType: 'application/rss+xml' }), h);
  server.route('/p/drill', html(articlePage(drill)), h);
  server.route('/p/throws', html(poisoned(chips, 'POISON-THROW')), h);
  server.route('/p/lng', html(articlePage(lng)), h);
  server.route('/p/exits', html(poisoned(quantum, 'POISON-EXIT')), h);
  // These two arrive well after the crash, so only a replacement worker can extract them.
  server.route('/p/readout', delayed(400, html(articlePage(READOUT))), h);
  server.route('/p/later', delayed(400, html(articlePage(LATER_CALL))), h);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'harbor', type: 'rss', url: server.url(h, '/feed.xml') }], { cpu_workers: 1, per_host_concurrency: 2 });
    const report = await ingest(config, store, POISON_WORKER);
    assert.equal(report.outcome, 'partial');
    assert.equal(report.items.new, 6);
    assert.equal(report.items.failed, 2);
    assert.equal(report.items.extracted, 4, 'the other four items are extracted: the one worker that died was replaced');
    const byUrl = new Map(store.listItems({ full: true }).map((i) => [new URL(i.url).pathname, i]));
    for (const path of ['/p/drill', '/p/lng', '/p/readout', '/p/later']) assert.match(byUrl.get(path)?.state ?? '', /^(extracted|summarized)$/, path);
    const thrown = byUrl.get('/p/throws')!;
    const died = byUrl.get('/p/exits')!;
    assert.equal(thrown.state, 'failed');
    assert.equal(died.state, 'failed');
    assert.match(thrown.error ?? '', /the parser choked on this page/);
    assert.match(died.error ?? '', /extraction worker failed/);
    assert.ok(report.summarize && report.summarize.summarized >= 1, 'the run went on to its drafts');
  } finally { cleanup(); }
});
