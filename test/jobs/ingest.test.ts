import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, redirect, status, hang, trickle, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { ARTICLES, articlePage, rssFeed, atomFeed, rdfFeed, listingPage } from './site.js';
import { testConfig, ingestOnce } from './harness.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const [drill, chips, lng, sumo, budget, quantum] = ARTICLES;
const html = (body: string) => staticBody(body, { contentType: 'text/html; charset=utf-8' });

test('RSS, Atom, RDF and a listing page land in SQLite; off-topic items are set aside', async () => {
  const A = '127.0.0.2', B = '127.0.0.3', C = '127.0.0.4', D = '127.0.0.5';
  // RSS with relative links, Atom with absolute links, RDF, and a listing page with relative hrefs.
  server.route('/feed.xml', staticBody(rssFeed([{ a: drill, link: '/news/drill' }, { a: sumo, link: 'news/sumo' }]), { contentType: 'application/rss+xml', etag: '"r1"' }), A);
  server.route('/news/drill', html(articlePage(drill)), A);
  server.route('/news/sumo', html(articlePage(sumo)), A);
  server.route('/atom.xml', staticBody(atomFeed([{ a: chips, link: server.url(B, '/p/chips') }, { a: budget, link: server.url(B, '/p/budget') }]), { contentType: 'application/atom+xml' }), B);
  server.route('/p/chips', html(articlePage(chips)), B);
  server.route('/p/budget', html(articlePage(budget)), B);
  server.route('/index.rdf', staticBody(rdfFeed([{ a: lng, link: server.url(C, '/r/lng') }]), { contentType: 'application/rdf+xml' }), C);
  server.route('/r/lng', html(articlePage(lng)), C);
  server.route('/press/', html(listingPage([{ a: quantum, href: '2026/quantum.html' }])), D);
  server.route('/press/2026/quantum.html', html(articlePage(quantum)), D);

  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([
      { id: 'harbor', type: 'rss', url: server.url(A, '/feed.xml') },
      { id: 'policy', type: 'rss', url: server.url(B, '/atom.xml') },
      { id: 'cabinet', type: 'rss', url: server.url(C, '/index.rdf') },
      { id: 'press', type: 'html', url: server.url(D, '/press/'), link_selector: 'li.release a' },
    ]);
    const report = await ingestOnce(config, store);
    assert.equal(report.outcome, 'ok', JSON.stringify(report.sources));
    assert.deepEqual(report.items, { new: 6, extracted: 4, irrelevant: 2, failed: 0, merged: 0, retried: 0, joined: 0, follow_ups: 0 });
    const items = store.listItems({ full: true });
    const byTitle = new Map(items.map((i) => [i.title, i]));
    assert.equal(byTitle.get(drill.title)?.url, server.url(A, '/news/drill'), 'relative link resolved against the feed URL');
    assert.equal(byTitle.get(quantum.title)?.url, server.url(D, '/press/2026/quantum.html'), 'listing link resolved');
    assert.equal(byTitle.get(sumo.title)?.state, 'irrelevant', 'the pronoun "us" is not the United States');
    assert.equal(byTitle.get(budget.title)?.state, 'irrelevant');
    const chipItem = byTitle.get(chips.title)!;
    assert.equal(chipItem.state, 'extracted');
    assert.equal(chipItem.text_from, 'page');
    assert.match(chipItem.text!, /chipmaking tools\.\n\nThe arrangement/, 'paragraphs kept');
    assert.doesNotMatch(chipItem.text!, /Most read|All rights reserved/, 'boilerplate left out');
    assert.ok(chipItem.relevance_terms.includes('Japan') && chipItem.relevance_terms.includes('U.S.'));
    assert.equal(chipItem.published_at, chips.date);
  } finally { cleanup(); }
});

test('a second run costs almost nothing: 304 for the feed, no article fetched again', async () => {
  const H = '127.0.0.6';
  server.route('/feed.xml', staticBody(rssFeed([{ a: drill, link: '/a/1' }, { a: chips, link: '/a/2' }]), { contentType: 'application/rss+xml', etag: '"v1"', lastModified: 'Thu, 19 Nov 2026 00:00:00 GMT' }), H);
  server.route('/a/1', html(articlePage(drill)), H);
  server.route('/a/2', html(articlePage(chips)), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'harbor', type: 'rss', url: server.url(H, '/feed.xml') }]);
    const first = await ingestOnce(config, store);
    assert.equal(first.items.new, 2);
    const before = server.log.length;
    const second = await ingestOnce(config, store);
    const requests = server.log.slice(before).filter((r) => r.host === H);
    assert.deepEqual(requests.map((r) => `${r.path} ${r.status}`).filter((r) => !r.startsWith('/robots.txt')), ['/feed.xml 304']);
    assert.equal(requests.find((r) => r.path === '/feed.xml')?.headers['if-none-match'], '"v1"');
    assert.equal(second.sources[0].not_modified, true);
    assert.equal(second.items.new, 0);
    assert.equal(store.listItems({}).length, 2);
  } finally { cleanup(); }
});

test('a changed feed without validators: known articles are linked, not fetched again', async () => {
  const H = '127.0.0.7';
  let items = [{ a: drill, link: '/a/1' }];
  server.route('/feed.xml', () => ({ status: 200, headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(items) }), H);
  server.route('/a/1', html(articlePage(drill)), H);
  server.route('/a/2', html(articlePage(lng)), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'harbor', type: 'rss', url: server.url(H, '/feed.xml') }]);
    await ingestOnce(config, store);
    items = [{ a: lng, link: '/a/2' }, { a: drill, link: '/a/1' }];
    const before = server.log.length;
    const second = await ingestOnce(config, store);
    const paths = server.log.slice(before).map((r) => r.path).filter((p) => p !== '/robots.txt');
    assert.deepEqual(paths.sort(), ['/a/2', '/feed.xml']);
    assert.equal(second.sources[0].new, 1);
    assert.equal(second.sources[0].known, 1);
  } finally { cleanup(); }
});

test('feed autodiscovery: an rss source pointing at a web page follows its alternate link', async () => {
  const H = '127.0.0.8';
  server.route('/', html('<html><head><link rel="alternate" type="application/rss+xml" href="/rss/all.xml"></head><body>Home</body></html>'), H);
  server.route('/rss/all.xml', staticBody(rssFeed([{ a: lng, link: '/s/lng' }]), { contentType: 'application/rss+xml', etag: '"f"' }), H);
  server.route('/s/lng', html(articlePage(lng)), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'home', type: 'rss', url: server.url(H, '/') }]);
    const r = await ingestOnce(config, store);
    assert.equal(r.items.extracted, 1);
    // The next run asks the discovered feed directly, conditionally.
    const before = server.log.length;
    await ingestOnce(config, store);
    const next = server.log.slice(before).filter((x) => x.path !== '/robots.txt');
    assert.deepEqual(next.map((x) => `${x.path} ${x.status}`), ['/rss/all.xml 304']);
  } finally { cleanup(); }
});

test('the same article in two feeds with different tracking parameters is one item with two sources', async () => {
  const A = '127.0.0.9', B = '127.0.0.10';
  const article = server.url(A, '/story/quantum');
  server.route('/story/quantum', html(articlePage(quantum)), A);
  server.route('/one.xml', staticBody(rssFeed([{ a: quantum, link: `${article}?utm_source=rss&utm_medium=feed` }]), { contentType: 'application/rss+xml' }), A);
  server.route('/two.xml', staticBody(atomFeed([{ a: quantum, link: `${article}/?fbclid=xyz#top` }]), { contentType: 'application/atom+xml' }), B);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([
      { id: 'one', type: 'rss', url: server.url(A, '/one.xml') },
      { id: 'two', type: 'rss', url: server.url(B, '/two.xml') },
    ]);
    await ingestOnce(config, store);
    const items = store.listItems({});
    assert.equal(items.length, 1);
    assert.deepEqual(items[0].source_ids.sort(), ['one', 'two']);
    assert.equal(server.log.filter((r) => r.path.startsWith('/story/quantum')).length, 1, 'fetched once');
  } finally { cleanup(); }
});

test('identical text under two URLs and a canonical link fold into one item', async () => {
  const H = '127.0.0.11';
  server.route('/x/1', html(articlePage(chips, { canonical: '/canonical/chips' })), H);
  server.route('/x/2', html(articlePage(chips, { canonical: '/canonical/chips' })), H);
  server.route('/x/3', html(articlePage(drill)), H);
  server.route('/x/4', html(articlePage(drill)), H);
  server.route('/f.xml', staticBody(rssFeed([{ a: chips, link: '/x/1' }, { a: { ...chips, slug: 'c2' }, link: '/x/2' }, { a: drill, link: '/x/3' }, { a: { ...drill, slug: 'd2' }, link: '/x/4' }]), { contentType: 'application/rss+xml' }), H);
  const { store, cleanup } = tempStore();
  try {
    const r = await ingestOnce(testConfig([{ id: 'f', type: 'rss', url: server.url(H, '/f.xml') }]), store);
    assert.equal(r.items.merged, 2);
    const items = store.listItems({});
    assert.equal(items.length, 2);
    assert.equal(items.find((i) => i.title === chips.title)?.canonical_url, server.url(H, '/canonical/chips'));
  } finally { cleanup(); }
});

test('two pages with different texts that name one canonical URL fold into one item (the content hash cannot do it)', async () => {
  const H = '127.0.0.16';
  // The print view of the same article: the text differs (an editor's note is added), the canonical link is the same.
  const printed = { ...chips, slug: 'chips-print', paragraphs: [...chips.paragraphs,
    'Editor\u2019s note: this version adds the closing remarks of the trade ministry briefing held on Thursday evening.'] };
  server.route('/story/chips', html(articlePage(chips, { canonical: '/canonical/chips-talks' })), H);
  server.route('/print/chips', html(articlePage(printed, { canonical: '/canonical/chips-talks' })), H);
  server.route('/f.xml', staticBody(rssFeed([{ a: chips, link: '/story/chips' }, { a: printed, link: '/print/chips' }]), { contentType: 'application/rss+xml' }), H);
  const { store, cleanup } = tempStore();
  try {
    const r = await ingestOnce(testConfig([{ id: 'f', type: 'rss', url: server.url(H, '/f.xml') }]), store);
    const items = store.listItems({ full: true });
    assert.equal(items.length, 1, `one item expected, got ${items.map((i) => i.url).join(', ')}`);
    assert.equal(r.items.merged, 1);
    assert.equal(items[0].canonical_url, server.url(H, '/canonical/chips-talks'));
  } finally { cleanup(); }
});

test('redirects are followed; a redirect loop, 404, 500, a timeout, a trickle and an oversized body fail their item only', async () => {
  const H = '127.0.0.12';
  const feedItems = ['moved', 'loop', 'gone', 'broken', 'slow', 'drip', 'huge'].map((slug, i) => ({ a: { ...ARTICLES[i % 3], slug, title: `${slug} story` , paragraphs: [] }, link: `/s/${slug}` }));
  server.route('/f.xml', staticBody(rssFeed(feedItems), { contentType: 'application/rss+xml' }), H);
  server.route('/s/moved', redirect('/s/new-home', 301), H);
  server.route('/s/new-home', html(articlePage(lng)), H);
  server.route('/s/loop', redirect('/s/loop2'), H);
  server.route('/s/loop2', redirect('/s/loop'), H);
  server.route('/s/gone', status(404), H);
  server.route('/s/broken', status(500), H);
  server.route('/s/slow', hang(), H);
  server.route('/s/drip', trickle('<p>more</p>', 100), H);
  server.route('/s/huge', html(`<html><body><p>${'x'.repeat(300_000)}</p></body></html>`), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'f', type: 'rss', url: server.url(H, '/f.xml') }], { timeout_ms: 800, max_bytes: 100_000 });
    const r = await ingestOnce(config, store);
    assert.equal(r.outcome, 'partial');
    const items = store.listItems({});
    const by = (slug: string) => items.find((i) => i.url.endsWith(`/s/${slug}`))!;
    assert.equal(by('moved').state, 'extracted');
    assert.equal(by('moved').canonical_url, null);
    // Items with a feed summary fall back to it; these have none (empty paragraphs), so they fail with the reason.
    for (const [slug, kind] of [['loop', /redirect/i], ['gone', /404/], ['broken', /500/], ['slow', /time/i], ['drip', /time/i], ['huge', /large|bytes/i]] as const) {
      assert.equal(by(slug).state, 'failed', slug);
      assert.match(by(slug).error ?? '', kind, `${slug}: ${by(slug).error}`);
    }
    assert.equal(r.sources[0].failed, 6);
    // Transient failures are retried on the next run; permanent ones are not.
    const pending = store.listPending(100).map((p) => p.url.replace(/.*\/s\//, '')).sort();
    assert.deepEqual(pending, ['broken', 'drip', 'slow']);
  } finally { cleanup(); }
});

test('a page that cannot be fetched falls back to the feed\'s own text, marked so', async () => {
  const H = '127.0.0.13';
  server.route('/f.xml', staticBody(rssFeed([{ a: chips, link: '/s/denied' }]), { contentType: 'application/rss+xml' }), H);
  server.route('/s/denied', status(403), H);
  const { store, cleanup } = tempStore();
  try {
    await ingestOnce(testConfig([{ id: 'f', type: 'rss', url: server.url(H, '/f.xml') }]), store);
    const [item] = store.listItems({ full: true });
    assert.equal(item.state, 'extracted');
    assert.equal(item.text_from, 'feed');
    assert.equal(item.text, chips.paragraphs[0]);
  } finally { cleanup(); }
});

test('a source that fails is recorded with its reason; the others go on', async () => {
  const H = '127.0.0.14';
  server.route('/ok.xml', staticBody(rssFeed([{ a: lng, link: '/s/lng' }]), { contentType: 'application/rss+xml' }), H);
  server.route('/s/lng', html(articlePage(lng)), H);
  server.route('/bad.xml', status(404), H);
  server.route('/notfeed', html('<html><body><p>Just a page without any feed link.</p></body></html>'), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([
      { id: 'ok', type: 'rss', url: server.url(H, '/ok.xml') },
      { id: 'bad', type: 'rss', url: server.url(H, '/bad.xml') },
      { id: 'notfeed', type: 'rss', url: server.url(H, '/notfeed') },
    ]);
    const r = await ingestOnce(config, store);
    assert.equal(r.outcome, 'partial');
    const health = new Map(store.listSourceHealth('2026-01-01').map((s) => [s.id, s]));
    assert.equal(health.get('ok')?.consecutive_failures, 0);
    assert.equal(health.get('bad')?.consecutive_failures, 1);
    assert.match(health.get('bad')?.last_error ?? '', /404/);
    assert.match(health.get('notfeed')?.last_error ?? '', /not a feed/);
    await ingestOnce(config, store);
    assert.equal(new Map(store.listSourceHealth('2026-01-01').map((s) => [s.id, s])).get('bad')?.consecutive_failures, 2);
  } finally { cleanup(); }
});

test('every source failing makes the run fail', async () => {
  const { store, cleanup } = tempStore();
  try {
    server.route('/gone.xml', status(410), '127.0.0.15');
    const r = await ingestOnce(testConfig([{ id: 'g', type: 'rss', url: server.url('127.0.0.15', '/gone.xml') }]), store);
    assert.equal(r.outcome, 'failed');
    assert.equal(store.listRuns(1)[0].outcome, 'failed');
  } finally { cleanup(); }
});
