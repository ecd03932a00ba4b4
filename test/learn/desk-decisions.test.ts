import { test } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client } from '../web/helpers.js';

test('desk shortlist and reject each record one decision (via desk) and train the model; undo takes it back', async () => {
  const d = desk([{ title: 'Ministers meet' }, { title: 'Nikkei ends higher' }]);
  try {
    const c = client(d.app);
    await c.get('/');
    const [a, b] = d.seeded;
    assert.ok((await c.post(`/stories/${a.storyId}/shortlist`, {}, { htmx: true })).status < 400);
    assert.ok((await c.post(`/stories/${b.storyId}/reject`, {}, { htmx: true })).status < 400);
    const rows = d.store.listDecisions();
    assert.deepEqual(rows.map((r) => [r.action, r.via, r.item_id]).reverse(), [['shortlist', 'desk', a.itemId], ['reject', 'desk', b.itemId]]);
    const m = d.store.loadModel();
    assert.equal(m.pos, 1);
    assert.equal(m.neg, 1);
    assert.equal(m.features.get('w:nikkei')?.neg, 1);

    // Undo takes the example back out of the model, and the undo is itself a row of the audit trail.
    assert.ok((await c.post(`/stories/${b.storyId}/undo`, {}, { htmx: true })).status < 400);
    const after = d.store.loadModel();
    assert.equal(after.neg, 0);
    assert.equal(after.features.get('w:nikkei')?.neg, 0);
    const [undo, reject] = d.store.listDecisions();
    assert.deepEqual([undo.action, undo.undoes, undo.via], ['undo', reject.id, 'desk']);

    // A re-tag on the desk is a topic example (not a relevance label).
    const card = d.store.getCard(a.storyId)!;
    const e = await c.post(`/stories/${a.storyId}/edit`, { headline: card.headline!, bullet: card.bullet!, topics: ['defense'], rev: String(card.edit_rev) }, { htmx: true });
    assert.equal(e.status, 200, await e.clone().text());
    const [tag] = d.store.listDecisions();
    assert.deepEqual([tag.action, tag.label, tag.topics_before, tag.topics_after], ['topics', null, ['diplomacy'], ['defense']]);
    assert.deepEqual(d.store.editorTopicExamples().map((x) => x.topics), [['defense']]);
  } finally {
    d.cleanup();
  }
});
