import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';

const PASSWORD = 'a long and private passphrase';
const d = desk(STORIES, { password: PASSWORD });
after(() => d.cleanup());

test('12,000 anonymous visits to /login neither log out an editor nor fill the session store', async () => {
  const editor = client(d.app);
  await editor.get('/login');
  const login = await editor.post('/login', { password: PASSWORD }, { htmx: false });
  assert.equal(login.status, 303);
  assert.equal((await editor.get('/')).status, 200);

  for (let i = 0; i < 12_000; i++) {
    const res = await d.app.request('/login');
    assert.equal(res.status, 200);
    if (i === 0) assert.doesNotMatch(res.headers.get('set-cookie') ?? '', /newsdesk_sid=/, 'an anonymous visit starts no session');
    d.clock.now = new Date(d.clock.now.getTime() + 1);
  }
  const page = await editor.get('/');
  assert.equal(page.status, 200, 'the editor is still logged in');
  assert.match(await page.text(), /Log out/);
  const post = await editor.post(`/stories/${d.seeded[0].storyId}/reject`);
  assert.equal(post.status, 200, 'and can still act');
});

test('an anonymous visitor can still log in after the flood (the login form token needs no session)', async () => {
  const c = client(d.app);
  const form = await c.get('/login');
  assert.match(await form.text(), /name="_csrf" value="[^"]+"/);
  assert.equal((await c.post('/login', { password: PASSWORD }, { htmx: false })).status, 303);
  assert.equal((await c.get('/')).status, 200);
  // A login form token without its cookie is refused.
  const stranger = await d.app.request('/login', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: 'made-up', password: PASSWORD }) });
  assert.equal(stranger.status, 403);
});
