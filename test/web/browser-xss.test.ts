import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../support/temp-db.js';
import { writeDeskConfig } from './seed-desk.js';
import { SKIP_BROWSER, launch, serve, type Served } from './browser-support.js';

// Scraped text is hostile: every field an attacker controls carries a payload; none may run or become a javascript: link.
const P = {
  title: '<script>window.__pwned="title"</script>Title <b>bold</b>',
  byline: '<img src=x onerror="window.__pwned=\'byline\'">',
  text: 'Japan and the US.</textarea><script>window.__pwned="text"</script>\n\n<img src=x onerror="window.__pwned=\'text-img\';alert(1)">',
  headline: '<img src=x onerror="window.__pwned=\'headline\';alert(2)"> Headline',
  bullet: '</textarea><svg onload="window.__pwned=\'bullet\';alert(3)"></svg>" onmouseover="alert(4)',
  url: 'javascript:window.__pwned="link";alert(5)//',
  source: '<b onmouseover="alert(6)">Evil Source</b>',
  claim: '<script>alert(7)</script>',
};

function seedHostile(store: Store): number[] {
  const now = new Date().toISOString();
  store.upsertSources([{ id: 'evil', name: P.source, type: 'rss', url: 'javascript:alert(8)', topics: [], always_relevant: false, primary: false, enabled: true },
    { id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
  const ids: number[] = [];
  for (const [i, url] of [P.url, 'https://wire.example/a"onmouseover="alert(9)', `data:text/html,<script>alert(10)</script>`].entries()) {
    const { id } = store.insertDiscovered({ url, url_seen: url, source_id: 'evil', title: P.title, summary: P.text, content: null, published_at: now }, now);
    store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: P.title, summary: null, content: null, published_at: now }, now);
    store.markExtracted(id, { canonical_url: i === 0 ? P.url : null, aliases: [url], title: P.title, byline: P.byline, published_at: now, lang: 'en',
      site_name: P.source, text: P.text, text_from: 'page', content_hash: `x${i}`, state: 'extracted', relevance: 0.9, relevance_terms: ['Japan'] }, now);
    const story = store.createStoryFor(id, now);
    store.saveDraft(story, id, { headline: P.headline, bullet: P.bullet, topics: ['defense', '<script>alert(11)</script>'], topic_confidence: 0.5,
      summarizer: 'offline', prompt_version: 'x', cache_key: `x${i}`, unsupported: [P.claim] }, now);
    ids.push(story);
  }
  return ids;
}

let browser: Browser;
let served: Served;
let stories: number[];
const tmp = tempDir();
before(async () => {
  if (SKIP_BROWSER) return;
  const db = join(tmp.dir, 'xss.db');
  const store = openStore(db);
  stories = seedHostile(store);
  store.close();
  [browser, served] = await Promise.all([launch(), serve(['--config', writeDeskConfig(tmp.dir), '--db', db])]);
});
after(async () => {
  await browser?.close();
  await served?.stop();
  tmp.cleanup();
});

async function noJavascriptLinks(page: Page): Promise<void> {
  const bad = await page.$$eval('a[href], [src], [action]', (els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')
    .filter((h) => !/^(https?:|\/)/i.test(h)));
  assert.deepEqual(bad, [], 'only http(s) and local links');
}

test('hostile titles, texts, headlines, bullets, links and source names never execute', { skip: SKIP_BROWSER }, async () => {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const consoleLines: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('console', (m) => consoleLines.push(m.text()));
  page.on('pageerror', (e) => consoleLines.push(e.message));
  await page.goto(`${served.url}/`);
  await page.waitForFunction(() => 'htmx' in window);
  const [s1] = stories;
  assert.ok((await page.textContent(`#story-${s1} .headline`))!.includes('<img src=x onerror='), 'the payload shows as text');
  assert.equal(await page.locator(`#story-${s1} .headline a`).count(), 0, 'a javascript: URL is not a link');
  await noJavascriptLinks(page);
  await page.hover(`#story-${s1} .bullet`);
  await page.click(`#story-${s1} .sources summary`);
  await page.focus(`#story-${s1}`);
  await page.keyboard.press('t');
  await page.waitForSelector(`#story-${s1} .text-pane`);
  await page.keyboard.press('e');
  const textarea = page.locator(`#story-${s1} textarea[name=bullet]`);
  await textarea.waitFor();
  assert.equal(await textarea.inputValue(), P.bullet.trim(), 'the </textarea> payload stays inside the textarea');
  await page.click(`#story-${s1} [data-cancel]`);
  await page.waitForSelector(`#story-${s1}:not(.editing)`);
  await page.keyboard.press('s');
  await page.waitForSelector(`#story-${s1}.stub`);
  await page.goto(`${served.url}/issue`);
  await page.waitForSelector('.digest');
  assert.ok((await page.textContent('.digest-headlines'))!.includes('onerror='));
  await noJavascriptLinks(page);
  for (const path of ['/sources', '/runs', '/?review=all&from=']) {
    await page.goto(`${served.url}${path}`);
    await noJavascriptLinks(page);
  }
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(dialogs, [], 'no alert, confirm or prompt opened');
  assert.deepEqual(consoleLines.filter((l) => /Content Security Policy|pwned/i.test(l)), [],
    'nothing was even blocked by the CSP: the markup never reached the page as markup');
  await page.close();
});
