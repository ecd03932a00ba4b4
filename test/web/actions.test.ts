import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';

const d = desk(STORIES);
after(() => d.cleanup());
const [a, b, c3] = d.seeded.map((s) => s.storyId);

test('shortlist into the draft issue, undo it; reject and undo', async () => {
  const c = client(d.app);
  await c.get('/');
  const res = await c.post(`/stories/${a}/shortlist`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Shortlisted into <strong>US-Japan Alliance Digest Vol 1\.1<\/strong>.*data-undo/s);
  assert.equal(d.store.getCard(a)!.review, 'shortlisted');
  assert.equal(d.store.currentDraft()!.item_count, 1);
  await c.post(`/stories/${a}/unshortlist`);
  assert.equal(d.store.getCard(a)!.review, 'new');
  assert.equal(d.store.currentDraft()!.item_count, 0);
  await c.post(`/stories/${b}/reject`);
  assert.equal(d.store.getCard(b)!.review, 'rejected');
  assert.match(await (await c.get('/?review=rejected')).text(), /1 story/);
  const undo = await c.post(`/stories/${b}/undo`);
  assert.match(await undo.text(), /class="card review-new"/);
  assert.equal(d.store.getCard(b)!.review, 'new');
  const missing = await c.post('/stories/99999/reject');
  assert.equal(missing.status, 422);
  assert.equal(missing.headers.get('hx-retarget'), '#toast');
});

test('editing keeps the machine draft; a concurrent save is refused with the newer version shown', async () => {
  const one = client(d.app);
  const two = client(d.app);
  await one.get('/');
  await two.get('/');
  const form1 = await (await one.get(`/stories/${c3}/edit`)).text();
  await two.get(`/stories/${c3}/edit`);
  assert.match(form1, /name="rev" value="0"/);
  const topics = ['energy', 'economic-security'];
  const saved = await one.post(`/stories/${c3}/edit`, { rev: '0', headline: 'Japan signs Alaska LNG deal', bullet: 'Editor bullet one.', topics });
  assert.equal(saved.status, 200);
  const html = await saved.text();
  assert.match(html, /Editor bullet one\./);
  assert.match(html, /Show machine draft/);
  const card = d.store.getCard(c3)!;
  assert.equal(card.bullet, 'Editor bullet one.');
  assert.deepEqual(card.topics, topics);
  assert.equal(card.draft?.headline, STORIES[2].title, 'the machine draft is kept');
  const late = await two.post(`/stories/${c3}/edit`, { rev: '0', headline: 'Other headline', bullet: 'Editor two writes this.', topics: ['energy'] });
  assert.equal(late.status, 409);
  const conflict = await late.text();
  assert.match(conflict, /Not saved: someone else saved this story/);
  assert.match(conflict, /Editor bullet one\./, 'shows the newer version');
  assert.match(conflict, /Editor two writes this\./, 'keeps what the second editor typed');
  assert.match(conflict, /Load the newer version/);
  assert.equal(d.store.getCard(c3)!.bullet, 'Editor bullet one.', 'the first save is intact');
  const reloaded = await (await two.get(`/stories/${c3}/edit`)).text();
  assert.match(reloaded, /name="rev" value="1"/);
  const retry = await two.post(`/stories/${c3}/edit`, { rev: '1', headline: 'Japan signs Alaska LNG deal', bullet: 'Editor two, after reloading.', topics: ['energy'] });
  assert.equal(retry.status, 200);
  assert.equal(d.store.getCard(c3)!.bullet, 'Editor two, after reloading.');
  const empty = await two.post(`/stories/${c3}/edit`, { rev: '2', headline: ' ', bullet: 'x' });
  assert.equal(empty.status, 422);
  assert.match(await empty.text(), /headline cannot be empty/);
});

test('the article text opens beside the summary', async () => {
  const c = client(d.app);
  const html = await (await c.get(`/stories/${a}/text`)).text();
  assert.match(html, /class="text-pane"/);
  assert.match(html, /Officials from Japan and the United States met/);
});

test('draft issue: order, move, remove, preview in the digest shape, downloads, publish', async () => {
  const c = client(d.app);
  await c.get('/');
  for (const s of [a, b, c3]) await c.post(`/stories/${s}/shortlist`);
  const issue = d.store.currentDraft()!;
  const items = d.store.issueEntries(issue.id).map((e) => e.item_id);
  const moved = await c.post(`/issues/${issue.id}/items/${items[2]}/move`, { to: '1' });
  assert.equal(moved.status, 200);
  assert.deepEqual(d.store.issueEntries(issue.id).map((e) => e.item_id), [items[2], items[0], items[1]]);
  await c.post(`/issues/${issue.id}/items/${items[0]}/remove`);
  assert.deepEqual(d.store.issueEntries(issue.id).map((e) => e.item_id), [items[2], items[1]]);
  assert.equal(d.store.getCard(a)!.review, 'new', 'a removed story goes back to the candidates');
  const page = await (await c.get('/issue')).text();
  const preview = page.slice(page.indexOf('class="digest"'));
  const h = preview.indexOf('digest-headlines');
  const bl = preview.indexOf('digest-bullets');
  assert.ok(preview.indexOf('US-Japan Alliance Digest Vol 1.1') < h && h < bl && bl < preview.indexOf('digest-footer'));
  assert.ok(preview.indexOf('Japan signs Alaska LNG deal') < preview.indexOf('economic security dialogue'), 'preview in the issue order');
  assert.match(preview, /Editor two, after reloading\..*href="https:\/\/wire\.example\/story\/3"/s, 'bullet with its source link');
  for (const [fmt, type] of [['md', 'text/markdown'], ['html', 'text/html'], ['docx', 'application/vnd.openxmlformats'], ['txt', 'text/plain'], ['json', 'application/json']]) {
    const r = await c.get(`/issues/${issue.id}/export/${fmt}`);
    assert.equal(r.status, 200, fmt);
    assert.ok(r.headers.get('content-type')!.startsWith(type), `${fmt}: ${r.headers.get('content-type')}`);
    assert.equal(r.headers.get('content-disposition'), `attachment; filename="us-japan-alliance-digest-vol-1-1.${fmt}"`);
  }
  assert.match(await (await c.get(`/issues/${issue.id}/export/md`)).text(), /^# US-Japan Alliance Digest Vol 1\.1/);
  const published = await c.post(`/issues/${issue.id}/publish`, {}, { htmx: false });
  assert.equal(published.status, 303);
  assert.equal(d.store.getIssue(issue.id)!.status, 'published');
  assert.equal(d.store.getCard(c3)!.review, 'published');
  const refused = await c.post(`/issues/${issue.id}/items/${items[2]}/remove`);
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /published and can no longer change/);
  const next = await (await c.get('/issue')).text();
  assert.match(next, /Start the next issue/);
  assert.match(next, /name="number" value="2"/, 'the next number is suggested');
});

test('sources: health with failing sources first; ingest now starts a run and the progress fragment polls', async () => {
  d.store.upsertSources([{ id: 'wire', name: 'Wire News', type: 'rss', url: 'http://127.0.0.1:9/feed', topics: [], always_relevant: false, primary: false, enabled: true },
    { id: 'zzz', name: 'Broken Feed', type: 'rss', url: 'https://broken.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
  d.store.recordSourceFailure('zzz', 'http', 'HTTP 503 from https://broken.example/feed');
  const c = client(d.app);
  const html = await (await c.get('/sources')).text();
  assert.ok(html.indexOf('Broken Feed') < html.indexOf('Wire News'), 'failing first');
  assert.match(html, /Failing ×1/);
  assert.match(html, /HTTP 503 from/);
  assert.match(html, /Ingest now/);
  const started = await c.post('/ingest');
  assert.deepEqual(d.runner.starts, ['web']);
  const frag = await started.text();
  assert.match(frag, /hx-get="\/ingest\/progress" hx-trigger="every 1500ms"/);
  assert.match(frag, /Reading sources: 1 of 3/);
  d.runner.state.running = null;
  d.runner.state.elsewhere = { run_id: 12, pid: 999, hostname: 'cron-box', acquired_at: '2026-11-21T06:00:00.000Z', heartbeat_at: '2026-11-21T08:59:00.000Z' };
  const other = await (await c.get('/ingest/progress')).text();
  assert.match(other, /Run 12 is running in another process/);
  assert.match(other, /Process 999 on cron-box/);
  d.runner.state.elsewhere = null;
  d.runner.state.last = { run_id: 12, trigger: 'web', outcome: 'partial', finished_at: '2026-11-21T08:59:00.000Z', error: null, items: { new: 4, extracted: 2, irrelevant: 1, failed: 1, merged: 0, retried: 0, joined: 0, follow_ups: 0 } };
  const done = await (await c.get('/ingest/progress')).text();
  assert.doesNotMatch(done, /hx-trigger/, 'polling stops when the run is over');
  assert.match(done, /Partial/);
});

test('runs: history with counts, duration, trigger, outcome, LLM calls and cost', async () => {
  const id = d.store.createRun('schedule', 1, '2026-11-21T06:00:00.000Z');
  d.store.recordLlmCall(id, null, { model: 'gpt-4o-mini', prompt_version: 'p1', tokens_in: 1200, tokens_out: 300, ms: 900, outcome: 'ok', cost_usd: 0.0123, error: null }, '2026-11-21T06:01:00.000Z');
  d.store.recordLlmCall(id, null, { model: 'gpt-4o-mini', prompt_version: 'p1', tokens_in: 1000, tokens_out: 200, ms: 800, outcome: 'ok', cost_usd: 0.01, error: null }, '2026-11-21T06:01:00.000Z');
  d.store.finishRun(id, 'ok', { items: { new: 40, extracted: 12, irrelevant: 20, failed: 1 }, sources: [{ ok: true }, { ok: false }], summarize: { summarized: 12 } }, null, '2026-11-21T06:04:05.000Z');
  const html = await (await client(d.app).get('/runs')).text();
  const row = html.slice(html.indexOf(`<td class="num strong">${id}</td>`));
  assert.match(row, /schedule<\/td><td><span class="state state-ok"[^>]*>Ok<\/span><\/td><td class="num">4 min 5 s<\/td><td class="num">1\/2<\/td><td class="num">40<\/td><td class="num">12<\/td><td class="num">20<\/td><td class="num">1<\/td><td class="num">12<\/td><td class="num">2<\/td><td class="num">\$0\.0223<\/td>/);
});
