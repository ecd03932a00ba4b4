import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { tempDir } from '../support/temp-db.js';
import { writeDeskConfig } from './seed-desk.js';
import { SKIP_BROWSER, launch, serve, type Served } from './browser-support.js';

// 127.0.0.2 is a loopback address to the kernel, but the desk exempts only 127.0.0.1, ::1 and localhost
// from the password: any other bind address counts as "beyond this machine", so it needs NEWSDESK_PASSWORD.
let browser: Browser;
let served: Served;
const tmp = tempDir();
before(async () => {
  if (SKIP_BROWSER) return;
  [browser, served] = await Promise.all([launch(), serve(['--host', '127.0.0.2', '--config', writeDeskConfig(tmp.dir), '--db', join(tmp.dir, 'l.db')],
    { NEWSDESK_PASSWORD: 'open sesame' })]);
});
after(async () => {
  await browser?.close();
  await served?.stop();
  tmp.cleanup();
});

test('on 127.0.0.2 the desk asks for the password; a wrong one is refused, the right one logs in', { skip: SKIP_BROWSER }, async () => {
  assert.match(served.url, /^http:\/\/127\.0\.0\.2:\d+$/);
  assert.match(served.stderr(), /login required/);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${served.url}/sources`);
  assert.match(page.url(), /\/login\?next=%2Fsources$/);
  await page.fill('input[name=password]', 'wrong');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('.alert-error') ?? '', /Wrong password/);
  await page.waitForTimeout(1100); // the first failure blocks this client for 1 s
  await page.fill('input[name=password]', 'open sesame');
  await page.click('button[type=submit]');
  await page.waitForURL(`${served.url}/sources`);
  assert.match(await page.textContent('h1') ?? '', /Sources/);
  const [cookie] = await context.cookies();
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  await context.close();
});
