import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { articlePage, rssFeed, type FixtureArticle } from '../jobs/site.js';
import { testConfig } from '../jobs/harness.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { createFetcher } from '../../src/net/index.js';
import { runIngest } from '../../src/jobs/ingest.js';
import { silentLogger } from '../../src/jobs/log.js';
import { embeddingsFor } from '../../src/app/compose.js';
import { cosine, embeddingStage } from '../../src/cluster/embeddings.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

// Two reports of one ferry fire in different words and with different names (fiction written for these tests).
const HARBOR: FixtureArticle = {
  slug: 'harbor', title: 'Engine fire idles island ferry near Naha', date: '2026-11-18T06:00:00Z', paragraphs: [
    'A passenger ferry bound for Kumejima was towed back to port in Naha, Okinawa on Sunday after smoke filled its engine room, the operator Ryukyu Kaiun said.',
    'All 112 passengers were taken off safely. A U.S. Navy tug from White Beach helped bring the ship alongside, according to the coast guard.',
  ],
};
const ISLES: FixtureArticle = {
  slug: 'isles', title: 'Blaze below deck strands remote isle without its sea link', date: '2026-11-18T11:00:00Z', paragraphs: [
    'Residents of a small Japanese isle west of the prefectural capital face days without a crossing after a blaze below deck forced their boat to turn around.',
    'Everyone aboard got off unhurt, local officials told reporters, and American sailors lent a hand with the tow.',
  ],
};
// A different event: must stay apart even with embeddings on.
const CHIPS: FixtureArticle = {
  slug: 'chips', title: 'Tokyo and Washington tighten checks on chip tools', date: '2026-11-18T08:00:00Z', paragraphs: [
    'Japan and the United States agreed on Tuesday to widen export checks on chipmaking tools, trade officials in Tokyo said.',
    'The rules cover lithography parts and take effect in spring.',
  ],
};

/** Words → dimension: the fake model "understands" that fire/blaze and ferry/boat mean the same. */
const SENSES: string[][] = [
  ['fire', 'blaze', 'smoke'], ['ferry', 'boat', 'ship', 'vessel', 'crossing', 'sea link'], ['island', 'isle'],
  ['tow', 'towed'], ['passengers', 'aboard', 'residents'], ['chip', 'export', 'lithography'], ['trade', 'rules'],
];

/** A deterministic vector: one dimension per sense present, plus a little hash noise so no two are identical. */
function fakeVector(text: string): number[] {
  const t = text.toLowerCase();
  const v = SENSES.map((words) => (words.some((w) => t.includes(w)) ? 1 : 0));
  let h = 2166136261;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619);
  return [...v, ((h >>> 0) % 100) / 2000, ((h >>> 8) % 100) / 2000];
}

type Mode = 'ok' | '500' | 'garbage' | 'hang' | 'wrong-count';
interface FakeEmbeddings { base: string; calls: { input: string[]; model: string; auth: string | undefined }[]; mode: Mode; close(): Promise<void> }

async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  const fake: FakeEmbeddings = { base: '', calls: [], mode: 'ok', close: async () => {} };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') { res.writeHead(404).end('{}'); return; }
      const parsed = JSON.parse(body) as { input: string | string[]; model: string };
      const input = Array.isArray(parsed.input) ? parsed.input : [parsed.input];
      fake.calls.push({ input, model: parsed.model, auth: req.headers.authorization });
      if (fake.mode === 'hang') return; // never answers; the client's timeout ends it
      if (fake.mode === '500') { res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}'); return; }
      if (fake.mode === 'garbage') { res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json'); return; }
      const data = (fake.mode === 'wrong-count' ? input.slice(1) : input).map((s, index) => ({ object: 'embedding', index, embedding: fakeVector(s) }));
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data, model: parsed.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); });
  return fake;
}

let site: FixtureServer;
let fake: FakeEmbeddings;
before(async () => { site = await startFixtureServer(); fake = await startFakeEmbeddings(); });
after(async () => { await site.close(); await fake.close(); });

let hostN = 0;
/** Two outlets on their own loopback hosts; `list` says which articles each feed lists now. */
function outlets(cluster?: Record<string, unknown>) {
  const tag = ++hostN;
  const list: { a: FixtureArticle[]; b: FixtureArticle[] } = { a: [], b: [] };
  for (const [host, key] of [[`127.0.8.${tag}`, 'a'], [`127.0.9.${tag}`, 'b']] as const) {
    site.route('/f.xml', () => ({ status: 200, headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed(list[key].map((a) => ({ a, link: `/a/${a.slug}` }))) }), host);
    for (const a of [HARBOR, ISLES, CHIPS]) site.route(`/a/${a.slug}`, staticBody(articlePage(a)), host);
  }
  const base = testConfig([
    { id: 'a', name: 'Naha Times', type: 'rss', url: site.url(`127.0.8.${tag}`, '/f.xml') },
    { id: 'b', name: 'Island Wire', type: 'rss', url: site.url(`127.0.9.${tag}`, '/f.xml') },
  ]);
  const config: Config = cluster ? { ...base, cluster: configSchema.shape.cluster.parse(cluster) } : base;
  return { list, config };
}

async function ingest(config: Config, store: Store, env: NodeJS.ProcessEnv = {}) {
  const fetcher = createFetcher(config.fetch);
  try {
    return await runIngest({ config, store, fetcher, log: silentLogger(), now: () => new Date('2026-11-19T00:00:00Z'), embeddings: embeddingsFor(config, env) },
      { trigger: 'test' });
  } finally {
    await fetcher.close();
  }
}

/** Story id of each stored item, by title. */
function storyOfTitle(store: Store): Map<string, number> {
  const out = new Map<string, number>();
  const title = new Map(store.listItems({ limit: 1000 }).map((i) => [i.id, i.title ?? '']));
  for (const s of store.listStories()) {
    for (const id of s.item_ids) out.set(title.get(id)!, s.story_id);
  }
  return out;
}

const EMB = () => ({ embeddings: { base_url: fake.base, model: 'fake-embed' } });

test('the fake model puts the two ferry reports close together and the chip story far away', () => {
  const v = (a: FixtureArticle) => Float32Array.from(fakeVector(`${a.title}\n${a.paragraphs.join(' ')}`));
  assert.ok(cosine(v(HARBOR), v(ISLES)) > 0.95);
  assert.ok(cosine(v(HARBOR), v(CHIPS)) < 0.3);
});

test('lexical matching alone keeps the paraphrased reports apart; with embeddings they join', async () => {
  for (const withEmb of [false, true]) {
    const t = tempStore();
    try {
      const { list, config } = outlets(withEmb ? EMB() : undefined);
      list.a = [HARBOR, CHIPS];
      list.b = [ISLES];
      const report = await ingest(config, t.store);
      assert.equal(report.outcome, 'ok');
      assert.equal(report.warnings, undefined);
      const story = storyOfTitle(t.store);
      assert.equal(story.size, 3);
      assert.equal(story.get(HARBOR.title) === story.get(ISLES.title), withEmb, withEmb ? 'joined with embeddings' : 'apart without');
      assert.notEqual(story.get(CHIPS.title), story.get(HARBOR.title));
    } finally { t.cleanup(); }
  }
});

test('vectors are cached: a rerun makes no call, a new item costs one call with one input', async () => {
  const t = tempStore();
  try {
    const { list, config } = outlets(EMB());
    list.a = [HARBOR, CHIPS];
    fake.calls.length = 0;
    await ingest(config, t.store);
    assert.equal(fake.calls.length, 1, 'one batched call for the first run');
    assert.equal(fake.calls[0].input.length, 2);
    assert.equal(fake.calls[0].model, 'fake-embed');
    assert.ok(fake.calls[0].input.some((x) => x.startsWith('Engine fire idles island ferry near Naha\nA passenger ferry')), 'title, newline, lead');
    await ingest(config, t.store);
    assert.equal(fake.calls.length, 1, 'rerun: zero calls');
    list.b = [ISLES];
    const r3 = await ingest(config, t.store);
    assert.equal(fake.calls.length, 2);
    assert.equal(fake.calls[1].input.length, 1);
    assert.ok(fake.calls[1].input[0].startsWith(ISLES.title));
    assert.ok(fake.calls[1].input[0].length <= ISLES.title.length + 1 + 1000);
    assert.equal(r3.items.joined, 1, 'the cached vector of an earlier run is used for the candidate');
    const story = storyOfTitle(t.store);
    assert.equal(story.get(HARBOR.title), story.get(ISLES.title));
  } finally { t.cleanup(); }
});

test('a vector survives in the database: a later run (a reopened file) never asks for it again', async () => {
  const t = tempStore();
  try {
    const { list, config } = outlets(EMB());
    list.a = [HARBOR, CHIPS];
    await ingest(config, t.store);
    const ids = t.store.listItems({ limit: 10 }).map((i) => i.id);
    assert.equal(ids.length, 2);
    // A run killed after the vectors were saved but before its items were filed redoes the stage: no call.
    const reopened = openStore(t.file);
    try {
      fake.calls.length = 0;
      const warnings: string[] = [];
      const stage = embeddingStage(config.cluster!.embeddings, { cache: reopened, env: {}, now: () => new Date(), onWarning: (m) => warnings.push(m) })!;
      await stage.prepare(ids.map((id) => ({ id, title: 'x', text: 'y' })));
      assert.equal(fake.calls.length, 0);
      assert.equal(stage.calls(), 0);
      assert.deepEqual(warnings, []);
      for (const id of ids) assert.equal(stage.vectorOf(id)?.length, SENSES.length + 2);
      await stage.prepare([{ id: 999_999, title: 'Ferry fire', text: 'smoke' }]);
      assert.equal(fake.calls.length, 1, 'only the item without a vector is sent');
    } finally { reopened.close(); }
  } finally { t.cleanup(); }
});

for (const mode of ['500', 'garbage', 'hang', 'wrong-count'] as const) {
  test(`endpoint failure (${mode}): ingest completes lexically, every item is stored, one warning names the endpoint`, async () => {
    const t = tempStore();
    try {
      const { list, config } = outlets({ embeddings: { base_url: fake.base, model: 'fake-embed', timeout_ms: 300, batch_size: 1 } });
      list.a = [HARBOR, CHIPS];
      list.b = [ISLES];
      fake.mode = mode;
      fake.calls.length = 0;
      const t0 = performance.now();
      const report = await ingest(config, t.store);
      const ms = performance.now() - t0;
      assert.notEqual(report.outcome, 'failed');
      assert.equal(report.items.extracted, 3);
      assert.equal(fake.calls.length, 1, 'after the first failure the run stops calling');
      assert.equal(report.warnings?.length, 1);
      const w = report.warnings![0];
      assert.ok(w.includes(`${fake.base}/embeddings`), w);
      assert.match(w, /cluster\.embeddings/);
      assert.match(w, mode === '500' ? /HTTP 500/ : mode === 'hang' ? /timed out/ : /not JSON|vectors for/);
      assert.equal(storyOfTitle(t.store).size, 3, 'every item is filed under a story');
      assert.ok(ms < 5000, `took ${ms} ms`);
      // With the endpoint back, the next run has no warning.
      fake.mode = 'ok';
      const again = await ingest(config, t.store);
      assert.equal(again.warnings, undefined);
    } finally { fake.mode = 'ok'; t.cleanup(); }
  });
}

test('api_key_env: the key is sent as a bearer token; an unset variable is a run warning, not a failure', async () => {
  const t = tempStore();
  try {
    const { list, config } = outlets({ embeddings: { base_url: fake.base, model: 'fake-embed', api_key_env: 'NEWSDESK_TEST_EMB_KEY' } });
    list.a = [HARBOR];
    fake.calls.length = 0;
    const r1 = await ingest(config, t.store, {});
    assert.equal(fake.calls.length, 0);
    assert.match(r1.warnings?.[0] ?? '', /NEWSDESK_TEST_EMB_KEY .*is not set/);
    assert.equal(r1.items.extracted, 1);
    list.b = [ISLES];
    await ingest(config, t.store, { NEWSDESK_TEST_EMB_KEY: 'sek' });
    assert.equal(fake.calls.length, 1);
    assert.equal(fake.calls[0].auth, 'Bearer sek');
  } finally { t.cleanup(); }
});

test('config: embeddings are off by default and checked when given', () => {
  const sources = [{ id: 's', name: 'S', type: 'rss', url: 'http://127.0.0.1/f.xml' }];
  const parse = (cluster: unknown) => configSchema.safeParse({ publication: { name: 'P' }, cluster, sources });
  assert.equal(parse(undefined).data?.cluster?.embeddings, undefined);
  const ok = parse({ embeddings: { base_url: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text', api_key_env: 'EMB_KEY' } });
  assert.ok(ok.success);
  assert.equal(ok.data.cluster?.embeddings?.timeout_ms, 15000);
  assert.equal(ok.data.cluster?.embeddings?.batch_size, 64);
  const msg = (cluster: unknown) => {
    const r = parse(cluster);
    assert.ok(!r.success);
    return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
  };
  assert.match(msg({ embeddings: { base_url: 'ftp://h/v1', model: 'm' } }), /cluster\.embeddings\.base_url: must start with http:\/\/ or https:\/\//);
  assert.match(msg({ embeddings: { base_url: 'not a url', model: 'm' } }), /cluster\.embeddings\.base_url: must be a URL/);
  assert.match(msg({ embeddings: { base_url: 'http://h/v1' } }), /cluster\.embeddings\.model/);
  assert.match(msg({ embeddings: { base_url: 'http://h/v1', model: 'm', api_key_env: 'sk-live-123' } }), /NAME of an environment variable/);
  assert.match(msg({ embeddings: { base_url: 'http://h/v1', model: 'm', apikey: 'x' } }), /apikey/);
});
