import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, staticBody, type FixtureServer } from '../support/fixture-server.js';
import { tempStore } from '../support/temp-db.js';
import { testConfig, ingestOnce } from '../jobs/harness.js';
import { noteDecision } from '../../src/learn/index.js';
import { marketWrap, allianceStory, rng } from '../../eval/learning.js';

let server: FixtureServer;
before(async () => { server = await startFixtureServer(); });
after(async () => { await server.close(); });

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const rss = (items: { title: string; text: string; link: string }[]) => `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><link>/</link>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${i.link}</link><pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate><description>${esc(i.text)}</description></item>`).join('\n')}
</channel></rss>`;

test('ingest after the editor rejected market wraps and shortlisted alliance stories lowers new wraps below the threshold, not the others', async () => {
  const H = '127.0.0.6';
  const r = rng(7);
  const batch = (round: number) => [
    ...Array.from({ length: 10 }, (_, i) => ({ kind: 'wrap', ...marketWrap(r, round * 100 + i), link: server.url(H, `/m/${round}-${i}`) })),
    ...Array.from({ length: 10 }, (_, i) => ({ kind: 'alliance', ...allianceStory(r, round * 100 + i), link: server.url(H, `/a/${round}-${i}`) })),
  ];
  const first = batch(1), second = batch(2);
  server.route('/feed.xml', staticBody(rss(first), { contentType: 'application/rss+xml' }), H);
  const { store, cleanup } = tempStore();
  try {
    const config = testConfig([{ id: 'wire', type: 'rss', url: server.url(H, '/feed.xml') }]);
    assert.equal((await ingestOnce(config, store)).outcome, 'ok');
    const kindOf = (url: string) => [...first, ...second].find((x) => x.link === url)?.kind;
    const items = store.listItems({});
    for (const i of items) if (kindOf(i.url) === 'wrap') assert.equal(i.state, 'extracted', 'the rules alone keep the wraps (borderline)');
    for (const i of items) noteDecision(store, i.id, kindOf(i.url) === 'wrap' ? 'reject' : 'shortlist', 'desk', new Date());

    server.route('/feed.xml', staticBody(rss(second), { contentType: 'application/rss+xml' }), H);
    assert.equal((await ingestOnce(config, store)).outcome, 'ok');
    const fresh = store.listItems({}).filter((i) => second.some((x) => x.link === i.url));
    assert.equal(fresh.length, 20);
    for (const i of fresh) {
      const a = store.learnAdjustment(i.id);
      assert.ok(a, `an adjustment is recorded for ${i.title}`);
      if (kindOf(i.url) === 'wrap') {
        assert.equal(i.state, 'irrelevant', `${i.title} goes below the threshold`);
        assert.ok(a.score <= a.rule_score * 0.7, `≥30% lower: ${a.rule_score} → ${a.score}`);
        assert.equal(a.rule_state, 'extracted');
      } else {
        assert.equal(i.state, 'extracted');
        assert.ok(a.score >= a.rule_score, `${a.rule_score} → ${a.score}`);
      }
    }
    assert.equal(store.listBelowThreshold().total, 10, 'every demoted wrap stays visible under Below threshold');
  } finally {
    cleanup();
  }
});
