import { test } from 'node:test';
import assert from 'node:assert/strict';
import { desk, client } from '../web/helpers.js';

const NOW = '2026-11-20T00:00:00.000Z';

test('Below threshold lists an irrelevant item with its score and terms; promote puts it on the desk and records a decision', async () => {
  const d = desk([{ title: 'Ministers meet' }]);
  try {
    const url = 'https://wire.example/wrap';
    const { id } = d.store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: 'Nikkei ends flat in thin trade', summary: null, content: null, published_at: NOW }, NOW);
    d.store.markExtracted(id, { canonical_url: null, aliases: [url], title: 'Nikkei ends flat in thin trade', byline: null, published_at: NOW, lang: 'en', site_name: null,
      text: 'Shares in Tokyo ended flat after trading in the United States.', text_from: 'page', content_hash: null, state: 'irrelevant', relevance: 0.31,
      relevance_terms: ['Tokyo', 'United States'] }, NOW);
    d.store.recordAdjustment(id, { rule_score: 0.62, score: 0.31, rule_state: 'extracted', moved_by: [{ feature: 'w:nikkei', weight: -2.4 }] }, NOW);
    const c = client(d.app);
    const res = await c.get('/below');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Nikkei ends flat in thin trade/);
    assert.match(html, /score 0\.31/);
    assert.match(html, /why: Tokyo, United States/);
    assert.match(html, /your past decisions lowered this from 0\.62 to 0\.31/);
    assert.doesNotMatch(await (await c.get('/')).text(), /Nikkei ends flat/, 'not on the candidates page before promote');

    const p = await c.post(`/below/${id}/promote`, {}, { htmx: true });
    assert.equal(p.status, 200, await p.clone().text());
    assert.match(await p.text(), /Promoted onto the desk/);
    const page = await (await c.get('/')).text();
    assert.match(page, /Nikkei ends flat/, 'on the candidates page after promote');
    assert.match(page, /Your past decisions lowered this from 0\.62 to 0\.31\./, 'the card says what learning did');
    assert.doesNotMatch(await (await c.get('/below')).text(), /Nikkei ends flat/);
    const [dec] = d.store.listDecisions();
    assert.deepEqual([dec.action, dec.via, dec.item_id, dec.label], ['promote', 'desk', id, 1]);
    assert.equal((await c.post(`/below/${id}/promote`, {}, { htmx: true })).status, 422, 'promoting twice is refused');
  } finally {
    d.cleanup();
  }
});
