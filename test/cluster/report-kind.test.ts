import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportKind } from '../../src/cluster/report-kind.js';
import Database from 'better-sqlite3';
import { tempStore } from '../support/temp-db.js';
import { clusterPending, storyConfig, storyStorage } from '../../src/jobs/cluster.js';
import type { Store } from '../../src/store/index.js';

test('announcements of events still to come are previews', () => {
  const cases: [string, string][] = [
    ['Ministers will hold trade talks in Lisbon', 'The two governments will hold a first round on tariffs on Thursday.'],
    ['Coastal states set to open fisheries round', 'Delegations from four coastal states are set to gather in Bergen.'],
    ['Envoy expected to visit capital', 'The envoy is expected to arrive on Monday for two days of meetings.'],
    ['Markets calm ahead of budget vote', 'Traders kept positions small ahead of the parliamentary vote.'],
    ['Unions and employers to hold talks next week', 'Negotiators said little about the agenda.'],
    ['Port authority plans to expand terminal', 'The authority plans to add two berths by the end of the decade.'],
    ['Leaders to meet in Geneva', 'The meeting is the first in three years.'],
  ];
  for (const [title, text] of cases) assert.equal(reportKind(title, text), 'preview', title);
});

test('reports of events that took place are reports, even with forward-looking quotes', () => {
  const cases: [string, string][] = [
    ['Trade talks in Lisbon end without a deal', 'The two governments ended their first round on Thursday. ' +
      'Both sides said they will continue to cooperate on tariffs.'],
    ['Ministers agree on fisheries quotas', 'Delegations agreed on new quotas in Bergen on Friday.'],
    ['Envoy meets president', 'The envoy met the president for two hours and said he will return next month.'],
    ['Leaders held talks in Geneva', 'The meeting was the first in three years.'],
    ['Talks conclude', 'The ministry said it will continue to cooperate with its partners.'],
    ['Central bank leaves rates unchanged', 'The bank kept its key rate at four percent.'],
  ];
  for (const [title, text] of cases) assert.equal(reportKind(title, text), 'report', title);
});

test('only the title and first two sentences count, not background paragraphs', () => {
  const text = 'Negotiators from both sides signed the accord on Tuesday. The text runs to forty pages. ' +
    'The parties plan to hold a review meeting next year and will meet again in the spring.';
  assert.equal(reportKind('Accord signed in Oslo', text), 'report');
  const preview = 'The parties will hold a review meeting on Friday. The agenda is short. ' +
    'Last year the parties signed and ratified an accord that ended the dispute.';
  assert.equal(reportKind('Review meeting due', preview), 'preview');
});

test('empty input is a report', () => {
  assert.equal(reportKind(null, ''), 'report');
  assert.equal(reportKind(undefined, undefined), 'report');
});

// Store level: the lead of a story prefers a report over a preview (issue 13).

const NOW = '2026-09-03T00:00:00.000Z';

function extracted(store: Store, source: string, n: number, title: string, text: string): number {
  const url = `https://${source}.example/${n}`;
  const { id } = store.insertDiscovered({ url, url_seen: url, source_id: source, title, summary: null, content: null, published_at: NOW }, NOW);
  store.markExtracted(id, { canonical_url: null, aliases: [url], title, byline: null, published_at: NOW, lang: 'en', site_name: null,
    text, text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.7, relevance_terms: ['Japan'] }, NOW);
  return id;
}

async function stage(store: Store) {
  const batch = store.writeBatch({ maxMs: 50, maxWrites: 100 });
  await clusterPending({ store, batch, storage: storyStorage(store), cfg: storyConfig(undefined), sourceName: (id) => id,
    now: () => new Date(NOW) });
  batch.flush();
}

function sources(store: Store, primary: string[]) {
  store.upsertSources(['previewwire', 'reportwire', 'ministry'].map((id) => ({ id, name: id, type: 'rss' as const,
    url: `https://${id}.example/feed`, topics: [], always_relevant: false, primary: primary.includes(id), enabled: true })));
}

// One event (fisheries talks between Norway and Iceland in Bergen) told before and after it took place.
const PREVIEW = ['Norway and Iceland to hold fisheries talks in Bergen',
  'Fisheries minister Katrin Olafsdottir and her Norwegian counterpart Henrik Solberg will hold talks on mackerel quotas in Bergen on Thursday. ' +
  'Olafsdottir is expected to press for a larger share of the northern stock, while Solberg plans to raise the question of joint patrols. ' +
  'The two countries last met on quotas two years ago in Reykjavik, and officials from both fisheries ministries have spent weeks ' +
  'preparing papers on stock surveys, vessel licences, landing rules and the monitoring of catches in the Norwegian Sea. ' +
  'Industry groups in Bergen and Reykjavik have asked for a multi-year arrangement so that fleets can plan their seasons.'];
const REPORT = ['Norway and Iceland agree mackerel quotas in Bergen talks',
  'Fisheries minister Katrin Olafsdottir and her Norwegian counterpart Henrik Solberg agreed on mackerel quotas in Bergen on Thursday. ' +
  'The talks ended with a three-year arrangement for the northern stock and joint patrols in the Norwegian Sea.'];
const READOUT = ['Readout: Bergen fisheries talks with Iceland',
  'Minister Henrik Solberg met Katrin Olafsdottir in Bergen on Thursday; mackerel quotas were agreed.'];

test('a shorter completed report leads over a longer preview of the same story', async () => {
  const { store, cleanup } = tempStore();
  try {
    sources(store, []);
    const p = extracted(store, 'previewwire', 1, ...(PREVIEW as [string, string]));
    const r = extracted(store, 'reportwire', 2, ...(REPORT as [string, string]));
    assert.ok(PREVIEW[1].length > REPORT[1].length);
    await stage(store);
    const story = store.storyIdOf(p);
    assert.ok(story !== null);
    assert.equal(store.storyIdOf(r), story, 'preview and report are one story');
    const view = store.listStories(10).find((s) => s.story_id === story)!;
    assert.equal(view.lead_item_id, r);
  } finally { cleanup(); }
});

test('a primary source still leads over a non-primary report, and a preview does not outrank it', async () => {
  const { store, cleanup } = tempStore();
  try {
    sources(store, ['ministry']);
    const p = extracted(store, 'previewwire', 1, ...(PREVIEW as [string, string]));
    const r = extracted(store, 'reportwire', 2, ...(REPORT as [string, string]));
    const m = extracted(store, 'ministry', 3, ...(READOUT as [string, string]));
    await stage(store);
    const story = store.storyIdOf(m);
    assert.equal(store.storyIdOf(p), story);
    assert.equal(store.storyIdOf(r), story);
    const view = store.listStories(10).find((s) => s.story_id === story)!;
    assert.equal(view.lead_item_id, m);
  } finally { cleanup(); }
});

test('an item stored before the preview flag existed (NULL) counts as a report', async () => {
  const { store, file, cleanup } = tempStore();
  try {
    sources(store, []);
    const p = extracted(store, 'previewwire', 1, ...(PREVIEW as [string, string]));
    const r = extracted(store, 'reportwire', 2, ...(REPORT as [string, string]));
    const db = new Database(file);
    assert.equal(db.prepare('SELECT preview FROM items WHERE id = ?').pluck().get(p), 1, 'the preview is flagged when stored');
    assert.equal(db.prepare('SELECT preview FROM items WHERE id = ?').pluck().get(r), 0);
    db.prepare('UPDATE items SET preview = NULL WHERE id = ?').run(p);
    db.close();
    await stage(store);
    const view = store.listStories(10).find((s) => s.story_id === store.storyIdOf(p))!;
    assert.equal(view.lead_item_id, p, 'unflagged and longer: it leads as before');
  } finally { cleanup(); }
});
