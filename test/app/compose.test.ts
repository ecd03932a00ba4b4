import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { compose } from '../../src/app/compose.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { createEndpointRegistry, processEndpoints } from '../../src/summarize/llm/index.js';
import type { SummaryInput } from '../../src/domain/types.js';
import { startFakeOpenAI, completion, type ChatBody, type FakeOpenAI } from '../support/fake-openai.js';
import { tempDir, tempStore } from '../support/temp-db.js';
import { UsageError } from '../../src/cli/io.js';

const TOPICS = [{ id: 'defense', label: 'Defense' }, { id: 'energy', label: 'Energy' }];

function config(llm?: Record<string, unknown>): Config {
  return configSchema.parse({
    publication: { name: 'Harbor Letter' },
    topics: TOPICS,
    sources: [{ id: 'wire', name: 'Wire', type: 'rss', url: 'http://127.0.0.1:9/feed' }],
    ...(llm ? { llm } : {}),
  });
}

/** An article in our own words: two long sentences the fake draft quotes back, so verification passes. */
const INPUT: SummaryInput = {
  title: 'Port of Naha adds a second fuel pier for allied supply ships',
  text: 'The harbor authority in Naha said on Tuesday that a second fuel pier will open next spring for supply ships of both navies.\n' +
    'Officials from Tokyo and Washington signed the cost-sharing note after two years of talks about the crowded berths.',
  source: 'Wire', published_at: '2026-11-20T00:00:00Z', url: 'https://wire.example/naha-pier', relevance_terms: ['Tokyo', 'Washington'],
};
const CTX = { publication: 'Harbor Letter', topics: config().topics };

const isTriage = (b: ChatBody) => /You screen news articles/.test(b.messages[0].content);
function answer(b: ChatBody) {
  if (isTriage(b)) return completion(JSON.stringify({ relevant: true, topics: ['defense'] }));
  return completion(JSON.stringify({ headline: 'Naha adds a second fuel pier', topics: ['defense'], topic_confidence: 0.8,
    bullet: 'The harbor authority in Naha said on Tuesday that a second fuel pier will open next spring for supply ships of both navies.' }));
}

let fake: FakeOpenAI;
before(async () => {
  // Like some llama.cpp builds: any response_format is refused with a 400, so the mode is probed down to "none".
  fake = await startFakeOpenAI({ handler: answer, structured: 'none' });
});
after(async () => { await fake.close(); });

test('no LLM configured: the offline summarizer, no triage tier — whatever process.env says, only the env passed in counts', () => {
  const t = tempStore();
  const saved = process.env.OPENAI_BASE_URL;
  process.env.OPENAI_BASE_URL = fake.baseUrl;
  try {
    const app = compose({ config: config(), env: {}, store: t.store });
    assert.equal(app.summarizerKind, 'offline');
    assert.equal(app.summarizer(() => null).name, 'offline');
    assert.equal(app.triage(() => null), null);
    assert.equal(app.endpoints, processEndpoints, 'by default the process-wide registry');
    // The same config with a key in the env object given: the LLM.
    assert.equal(compose({ config: config(), env: { OPENAI_API_KEY: 'k' }, store: t.store }).summarizerKind, 'llm');
    // --summarizer offline wins over a configured endpoint.
    assert.equal(compose({ config: config({ base_url: fake.baseUrl }), env: {}, store: t.store, summarizer: 'offline' }).summarizerKind, 'offline');
    assert.equal(fake.calls(), 0);
  } finally {
    if (saved === undefined) delete process.env.OPENAI_BASE_URL; else process.env.OPENAI_BASE_URL = saved;
    t.cleanup();
  }
});

test('llm.base_url set: the LLM summarizer drafts through the real openai client, its calls stored as rows of the run', async () => {
  const t = tempStore();
  try {
    const before = fake.calls();
    const app = compose({ config: config({ base_url: fake.baseUrl, model: 'harbor-model' }), env: {}, store: t.store,
      endpoints: createEndpointRegistry() });
    assert.equal(app.summarizerKind, 'llm');
    const s = app.summarizer(() => null);
    assert.equal(s.name, 'llm:harbor-model');
    const r = await s.summarize(INPUT, CTX);
    assert.equal(r.summary.headline, 'Naha adds a second fuel pier');
    assert.ok(fake.calls() > before, 'the request went to llm.base_url');
    assert.ok(fake.chats().slice(before).every((b) => b.model === 'harbor-model'));
    assert.equal(app.triage(() => null), null, 'no triage tier without llm.models.triage or llm.triage_band');
    const db = new Database(t.file, { readonly: true });
    try {
      const ok = db.prepare(`SELECT count(*) FROM llm_calls WHERE model = 'harbor-model' AND outcome = 'ok'`).pluck().get();
      assert.equal(ok, 1);
    } finally { db.close(); }
  } finally { t.cleanup(); }
});

test('one endpoint registry is shared by every summarizer and triage tier the root builds: the probed response_format is not probed again', async () => {
  const t = tempStore();
  try {
    const registry = createEndpointRegistry();
    const cfg = config({ base_url: fake.baseUrl, model: 'draft-model', models: { triage: 'cheap-model' } });
    const app = compose({ config: cfg, env: {}, store: t.store, endpoints: registry });
    assert.equal(app.endpoints, registry);
    const start = fake.chats().length;
    await app.summarizer(() => null).summarize(INPUT, CTX);
    const drafts = fake.chats().slice(start);
    // json_schema refused, json_object refused, then the plain prompt.
    assert.deepEqual(drafts.map((b) => b.response_format?.type ?? 'none'), ['json_schema', 'json_object', 'none']);
    assert.deepEqual({ mode: registry.get(fake.baseUrl).mode, known: registry.get(fake.baseUrl).known }, { mode: 'none', known: true });

    const triage = app.triage(() => null);
    assert.ok(triage, 'llm.models.triage builds the triage tier');
    const mid = fake.chats().length;
    await triage.judge(INPUT);
    await app.summarizer(() => null).summarize(INPUT, CTX);
    const later = fake.chats().slice(mid);
    assert.deepEqual(later.map((b) => [b.model, b.response_format?.type ?? 'none']), [['cheap-model', 'none'], ['draft-model', 'none']],
      'the triage tier and a second summarizer use the mode the first one found');

    // A root with its own registry knows nothing yet and probes again.
    const other = compose({ config: cfg, env: {}, store: t.store, endpoints: createEndpointRegistry() });
    const again = fake.chats().length;
    await other.triage(() => null)!.judge(INPUT);
    assert.equal(fake.chats()[again].response_format?.type, 'json_schema');
  } finally { t.cleanup(); }
});

test('the store: a database that must exist is refused (exit 2) and not created; write mode creates it; close() closes it', () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'typo.db');
    assert.throws(() => compose({ config: config(), env: {}, db: { file, mode: 'read' } }), UsageError);
    assert.throws(() => compose({ config: config(), env: {}, db: { file, mode: 'default', given: true } }), UsageError);
    assert.equal(existsSync(file), false);
    const app = compose({ config: config(), env: {}, db: { file: join(dir, 'fresh.db'), mode: 'default', given: false } });
    assert.equal(app.created, true);
    assert.equal(app.store.listRuns().length, 0);
    app.close();
    assert.throws(() => app.store.listRuns());
  } finally { cleanup(); }
});

test('the logger follows NEWSDESK_LOG_LEVEL of the env passed in, else the command default', () => {
  const t = tempStore();
  try {
    const stream = { write: () => true } as unknown as NodeJS.WritableStream;
    const level = (env: Record<string, string>) =>
      compose({ config: config(), env, store: t.store, log: { stream: stream as never, defaultLevel: 'warn' } }).log.level;
    assert.equal(level({}), 'warn');
    assert.equal(level({ NEWSDESK_LOG_LEVEL: 'debug' }), 'debug');
  } finally { t.cleanup(); }
});
