import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { desk, STORIES } from './helpers.js';
import { listen, type RunningServer } from '../../src/web/server.js';

// DNS rebinding: a page on another site whose name resolves to 127.0.0.1 must not get the desk.
// The Host header is the only thing that tells such a request apart, so the desk answers only to its own names.

/** One request over a real socket with exactly these headers (fetch would not let us set Host). */
function send(port: number, path: string, headers: Record<string, string>, method = 'GET', body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent: false, host: '127.0.0.1', port, path, method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const d = desk(STORIES);
const allowed = desk(STORIES, { allowedHosts: ['desk.example'] });
let server: RunningServer;
let other: RunningServer;
after(async () => {
  await server?.close();
  await other?.close();
  d.cleanup();
  allowed.cleanup();
});

test('a foreign Host gets 421 before any route runs, for GET, POST, login and static files alike', async () => {
  server = await listen(d.app, '127.0.0.1', 0);
  const p = server.port;
  const evil = `evil.example:${p}`;
  const page = await send(p, '/', { Host: evil });
  assert.equal(page.status, 421);
  assert.match(page.text, /evil\.example/);
  assert.match(page.text, /--allowed-host evil\.example/);
  assert.match(page.text, /web\.allowed_hosts/);
  assert.doesNotMatch(page.text, /csrf/i, 'no token leaks to the foreign page');
  for (const path of ['/static/app.js', '/login', '/issue']) assert.equal((await send(p, path, { Host: evil })).status, 421, path);

  // The token is read through the real name, then used from the rebound one: still refused, nothing changes.
  const home = await fetch(`${server.url}/`);
  const cookie = (home.headers.get('set-cookie') ?? '').split(';')[0];
  const token = /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(await home.text())![1];
  const story = d.seeded[0].storyId;
  const post = await send(p, `/stories/${story}/reject`, { Host: evil, Origin: `http://${evil}`, cookie, 'X-CSRF-Token': token,
    'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'x=1');
  assert.equal(post.status, 421);
  assert.equal(d.store.getCard(story)!.review, 'new', 'no data changed');
  // The same POST under the desk's own name goes through, so the 421 above was the Host check.
  const ok = await send(p, `/stories/${story}/reject`, { Host: `127.0.0.1:${p}`, Origin: `http://127.0.0.1:${p}`, cookie, 'X-CSRF-Token': token,
    'HX-Request': 'true', 'content-type': 'application/x-www-form-urlencoded' }, 'POST', 'x=1');
  assert.equal(ok.status, 200);
  assert.equal(d.store.getCard(story)!.review, 'rejected');
});

test('the bound address, localhost and 127.0.0.1/[::1] on the bound port are accepted; another port is not', async () => {
  const p = server.port;
  for (const host of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`]) {
    assert.equal((await send(p, '/', { Host: host })).status, 200, host);
  }
  for (const host of [`localhost:${p + 1}`, 'localhost', `127.0.0.1.evil.example:${p}`, `localhost.evil.example:${p}`, `[::2]:${p}`, `${p}`]) {
    assert.equal((await send(p, '/', { Host: host })).status, 421, host);
  }
});

test('names listed as allowed hosts are accepted (any port, as behind a proxy); others still are not', async () => {
  other = await listen(allowed.app, '127.0.0.1', 0);
  const p = other.port;
  assert.equal((await send(p, '/', { Host: `desk.example:${p}` })).status, 200);
  assert.equal((await send(p, '/', { Host: 'Desk.Example' })).status, 200);
  assert.equal((await send(p, '/', { Host: `evil.example:${p}` })).status, 421);
});
