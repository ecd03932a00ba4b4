import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client, STORIES } from './helpers.js';

const d = desk(STORIES);
after(() => d.cleanup());

test('a plain POST (no HX-Request) that is refused shows the reason with 409/422, not a silent 303', async () => {
  const c = client(d.app);
  await c.get('/');
  const id = d.seeded[0].storyId;
  const rev = String(d.store.getCard(id)!.edit_rev);
  const ok = await c.post(`/stories/${id}/edit`, { rev, headline: 'First save', bullet: 'A bullet.', topics: 'defense' }, { htmx: false });
  assert.equal(ok.status, 303, 'a save that works goes back to the candidates');
  const late = await c.post(`/stories/${id}/edit`, { rev, headline: 'Second save', bullet: 'Too late.', topics: 'defense' }, { htmx: false });
  assert.equal(late.status, 409);
  const page = await late.text();
  assert.match(page, /someone else saved this story/);
  assert.match(page, /href="\/"/);
  const empty = await c.post(`/stories/${id}/edit`, { rev: '0', headline: ' ', bullet: 'x' }, { htmx: false });
  assert.equal(empty.status, 422);
  assert.match(await empty.text(), /headline cannot be empty/);
  const merge = await c.post(`/stories/${id}/merge`, { other: String(id) }, { htmx: false });
  assert.equal(merge.status, 422);
  const mergePage = await merge.text();
  assert.match(mergePage, /cannot be merged with itself/i);
  assert.match(mergePage, /<html/i, 'a whole page, not a fragment');
  assert.match(mergePage, /href="\/"/);
});
