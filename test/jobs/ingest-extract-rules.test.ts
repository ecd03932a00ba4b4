// sources.yaml `extract.remove` reaches extraction during a real ingest (loopback site, real SQLite file).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { ARTICLES, articlePage, rssFeed } from './site.js';
import { testConfig, ingestOnce } from './harness.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const [drill, chips] = ARTICLES;
const PROMO = 'Harbor Post members read every story first and get the weekly port schedule before anyone else does.';
// The site's own promo box, in a paragraph the general furniture rules cannot tell from text.
const withPromo = (html: string) => html.replace('</p>\n<p>', `</p>\n<div class="hp-x1"><p>${PROMO}</p></div>\n<p>`);

test('a source\'s extract.remove selectors are applied to its pages; another source\'s pages are untouched', async () => {
  const A = '127.0.0.2', B = '127.0.0.3';
  const html = (body: string) => staticBody(body, { contentType: 'text/html; charset=utf-8' });
  server.route('/feed.xml', staticBody(rssFeed([{ a: drill, link: '/news/drill' }]), { contentType: 'application/rss+xml' }), A);
  server.route('/news/drill', html(withPromo(articlePage(drill))), A);
  server.route('/feed.xml', staticBody(rssFeed([{ a: chips, link: '/news/chips' }]), { contentType: 'application/rss+xml' }), B);
  server.route('/news/chips', html(withPromo(articlePage(chips))), B);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([
      { id: 'ruled', type: 'rss', url: server.url(A, '/feed.xml'), extract: { remove: ['.hp-x1'] } },
      { id: 'plain', type: 'rss', url: server.url(B, '/feed.xml') },
    ]);
    const report = await ingestOnce(config, store);
    assert.equal(report.outcome, 'ok', JSON.stringify(report.sources));
    const items = store.listItems({ full: true });
    const ruled = items.find((i) => i.source_ids.includes('ruled'));
    const plain = items.find((i) => i.source_ids.includes('plain'));
    assert.ok(ruled?.text && plain?.text, JSON.stringify(items.map((i) => [i.source_ids, i.state, i.error])));
    assert.ok(ruled.text.includes(drill.paragraphs[2]) && !ruled.text.includes(PROMO), ruled.text);
    assert.ok(plain.text.includes(PROMO), 'the rule is per source');
  } finally {
    cleanup();
  }
});
