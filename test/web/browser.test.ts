import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../support/temp-db.js';
import { seedDesk, writeDeskConfig } from './seed-desk.js';
import { ARTIFACTS, SKIP_BROWSER, launch, openDesk, serve, type Served } from './browser-support.js';

// Browser tests: Debian's Chromium (through playwright-core) against a real `newsdesk serve` on 127.0.0.1.
let browser: Browser;
const tmp = tempDir();
const db = join(tmp.dir, 'desk.db');
let served: Served;
let stories: Awaited<ReturnType<typeof seedDesk>>;

before(async () => {
  if (SKIP_BROWSER) return;
  const config = writeDeskConfig(tmp.dir);
  const store = openStore(db);
  stories = await seedDesk(store, new Date());
  store.close();
  [browser, served] = await Promise.all([launch(), serve(['--config', config, '--db', db])]);
});
after(async () => {
  await browser?.close();
  if (served) assert.equal(await served.stop(), 0, 'serve stops cleanly on SIGTERM');
  tmp.cleanup();
});

/** Waits until htmx has swapped and settled and the element with this id has the focus again. */
async function focused(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => !document.querySelector('.htmx-request, .htmx-settling') && document.activeElement?.id === want, id);
}

test('keyboard review: shortlist two (j s j s), edit a bullet, reject and undo, reorder the draft', { skip: SKIP_BROWSER }, async () => {
  const { page, errors } = await openDesk(browser, `${served.url}/`);
  await page.screenshot({ path: join(ARTIFACTS, 'candidates.png') });
  const [s1, s2, s3, s4] = stories.map((s) => s.storyId);

  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await page.waitForSelector(`#story-${s1}.stub`);
  await focused(page, `story-${s1}`);
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await page.waitForSelector(`#story-${s2}.stub`);
  await focused(page, `story-${s2}`);

  await page.keyboard.press('j');
  await page.keyboard.press('e');
  const textarea = page.locator(`#story-${s3} textarea[name=bullet]`);
  await textarea.waitFor();
  await textarea.fill('An editor rewrote this bullet in the browser.');
  await textarea.press('Control+Enter');
  await page.waitForSelector(`#story-${s3}:not(.editing) .bullet`);
  assert.equal(await page.textContent(`#story-${s3} .bullet`), 'An editor rewrote this bullet in the browser.');

  await page.focus(`#story-${s4}`);
  await page.keyboard.press('x');
  await page.waitForSelector(`#story-${s4}.stub-rejected`);
  await focused(page, `story-${s4}`);
  await page.keyboard.press('u');
  await page.waitForSelector(`#story-${s4}:not(.stub) .headline`);

  await page.keyboard.press('?');
  assert.equal(await page.isVisible('#help'), true, '? opens the help');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#help'), false);

  await page.goto(`${served.url}/issue`);
  await page.waitForFunction(() => 'htmx' in window);
  const first = stories[0];
  await page.focus(`#entry-${first.itemId}`);
  await page.keyboard.press('Shift+J');
  await page.waitForFunction((id) => document.querySelector('.entries .entry:last-child')?.id === `entry-${id}`, first.itemId);
  await focused(page, `entry-${first.itemId}`);
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction((id) => document.querySelector('.entries .entry:first-child')?.id === `entry-${id}`, first.itemId);
  await focused(page, `entry-${first.itemId}`);
  await page.keyboard.press('Shift+J');
  await page.waitForFunction((id) => document.querySelector('.entries .entry:last-child')?.id === `entry-${id}`, first.itemId);
  await focused(page, `entry-${first.itemId}`);
  const previewOrder = await page.$$eval('.digest-headlines li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(previewOrder, [stories[1].headline, stories[0].headline], 'the preview follows the new order');
  await page.screenshot({ path: join(ARTIFACTS, 'draft-issue.png'), fullPage: true });

  const store = openStore(db);
  try {
    const issue = store.currentDraft()!;
    assert.deepEqual(store.issueEntries(issue.id).map((e) => e.item_id), [stories[1].itemId, stories[0].itemId]);
    assert.equal(store.getCard(s1)!.review, 'shortlisted');
    assert.equal(store.getCard(s2)!.review, 'shortlisted');
    const edited = store.getCard(s3)!;
    assert.equal(edited.bullet, 'An editor rewrote this bullet in the browser.');
    assert.equal(edited.edited, true);
    assert.notEqual(edited.draft?.bullet, edited.bullet, 'the machine draft is kept beside it');
    assert.equal(store.getCard(s4)!.review, 'new', 'reject was undone');
  } finally { store.close(); }
  // Publishing is a plain form POST (no htmx): it must pass the CSRF and origin checks in a real browser.
  await page.click('.publish summary');
  await page.click('.publish button[type=submit]');
  await page.waitForSelector('.page-head .state-published');
  const after = openStore(db);
  try {
    assert.equal(after.listIssues()[0].status, 'published');
    assert.equal(after.getCard(s1)!.review, 'published');
  } finally { after.close(); }
  assert.deepEqual(errors, []);
  await page.close();
});
