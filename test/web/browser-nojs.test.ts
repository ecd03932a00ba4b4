import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../support/temp-db.js';
import { seedDesk, writeDeskConfig } from './seed-desk.js';
import { SKIP_BROWSER, launch, serve, type Served } from './browser-support.js';

// Plain form posts (JavaScript off, so no htmx and no HX-Request header): a refused save must say why
// on a page of its own with its 409/422 status, not vanish into a redirect.
let browser: Browser;
let served: Served;
let stories: Awaited<ReturnType<typeof seedDesk>>;
const tmp = tempDir();
before(async () => {
  if (SKIP_BROWSER) return;
  const db = join(tmp.dir, 'n.db');
  const store = openStore(db);
  stories = await seedDesk(store, new Date());
  store.close();
  const started = await Promise.allSettled([launch().then((b) => { browser = b; }),
    serve(['--config', writeDeskConfig(tmp.dir), '--db', db]).then((s) => { served = s; })]);
  for (const r of started) if (r.status === 'rejected') throw r.reason;
});
after(async () => {
  await browser?.close();
  await served?.stop();
  tmp.cleanup();
});

/** Submits the form on the page and returns the status of the POST's answer. */
async function submit(page: Page): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('form.edit-form button[type=submit]'),
  ]);
  await page.waitForLoadState();
  return res.status();
}

test('without JavaScript, an empty headline answers 422 with the reason and a way back', { skip: SKIP_BROWSER }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const id = stories[0].storyId;
  await page.goto(`${served.url}/stories/${id}/edit`);
  await page.fill('input[name=headline]', '   ');
  assert.equal(await submit(page), 422);
  assert.match(await page.textContent('.alert-error') ?? '', /headline cannot be empty/);
  assert.ok(await page.locator('a[href="/"]').count() > 0, 'a link back to the candidates');
  await context.close();
});

test('without JavaScript, a save that lost the race answers 409 with the other version and a way back', { skip: SKIP_BROWSER }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const [a, b] = [await context.newPage(), await context.newPage()];
  const id = stories[1].storyId;
  await a.goto(`${served.url}/stories/${id}/edit`);
  await b.goto(`${served.url}/stories/${id}/edit`);
  await a.fill('textarea[name=bullet]', 'The first editor saved this bullet.');
  assert.equal(await submit(a), 303, 'a plain save answers 303 to the candidates');
  assert.equal(new URL(a.url()).pathname, '/');
  await b.fill('textarea[name=bullet]', 'The second editor was too late.');
  assert.equal(await submit(b), 409);
  const alert = await b.textContent('.alert-error') ?? '';
  assert.match(alert, /someone else saved this story/);
  assert.match(alert, /The first editor saved this bullet\./);
  assert.equal(await b.inputValue('textarea[name=bullet]'), 'The second editor was too late.', 'the editor keeps their text');
  assert.ok(await b.locator('a[href="/"]').count() > 0, 'a link back to the candidates');
  await context.close();
});
