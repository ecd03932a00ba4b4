import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { desk, client } from './helpers.js';
import type { SeedStory } from '../support/seed.js';
import type { Store } from '../../src/store/index.js';
import type { Summarizer } from '../../src/summarize/index.js';
import { shortlistStory, publishIssue } from '../../src/jobs/issues.js';

const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>Fuel pact reaction';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;Fuel pact reaction';
const AT = '2026-11-20T00:00:00.000Z';

/** Three articles about one pact (the government's release leads), a lone story, and two to merge and redraft. */
const SEED: SeedStory[] = [
  { title: 'Japan and US sign reactor fuel pact', topics: ['energy'], published_at: '2026-11-20T03:00:00.000Z' },
  { title: PAYLOAD, topics: ['energy'], published_at: '2026-11-20T05:00:00.000Z', source: 'kyo', url: 'javascript:alert(3)//x' },
  { title: 'Joint statement on the reactor fuel pact', topics: ['energy'], published_at: '2026-11-20T06:00:00.000Z', source: 'gov' },
  { title: 'Osaka port expands LNG terminal', topics: ['energy'], published_at: '2026-11-19T03:00:00.000Z' },
  { title: 'Coast guards hold joint drill', topics: ['defense'], published_at: '2026-11-18T03:00:00.000Z' },
  { title: 'Coast guard drill near Okinawa', topics: ['defense'], published_at: '2026-11-18T05:00:00.000Z' },
  { title: 'Semiconductor subsidy round opens', topics: ['technology'], published_at: '2026-11-17T03:00:00.000Z',
    headline: 'Stale machine headline', bullet: 'Stale machine bullet.' },
];

/** Moves seeded stories' articles into one story, as clustering would (not pinned), and drops the emptied stories. */
function gather(store: Store, into: number, others: { itemId: number; storyId: number }[]): void {
  for (const o of others) {
    store.joinStory(o.itemId, into, AT, { review: null, summarized: true });
    store.dropEmptyStory(o.storyId);
  }
}

/** `items.story_pinned` read straight from the database file. */
function pinned(store: Store, itemId: number): number {
  const db = new Database(store.file, { readonly: true });
  try { return db.prepare('SELECT story_pinned FROM items WHERE id = ?').pluck().get(itemId) as number; } finally { db.close(); }
}

function seeded(summarizer?: Summarizer) {
  const d = desk(SEED, { summarizer });
  const [fuel, reaction, statement] = d.seeded;
  gather(d.store, fuel.storyId, [reaction, statement]);
  return d;
}

const d = seeded();
after(() => d.cleanup());
const [fuel, reaction, statement, lone, drill1, drill2, chips] = d.seeded;

test('a story of several articles lists them (lead marked, titles escaped) with "Split out"; its id is on the card', async () => {
  const html = await (await client(d.app).get('/')).text();
  const card = html.slice(html.indexOf(`id="story-${fuel.storyId}"`), html.indexOf(`id="story-${lone.storyId}"`));
  assert.match(card, /3 articles in this story/);
  assert.match(card, new RegExp(`story ${fuel.storyId}<`));
  assert.ok(card.includes(ESCAPED), 'the hostile title shows as text');
  assert.ok(!html.includes('<script>alert') && !html.includes('<img src=x'), 'never as markup');
  assert.ok(card.includes(`<span class="member-title">${ESCAPED}</span>`), 'a javascript: URL is not a link');
  assert.ok(!/href="javascript:/i.test(html));
  const lead = card.slice(card.indexOf('Joint statement on the reactor fuel pact'));
  assert.match(lead.slice(0, lead.indexOf('</li>')), /Gov News.*>lead</s, 'the primary source leads');
  for (const s of [fuel, reaction, statement]) assert.match(card, new RegExp(`hx-post="/items/${s.itemId}/split"`));
  const single = html.slice(html.indexOf(`id="story-${lone.storyId}"`));
  assert.doesNotMatch(single.slice(0, single.indexOf('</article>')), /articles in this story/, 'no list for a story of one');
});

test('split: the article becomes its own story with a draft, pinned; the original card re-renders and the new card follows it', async () => {
  const c = client(d.app);
  await c.get('/');
  const res = await c.post(`/items/${reaction.itemId}/split`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const created = d.store.storyOfItem(reaction.itemId)!;
  assert.notEqual(created, fuel.storyId);
  assert.equal(d.store.getCard(fuel.storyId)!.item_count, 2, 'the member count drops');
  const fresh = d.store.getCard(created)!;
  assert.equal(fresh.item_count, 1);
  assert.equal(fresh.review, 'new');
  assert.ok(fresh.draft, 'the new story was drafted at once');
  assert.equal(fresh.summarizer, 'offline');
  assert.equal(pinned(d.store, reaction.itemId), 1, 'later runs will not move it back');
  assert.ok(html.indexOf(`id="story-${fuel.storyId}"`) < html.indexOf(`hx-swap-oob="afterend:#story-${fuel.storyId}"`));
  assert.ok(html.indexOf(`hx-swap-oob="afterend:#story-${fuel.storyId}"`) < html.indexOf(`id="story-${created}"`));
  assert.match(html, /2 articles in this story/);
  assert.match(html, new RegExp(`it is story ${created} now`));
  assert.match(html, new RegExp(`Split out of story ${fuel.storyId} and drafted`));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;') && !html.includes('<script>alert'), 'escaped in the answer too');
  assert.match(await (await c.get('/')).text(), new RegExp(`id="story-${created}"`), 'a candidate of its own');

  const only = await c.post(`/items/${lone.itemId}/split`);
  assert.equal(only.status, 422, 'an article alone in its story cannot be split');
  assert.match(await only.text(), /class="alert alert-error" role="alert">Item \d+ is the only item of story/);
  const nothing = await c.post('/items/999999/split');
  assert.equal(nothing.status, 422);
  assert.equal(nothing.headers.get('hx-retarget'), '#toast');
});

test('merge: the other story goes, its articles are pinned into this one; a bad number is the card\'s notice', async () => {
  const c = client(d.app);
  await c.get('/');
  const res = await c.post(`/stories/${drill1.storyId}/merge`, { other: ` #${drill2.storyId} ` });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.equal(d.store.getCard(drill2.storyId), undefined, 'the merged-away story is gone');
  assert.equal(d.store.storyOfItem(drill2.itemId), drill1.storyId);
  assert.equal(pinned(d.store, drill2.itemId), 1);
  assert.equal(d.store.getCard(drill1.storyId)!.item_count, 2);
  assert.match(html, new RegExp(`<div id="story-${drill2.storyId}" hx-swap-oob="delete">`), 'its card disappears');
  assert.match(html, /Merged story \d+ into this one: 2 articles now/);
  assert.doesNotMatch(await (await c.get('/')).text(), new RegExp(`id="story-${drill2.storyId}"`));

  for (const [other, message] of [['999999', /There is no story 999999/], ['abc', /Type the number of the story/],
    [String(drill1.storyId), /A story cannot be merged with itself\./]] as const) {
    const bad = await c.post(`/stories/${drill1.storyId}/merge`, { other });
    assert.equal(bad.status, 422, other);
    const text = await bad.text();
    assert.match(text, new RegExp(`<article class="card review-new" id="story-${drill1.storyId}"`), 'the card, re-rendered');
    assert.match(text, message);
  }
  await c.post(`/stories/${lone.storyId}/shortlist`);
  const inIssue = await c.post(`/stories/${drill1.storyId}/merge`, { other: String(lone.storyId) });
  assert.equal(inIssue.status, 422);
  assert.match(await inIssue.text(), new RegExp(`Story ${lone.storyId} is in the draft issue: remove it from the issue first`));
  assert.doesNotMatch(await (await c.get(`/stories/${lone.storyId}/card`)).text(), /class="merge-form"/, 'no merge form on a shortlisted card');
  assert.equal(d.store.getCard(drill1.storyId)!.item_count, 2, 'nothing changed');
});

test('redraft rewrites the machine draft and keeps the editor\'s version beside it', async () => {
  const c = client(d.app);
  await c.get('/');
  assert.ok(d.store.saveEdit(chips.storyId, 0, { headline: 'Editor headline', bullet: 'Editor bullet.', topics: null }, AT));
  assert.match(await (await c.get(`/stories/${chips.storyId}/card`)).text(), new RegExp(`hx-post="/stories/${chips.storyId}/redraft"`));
  const res = await c.post(`/stories/${chips.storyId}/redraft`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Redrafted\. Your edited version is still the one shown/);
  const card = d.store.getCard(chips.storyId)!;
  assert.notEqual(card.draft?.headline, 'Stale machine headline', 'a new machine draft');
  assert.notEqual(card.draft?.bullet, 'Stale machine bullet.');
  assert.match(card.draft!.bullet, /Semiconductor subsidy round opens|Officials from Japan/);
  assert.equal(card.headline, 'Editor headline', 'the edit is still there');
  assert.equal(card.bullet, 'Editor bullet.');
  assert.equal(card.edited, true);
});

test('CSRF: split, merge and redraft without the token are refused and change nothing', async () => {
  const c = client(d.app);
  await c.get('/');
  const before = JSON.stringify(d.store.listCards({ review: 'all', limit: 100 }));
  for (const [path, form] of [[`/items/${statement.itemId}/split`, {}], [`/stories/${fuel.storyId}/merge`, { other: String(lone.storyId) }],
    [`/stories/${lone.storyId}/redraft`, {}]] as const) {
    for (const token of [null, 'wrong']) assert.equal((await c.post(path, form, { token })).status, 403, `${path} with ${token}`);
  }
  assert.equal(JSON.stringify(d.store.listCards({ review: 'all', limit: 100 })), before);
});

test('when the draft cannot be made, the split-out story still appears, says so, and stays a candidate for the next run', async () => {
  const failing: Summarizer = { name: 'llm:test', promptVersion: 'p', summarize: () => Promise.reject(new Error('the model is unreachable')) };
  const f = seeded(failing);
  try {
    const [main, item] = f.seeded;
    const c = client(f.app);
    await c.get('/');
    const res = await c.post(`/items/${item.itemId}/split`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /the draft could not be made now \(the model is unreachable\)\. It comes with the next run\./);
    const created = f.store.storyOfItem(item.itemId)!;
    assert.notEqual(created, main.storyId);
    assert.equal(f.store.getCard(created)!.draft, null);
    const page = await (await c.get('/')).text();
    assert.match(page, new RegExp(`id="story-${created}"`), 'still listed (not marked failed)');
    assert.match(page, /No draft yet: it comes with the next run\./);
    assert.equal(f.store.listSummaryJobs(10, false, [created]).length, 1, 'the next run drafts it');
    const redo = await c.post(`/stories/${main.storyId}/redraft`);
    assert.equal(redo.status, 422);
    assert.match(await redo.text(), /No new draft: the model is unreachable\. The current draft is kept\./);
    assert.ok(f.store.getCard(main.storyId)!.draft, 'the old draft is kept');
  } finally { f.cleanup(); }
});

test('follow-ups: not fresh candidates; listed under their own filter with a count, badged with the issue they follow', async () => {
  const f = desk(SEED.slice(3, 5));
  try {
    const [ran, fresh] = f.seeded;
    const now = f.clock.now;
    const issue = shortlistStory(f.store, f.config, ran.storyId, now);
    publishIssue(f.store, issue.id, now);
    // A later article about the event issue 1.1 ran: a follow-up story.
    const url = 'https://wire.example/story/follow-up';
    const at = '2026-11-21T08:00:00.000Z';
    const { id } = f.store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: 'Osaka LNG terminal opens second berth', summary: null,
      content: null, published_at: at }, at);
    f.store.markExtracted(id, { canonical_url: null, aliases: [url], title: 'Osaka LNG terminal opens second berth', byline: null, published_at: at,
      lang: 'en', site_name: null, text: 'The Osaka LNG terminal opened its second berth.', text_from: 'page', content_hash: null, state: 'extracted',
      relevance: 0.7, relevance_terms: ['Japan'] }, at);
    const follow = f.store.startStory(id, at, { issueId: issue.id, storyId: ran.storyId });
    f.store.saveDraft(follow, id, { headline: 'Osaka LNG terminal opens second berth', bullet: 'A second berth opened.', topics: ['energy'],
      topic_confidence: 0.6, summarizer: 'offline', prompt_version: 'offline-1', cache_key: 'follow', unsupported: [] }, at);
    f.store.saveDraft(fresh.storyId, fresh.itemId, { headline: 'Drill report', bullet: 'The coast guards drilled.', topics: ['defense'],
      topic_confidence: 0.6, summarizer: 'offline', prompt_version: 'offline-1', cache_key: 'fresh', unsupported: [] }, at);
    const c = client(f.app);
    const main = await (await c.get('/?from=')).text();
    assert.ok(!main.includes('second berth'), 'not a fresh candidate');
    assert.match(main, /Follow-ups<\/span><span class="count">1</);
    assert.match(main, /href="\/\?follow_ups=1&amp;from="/);
    const list = await (await c.get('/?follow_ups=1&from=')).text();
    assert.match(list, /<h1>Follow-ups<\/h1>/);
    assert.match(list, /1 story/);
    const card = list.slice(list.indexOf(`id="story-${follow}"`));
    assert.match(card, new RegExp(`href="/issues/${issue.id}"[^>]*>\\s*Follow-up of Vol 1\\.1\\s*<`));
    assert.ok(card.includes('second berth'));
    assert.ok(!list.includes('Drill report'), 'fresh stories are not follow-ups');
    assert.match(list, /Fresh<\/span><span class="count">1</);
    assert.match(list, /name="follow_ups" value="1"/, 'the search form keeps the filter');
    assert.match(list, /href="\/\?follow_ups=1&amp;topic=energy&amp;from="/, 'topic links keep it');
    assert.match(await (await c.get('/?follow_ups=1&from=&q=berth')).text(), /1 story matching/);
    assert.match(await (await c.get('/?follow_ups=1&from=&topic=defense')).text(), /0 stories/);
    assert.match(await (await c.get('/?follow_ups=1&from=&review=rejected')).text(), /0 stories/);
    assert.match(await (await c.get('/')).text(), /Follow-ups<\/span><span class="count">1</, 'the default range (since the last issue) counts it');
    const refused = await c.post(`/stories/${ran.storyId}/redraft`);
    assert.equal(refused.status, 422);
    assert.match(await refused.text(), /published issue and can no longer change/);
  } finally { f.cleanup(); }
});
