import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempStore } from '../support/temp-db.js';
import { seedStories } from '../support/seed.js';
import { testConfig } from './harness.js';
import { createIssue, addToIssue, removeFromIssue, moveInIssue, publishIssue, resolveIssue, shortlistStory, rejectStory,
  issueDocument, nextIssueNumber, IssueError } from '../../src/jobs/issues.js';

const config = testConfig([{ id: 'wire', type: 'rss', url: 'https://wire.example/feed' }]);
const NOW = new Date('2026-11-21T00:00:00Z');

test('issues number themselves, add/move/remove keep a dense order, publish retires the items', () => {
  const { store, cleanup } = tempStore();
  try {
    const ids = seedStories(store, [{ title: 'One' }, { title: 'Two' }, { title: 'Three' }]).map((s) => s.itemId);
    assert.deepEqual(nextIssueNumber(store), { volume: 1, number: 1 });
    const issue = createIssue(store, config, { from: '2026-11-10', to: '2026-11-23' }, NOW);
    assert.equal(issue.title, 'Test Digest Vol 1.1');
    assert.deepEqual(nextIssueNumber(store), { volume: 1, number: 2 });
    addToIssue(store, '1.1', ids, NOW);
    moveInIssue(store, issue.id, ids[2], 1, NOW);
    assert.deepEqual(issueDocument(store, config, '1.1').items.map((i) => i.headline), ['Three', 'One', 'Two']);
    removeFromIssue(store, '1.1', ids[0], NOW);
    const doc = issueDocument(store, config, issue.id);
    assert.deepEqual(doc.items.map((i) => i.headline), ['Three', 'Two']);
    assert.equal(store.listCards({ review: 'new' }).cards.length, 1, 'the removed story is a candidate again');
    assert.equal(store.listCards({ review: 'shortlisted' }).cards.length, 2);
    publishIssue(store, '1.1', NOW);
    assert.equal(resolveIssue(store, '1.1').status, 'published');
    assert.equal(store.listCards({ review: 'published' }).cards.length, 2);
    assert.throws(() => addToIssue(store, '1.1', [ids[0]], NOW), /published/);
    assert.throws(() => createIssue(store, config, { volume: 1, number: 1 }, NOW), /already exists.*1\.2/);
  } finally { cleanup(); }
});

test('the exported heading carries the volume and number unless the title already has them', () => {
  const { store, cleanup } = tempStore();
  try {
    createIssue(store, config, { title: 'US-Japan Alliance Digest', volume: 9, number: 3 }, NOW);
    assert.equal(issueDocument(store, config, '9.3').title, 'US-Japan Alliance Digest Vol 9.3');
    createIssue(store, config, { title: 'Alliance Digest Vol. 9.4 (special)', volume: 9, number: 4 }, NOW);
    assert.equal(issueDocument(store, config, '9.4').title, 'Alliance Digest Vol. 9.4 (special)');
    createIssue(store, config, { title: 'Digest Vol 2.1', volume: 9, number: 5 }, NOW);
    assert.equal(issueDocument(store, config, '9.5').title, 'Digest Vol 2.1 Vol 9.5', 'a different number is not "already there"');
  } finally { cleanup(); }
});

test('shortlisting without a draft creates the next issue; reject and undo', () => {
  const { store, cleanup } = tempStore();
  try {
    const [a, b] = seedStories(store, [{ title: 'Alpha' }, { title: 'Beta' }]);
    const issue = shortlistStory(store, config, a.storyId, NOW);
    assert.equal(issue.item_count, 1);
    rejectStory(store, b.storyId, NOW);
    assert.equal(store.getCard(b.storyId)?.review, 'rejected');
    store.undoStoryReview(b.storyId, NOW.toISOString());
    assert.equal(store.getCard(b.storyId)?.review, 'new');
  } finally { cleanup(); }
});

test('editor edits win in the document, and a concurrent save is refused', () => {
  const { store, cleanup } = tempStore();
  try {
    const [a] = seedStories(store, [{ title: 'Machine headline', bullet: 'Machine bullet.' }]);
    const card = store.getCard(a.storyId)!;
    assert.equal(store.saveEdit(a.storyId, card.edit_rev, { headline: 'Editor headline', bullet: null, topics: null }, NOW.toISOString()), true);
    assert.equal(store.saveEdit(a.storyId, card.edit_rev, { headline: 'Stale save', bullet: null, topics: null }, NOW.toISOString()), false);
    const after = store.getCard(a.storyId)!;
    assert.equal(after.headline, 'Editor headline');
    assert.equal(after.draft?.headline, 'Machine headline', 'the machine draft stays beside the edit');
    assert.equal(after.bullet, 'Machine bullet.');
    addToIssue(store, createIssue(store, config, {}, NOW).id, [a.itemId], NOW);
    assert.equal(issueDocument(store, config, '1.1').items[0].headline, 'Editor headline');
  } finally { cleanup(); }
});

test('search finds title, text, headline and bullet words, including an edited headline', () => {
  const { store, cleanup } = tempStore();
  try {
    const [a] = seedStories(store, [{ title: 'Coast guard drill', text: 'Cutters from Japan and the United States rehearsed off Okinawa.' },
      { title: 'Chip rules', bullet: 'Export checks on lithography tools.' }]);
    assert.equal(store.listCards({ q: 'Okinawa' }).total, 1);
    assert.equal(store.listCards({ q: 'lithography' }).total, 1);
    assert.equal(store.listCards({ q: 'lithog' }).total, 1, 'prefix match on the last word');
    assert.equal(store.listCards({ q: '"); DROP TABLE items; --' }).total, 0, 'hostile input is only words');
    store.saveEdit(a.storyId, 0, { headline: 'Rescue rehearsal near Ishigaki', bullet: null, topics: null }, NOW.toISOString());
    assert.equal(store.listCards({ q: 'Ishigaki' }).total, 1);
  } finally { cleanup(); }
});

test('bad references say what exists', () => {
  const { store, cleanup } = tempStore();
  try {
    assert.throws(() => resolveIssue(store, '9.9'), (e: unknown) => e instanceof IssueError && /none exists yet/.test(e.message));
    createIssue(store, config, {}, NOW);
    assert.throws(() => resolveIssue(store, 'x'), /existing: 1\.1/);
    assert.throws(() => addToIssue(store, '1.1', [999], NOW), /no item 999/);
    assert.throws(() => createIssue(store, config, { from: 'yesterday' }, NOW), /date like/);
  } finally { cleanup(); }
});
