import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../support/temp-db.js';
import { seedDesk, writeDeskConfig } from './seed-desk.js';
import { SKIP_BROWSER, launch, openDesk, serve, type Served } from './browser-support.js';

// DNS rebinding as a browser lives it: Chromium resolves evil.example to 127.0.0.1 (as a rebinding
// DNS server would make it), so a page "on evil.example" would reach the desk on the loopback port.
let browser: Browser;
let plain: Served;
let listed: Served;
const tmp = tempDir();
before(async () => {
  if (SKIP_BROWSER) return;
  const config = writeDeskConfig(tmp.dir);
  const db = join(tmp.dir, 'h.db');
  const store = openStore(db);
  await seedDesk(store, new Date());
  store.close();
  // Each is kept as soon as it is up, so `after` stops it even when another one failed to start.
  const started = await Promise.allSettled([
    launch(['--host-resolver-rules=MAP evil.example 127.0.0.1']).then((b) => { browser = b; }),
    serve(['--config', config, '--db', db]).then((s) => { plain = s; }),
    serve(['--config', config, '--db', db, '--allowed-host', 'evil.example']).then((s) => { listed = s; }),
  ]);
  for (const r of started) if (r.status === 'rejected') throw r.reason;
});
after(async () => {
  await browser?.close();
  await plain?.stop();
  await listed?.stop();
  tmp.cleanup();
});

const port = (s: Served) => new URL(s.url).port;

test('a page under a rebound name gets 421 and a note on how to allow it; no desk, no token', { skip: SKIP_BROWSER }, async () => {
  const page = await browser.newPage();
  const res = await page.goto(`http://evil.example:${port(plain)}/`);
  assert.equal(res!.status(), 421);
  const text = await page.textContent('body') ?? '';
  assert.match(text, /--allowed-host evil\.example/);
  assert.doesNotMatch(await page.content(), /_csrf|X-CSRF-Token/);
  // The desk's own address still works in the same browser.
  const own = await page.goto(`${plain.url}/`);
  assert.equal(own!.status(), 200);
  await page.close();
});

test('with `serve --allowed-host evil.example` the same name opens the desk', { skip: SKIP_BROWSER }, async () => {
  const { page, errors } = await openDesk(browser, `http://evil.example:${port(listed)}/`);
  assert.match(await page.textContent('h1') ?? '', /Candidates/);
  assert.ok(await page.locator('.card').count() > 0);
  // Chromium notes that it ignores the Cross-Origin-Opener-Policy header on a plain-HTTP origin other than
  // localhost; that is the browser explaining a header, not an error of the page.
  assert.deepEqual(errors.filter((e) => !/Cross-Origin-Opener-Policy header has been ignored/.test(e)), []);
  await page.close();
});
