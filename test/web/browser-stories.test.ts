import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../support/temp-db.js';
import { seedDesk, writeDeskConfig } from './seed-desk.js';
import { ARTIFACTS, SKIP_BROWSER, launch, openDesk, serve, type Served } from './browser-support.js';

// One story of three articles in a real browser: open its list, split one out, merge it back with the keyboard, redraft.
let browser: Browser;
let served: Served;
const tmp = tempDir();
const db = join(tmp.dir, 'stories.db');
let story: number;
let members: number[];

before(async () => {
  if (SKIP_BROWSER) return;
  const store = openStore(db);
  const seeded = await seedDesk(store, new Date());
  const [lead, ...others] = [seeded[0], seeded[4], seeded[8]];
  for (const o of others) {
    store.joinStory(o.itemId, lead.storyId, new Date().toISOString(), { review: null, summarized: true });
    store.dropEmptyStory(o.storyId);
  }
  story = lead.storyId;
  members = [lead.itemId, ...others.map((o) => o.itemId)];
  store.close();
  // No key or base URL: the desk drafts with the offline summarizer.
  [browser, served] = await Promise.all([launch(), serve(['--config', writeDeskConfig(tmp.dir), '--db', db], { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' })]);
});
after(async () => {
  await browser?.close();
  await served?.stop();
  tmp.cleanup();
});

test('articles of a story: open the list, split one out, merge it back (m), redraft', { skip: SKIP_BROWSER }, async () => {
  const { page, errors } = await openDesk(browser, `${served.url}/`);
  const card = page.locator(`#story-${story}`);
  assert.equal(await card.locator('.members summary').textContent(), '3 articles in this story');
  await card.locator('.members summary').click();
  await card.locator('.member-list').waitFor();
  assert.equal(await card.locator('.member').count(), 3);
  assert.equal(await card.locator('.member .tag-lead').count(), 1, 'one lead');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(ARTIFACTS, 'story-members.png') });

  const leadId = Number(await card.locator('.member:has(.tag-lead)').getAttribute('data-item'));
  const moved = members.find((m) => m !== leadId)!;
  await card.locator(`.member[data-item="${moved}"] button`).click();
  const split = page.locator(`#story-${story} + .card`);
  await split.locator('.alert-info').waitFor();
  assert.match((await split.locator('.alert-info').textContent())!, new RegExp(`Split out of story ${story} and drafted`));
  const created = Number((await split.getAttribute('id'))!.replace('story-', ''));
  assert.ok(created > 0 && created !== story);
  assert.equal(await card.locator('.members summary').textContent(), '2 articles in this story');
  assert.equal(await card.locator('.members').getAttribute('open'), '', 'the list stays open');
  await page.screenshot({ path: join(ARTIFACTS, 'story-split.png') });

  await page.focus(`#story-${story}`);
  await page.keyboard.press('m');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'other', 'm focuses the merge field');
  await page.keyboard.type(String(created));
  await page.keyboard.press('Enter');
  await page.locator(`#story-${created}`).waitFor({ state: 'detached' });
  await card.locator('.alert-info').waitFor();
  assert.equal(await card.locator('.members summary').textContent(), '3 articles in this story');

  await card.locator('button', { hasText: 'Redraft' }).click();
  await page.waitForFunction((id) => document.querySelector(`#story-${id} .alert-info`)?.textContent?.startsWith('Redrafted'), story);

  const store = openStore(db);
  try {
    assert.equal(store.storyOfItem(moved), story);
    assert.equal(store.storyMembers(story).find((m) => m.id === moved)?.pinned, true);
    assert.equal(store.getCard(created), undefined);
  } finally { store.close(); }
  assert.deepEqual(errors, []);
  await page.close();
});
