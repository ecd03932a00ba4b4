import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { articlePage, rssFeed } from './site.js';
import { READOUT, WIRE } from './story-site.js';
import { testConfig } from './harness.js';
import { createFetcher } from '../../src/net/index.js';
import { runIngest } from '../../src/jobs/ingest.js';
import { draftKey, runSummarize } from '../../src/jobs/summarize.js';
import { silentLogger } from '../../src/jobs/log.js';
import { offlineSummarizer, type Summarizer } from '../../src/summarize/index.js';
import type { SummaryInput } from '../../src/domain/types.js';
import type { Config } from '../../src/config/schema.js';
import type { Store } from '../../src/store/index.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

/** The offline summarizer, keeping every input it was given. */
function recording(): Summarizer & { inputs: SummaryInput[] } {
  const inner = offlineSummarizer();
  const inputs: SummaryInput[] = [];
  return { ...inner, inputs, summarize: (input, ctx) => { inputs.push(input); return inner.summarize(input, ctx); } };
}

function sites() {
  const gov = '127.0.7.1', wire = '127.0.8.1';
  const state = { gov: [READOUT], wire: [] as typeof READOUT[] };
  for (const [host, key] of [[gov, 'gov'], [wire, 'wire']] as const) {
    server.route('/f.xml', () => ({ status: 200, headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(state[key].map((a) => ({ a, link: `/a/${a.slug}` }))) }), host);
    for (const a of [READOUT, WIRE]) server.route(`/a/${a.slug}`, staticBody(articlePage(a)), host);
  }
  const config = testConfig([
    { id: 'gov', name: 'Foreign Ministry', type: 'rss', url: server.url(gov, '/f.xml'), primary: true },
    { id: 'wire', name: 'Harbor Wire', type: 'rss', url: server.url(wire, '/f.xml') },
  ]);
  return { state, config };
}

async function ingest(config: Config, store: Store, summarizer: Summarizer) {
  const fetcher = createFetcher(config.fetch);
  try {
    return await runIngest({ config, store, fetcher, log: silentLogger(), now: () => new Date('2026-12-20T00:00:00Z'), summarizer }, { trigger: 'test' });
  } finally { await fetcher.close(); }
}

test("the summarizer gets the story's other outlets, and a new outlet changes the draft's cache key", async () => {
  const { state, config } = sites();
  const { store, cleanup } = tempStore();
  try {
    const summarizer = recording();
    await ingest(config, store, summarizer);
    assert.equal(summarizer.inputs.length, 1);
    assert.equal(summarizer.inputs[0].others, undefined, 'a story of one item has no others');
    const [alone] = store.listSummaryJobs(10, true);
    assert.deepEqual(alone.others, []);
    const keyAlone = draftKey(summarizer, alone);

    state.wire = [WIRE];
    await ingest(config, store, summarizer);
    const [job] = store.listSummaryJobs(10, true);
    assert.equal(job.story_id, alone.story_id, 'the wire story joined the readout');
    assert.equal(job.others.length, 1);
    assert.equal(job.others[0].source, 'Harbor Wire');
    assert.equal(job.others[0].title, WIRE.title);
    assert.match(job.others[0].text, /pledged on Tuesday to keep working in step/);
    assert.notEqual(draftKey(summarizer, job), keyAlone, 'the other outlet is part of the cache key');

    await runSummarize({ config, store, summarizer, log: silentLogger(), now: () => new Date(), runId: null }, { storyIds: [job.story_id], redo: true });
    const last = summarizer.inputs.at(-1)!;
    assert.equal(last.others?.length, 1);
    assert.equal(last.others![0].source, 'Harbor Wire');
    assert.ok(last.title.startsWith(READOUT.title), 'the lead item stays the primary source');
  } finally { cleanup(); }
});
