import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { ARTICLES, articlePage, rssFeed } from '../jobs/site.js';
import { testConfig } from '../jobs/harness.js';
import { tempStore } from '../support/temp-db.js';
import { configSchema } from '../../src/config/schema.js';
import { createIngestRunner } from '../../src/jobs/schedule.js';
import { silentLogger } from '../../src/jobs/log.js';
import { createApp } from '../../src/web/app.js';
import { compose } from '../../src/app/compose.js';
import { client, TOPICS } from './helpers.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

test('"Ingest now" runs the real ingest in-process (offline summarizer) and the new stories become candidates', async () => {
  const host = '127.0.0.1';
  const picked = ARTICLES.filter((a) => ['coast-guard-drill', 'chip-export-talks', 'sumo-results'].includes(a.slug));
  server.route('/feed.xml', staticBody(rssFeed(picked.map((a) => ({ a, link: `/news/${a.slug}` }))), { contentType: 'application/rss+xml' }), host);
  for (const a of picked) server.route(`/news/${a.slug}`, staticBody(articlePage(a), { contentType: 'text/html; charset=utf-8' }), host);
  const base = testConfig([{ id: 'harbor', name: 'Harbor Post', type: 'rss', url: server.url(host, '/feed.xml') }]);
  const config = configSchema.parse({ ...base, topics: TOPICS });
  const t = tempStore();
  try {
    const now = () => new Date('2026-11-21T00:00:00Z');
    const log = silentLogger();
    const runner = createIngestRunner({ config, store: t.store, log, now, edges: compose({ config, env: {}, store: t.store, log, now, summarizer: 'offline' }) });
    const app = createApp({ store: t.store, config, now, runner, log });
    const c = client(app);
    await c.get('/sources');
    const res = await c.post('/ingest');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Run 1 is running/);
    const busy = await c.post('/ingest');
    assert.match(await busy.text(), /Run 1 is (already )?running/, 'a second click does not start a second run');
    await runner.idle();
    const done = await (await c.get('/ingest/progress')).text();
    assert.match(done, /Run 1 \(from the desk\) finished/);
    assert.match(done, /Ok<\/span> — 3 new, 2 relevant/);
    const page = await (await c.get('/')).text();
    assert.match(page, /2 stories since/);
    assert.ok(page.includes('Harbor Post'));
    assert.ok(!page.includes('Yokozuna'), 'the off-topic story is not a candidate');
    const runs = t.store.listRuns();
    assert.equal(runs.length, 1);
    assert.equal(runs[0].trigger, 'web');
    assert.equal(t.store.lockHolder(), undefined);
  } finally { t.cleanup(); }
});
