import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';

const d = desk(STORIES);
after(() => d.cleanup());

test('every page renders with the security headers', async () => {
  const c = client(d.app);
  for (const path of ['/', '/issue', '/sources', '/runs', '/?review=all&from=', '/static/app.css', '/static/htmx.min.js']) {
    const res = await c.get(path);
    assert.equal(res.status, 200, path);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const part of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"]) {
      assert.ok(csp.includes(part), `${path}: CSP has ${part}`);
    }
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), 'no unsafe-* in the CSP');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  }
});

test('pages carry no inline script or style, and tell htmx not to inject its style', async () => {
  const html = await (await client(d.app).get('/')).text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every <script> has a src');
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  assert.match(html, /name="htmx-config" content="[^"]*includeIndicatorStyles&quot;:false/);
});

test('the candidates page lists undecided stories newest first within the default 14 days, with topic counts', async () => {
  const html = await (await client(d.app).get('/')).text();
  const order = ['missile co-production', 'economic security dialogue', 'LNG deal', 'Chip packaging'].map((t) => html.indexOf(t));
  assert.ok(order.every((i) => i > 0), 'the four recent stories are listed');
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'newest first');
  assert.ok(!html.includes('steel tariffs'), 'the story older than 14 days is outside the default range');
  assert.match(html, /4 stories since 7 Nov 2026/);
  assert.match(html, /Defense<\/span><span class="count">1</);
  assert.match(html, /Check before use:.*\$44 billion/s, 'unsupported claims are shown');
  assert.match(html, /Gov News/, 'source names shown');
});

test('filters: topic, source, dates, review state and search', async () => {
  const c = client(d.app);
  const get = async (q: string) => (await c.get(`/?${q}`)).text();
  assert.match(await get('topic=energy'), /1 story in Energy/);
  const bySource = await get('source=gov');
  assert.ok(bySource.includes('economic security dialogue') && !bySource.includes('missile'));
  const range = await get('from=2026-11-18&to=2026-11-19');
  assert.ok(range.includes('LNG deal') && range.includes('economic security dialogue') && !range.includes('missile') && !range.includes('Chip'));
  assert.ok((await get('from=')).includes('steel tariffs'), 'an empty from shows everything');
  const search = await get('q=packaging&from=');
  assert.match(search, /1 story matching/);
  assert.ok(search.includes('Chip packaging'));
  assert.match(await get('q=%22%3Cscript%3E&from='), /0 stories/);
  assert.match(await get('review=rejected'), /0 stories/);
});

test('a POST without the CSRF token, or with a wrong one, is refused with 403 and changes nothing', async () => {
  const c = client(d.app);
  await c.get('/');
  const story = d.seeded[1].storyId;
  for (const token of [null, 'not-the-token', '']) {
    const res = await c.post(`/stories/${story}/reject`, {}, { token });
    assert.equal(res.status, 403, `token ${token}`);
  }
  const stranger = await d.app.request(`/stories/${story}/reject`, { method: 'POST', headers: { 'X-CSRF-Token': c.csrf } });
  assert.equal(stranger.status, 403, 'a token without its session cookie is refused');
  const foreign = await c.post(`/stories/${story}/reject`, {}, {});
  assert.notEqual(foreign.status, 403);
  d.store.undoStoryReview(story, new Date().toISOString());
  assert.equal(d.store.getCard(story)!.review, 'new');
  const origin = await d.app.request(`/stories/${story}/reject`, { method: 'POST',
    headers: { cookie: c.cookie, 'X-CSRF-Token': c.csrf, Origin: 'http://evil.example', Host: 'localhost' } });
  assert.equal(origin.status, 403, 'a cross-origin POST is refused even with the token');
  assert.equal((await d.app.request('/stories/1/reject', { method: 'PUT' })).status, 405);
});

test('the form field carries the token as well as the header', async () => {
  const c = client(d.app);
  await c.get('/issue');
  const res = await c.post('/issues', { _csrf: c.csrf, publication: 'US-Japan Alliance Digest', volume: '1', number: '1', from: '2026-11-07', to: '2026-11-21' },
    { token: null, htmx: false });
  assert.equal(res.status, 303);
  const issue = d.store.currentDraft()!;
  assert.equal(issue.title, 'US-Japan Alliance Digest Vol 1.1');
  assert.equal(issue.date_from, '2026-11-07');
});

test('GET never changes anything, whatever it is sent to', async () => {
  const c = client(d.app);
  const snapshot = () => JSON.stringify([d.store.listCards({ review: 'all', limit: 100 }), d.store.listIssues(), d.store.listRuns()]);
  const before = snapshot();
  const s = d.seeded[0].storyId;
  for (const path of ['/', `/stories/${s}/shortlist`, `/stories/${s}/reject`, `/stories/${s}/undo`, `/stories/${s}/edit`, `/stories/${s}/text`,
    '/issues', '/issues/1/publish', '/issues/1/items/1/remove', '/ingest', '/ingest/progress', '/logout', '/sources', '/runs',
    `/items/${d.seeded[1].itemId}/split`, `/stories/${s}/merge?other=${d.seeded[1].storyId}`, `/stories/${s}/redraft`, '/?follow_ups=1']) {
    const res = await c.get(path);
    assert.ok(res.status < 500, path);
  }
  assert.equal(snapshot(), before);
  assert.deepEqual(d.runner.starts, [], 'no run was started by a GET');
});
