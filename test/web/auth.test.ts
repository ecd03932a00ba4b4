import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';
import { checkBind, isLoopback, BindRefused } from '../../src/web/server.js';
import { runCli } from '../support/cli.js';

test('only 127.0.0.1, ::1 and localhost count as loopback; other addresses (127.0.0.2 too) need a password', () => {
  for (const h of ['127.0.0.1', '::1', '[::1]', 'localhost']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '127.0.0.2', '192.168.1.10', '::', 'desk.example']) assert.equal(isLoopback(h), false, h);
  assert.throws(() => checkBind('0.0.0.0', undefined), BindRefused);
  assert.throws(() => checkBind('127.0.0.2', ''), /NEWSDESK_PASSWORD/);
  assert.equal(checkBind('0.0.0.0', 'pw'), 'pw');
  assert.equal(checkBind('127.0.0.1', undefined), undefined);
});

test('`newsdesk serve --host 0.0.0.0` without NEWSDESK_PASSWORD refuses to start (exit 2)', async () => {
  const r = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--no-schedule'], { env: { NEWSDESK_PASSWORD: '' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0 without a password.*NEWSDESK_PASSWORD/);
});

const d = desk(STORIES, { password: 'correct horse battery staple' });
after(() => d.cleanup());

test('with a password, pages redirect to the login and POSTs are refused until logged in', async () => {
  const c = client(d.app);
  const res = await c.get('/?topic=energy');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?next=%2F%3Ftopic%3Denergy');
  const htmx = await c.get('/issue', { 'HX-Request': 'true' });
  assert.equal(htmx.headers.get('hx-redirect'), '/login?next=%2Fissue');
  await c.get('/login');
  const post = await c.post(`/stories/${d.seeded[0].storyId}/reject`);
  assert.equal(post.status, 401);
  assert.equal(d.store.getCard(d.seeded[0].storyId)!.review, 'new');
  assert.equal((await c.get('/static/app.css')).status, 200, 'assets need no login');
});

test('login: a wrong password is refused and slowed down per client; the right one sets a strict HttpOnly cookie', async () => {
  const c = client(d.app);
  await c.get('/login');
  const before = c.cookie;
  const t0 = performance.now();
  const wrong = await c.post('/login', { password: 'guess', next: '/issue' }, { htmx: false });
  assert.equal(wrong.status, 401);
  assert.ok(performance.now() - t0 >= 4, 'a failure is answered only after a delay');
  assert.match(await wrong.text(), /Wrong password/);
  const again = await c.post('/login', { password: 'correct horse battery staple' }, { htmx: false });
  assert.equal(again.status, 429, 'the next try within the back-off is not even checked');
  assert.ok(Number(again.headers.get('retry-after')) >= 1);
  d.clock.now = new Date(d.clock.now.getTime() + 1500);
  const wrong2 = await c.post('/login', { password: 'guess 2' }, { htmx: false });
  assert.equal(wrong2.status, 401);
  d.clock.now = new Date(d.clock.now.getTime() + 1500);
  assert.equal((await c.post('/login', { password: 'x' }, { htmx: false })).status, 429, 'the back-off doubled to 2 s');
  d.clock.now = new Date(d.clock.now.getTime() + 1000);
  const ok = await c.post('/login', { password: 'correct horse battery staple', next: '/issue' }, { htmx: false });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/issue');
  const cookie = ok.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.match(cookie, /Path=\//);
  assert.notEqual(c.cookie, before, 'a new session id after login');
  const page = await c.get('/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Log out/);
  const old = await d.app.request('/', { headers: { cookie: before } });
  assert.equal(old.status, 303, 'the pre-login session id is worth nothing');
});

test('a login redirect never leaves the site', async () => {
  const c = client(d.app);
  await c.get('/login');
  d.clock.now = new Date(d.clock.now.getTime() + 60 * 60_000);
  const r = await c.post('/login', { password: 'correct horse battery staple', next: '//evil.example/' }, { htmx: false });
  assert.equal(r.headers.get('location'), '/');
});
