/** Several connections (as several workers would hold) writing the same things at once: each lands once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePg, freshSchema } from '../../support/pg.js';
import { openPostgresPorts } from '../../../src/store/postgres/index.js';
import type { PortsHandle } from '../../../src/store/ports.js';

const T0 = '2026-11-20T08:00:00.000Z';

describePg('PostgreSQL under concurrent writers', (db) => {
  async function handles(n: number): Promise<{ hs: PortsHandle[]; close(): Promise<void> }> {
    const schema = await freshSchema(db.url);
    const hs: PortsHandle[] = [];
    for (let i = 0; i < n; i++) hs.push(await openPostgresPorts(schema.url, { max: 3 }));
    return { hs, close: async () => { for (const h of hs) await h.close(); await schema.drop(); } };
  }

  test('four workers discovering the same 40 articles at once: one item each, created once, every source linked once', async () => {
    const { hs, close } = await handles(4);
    try {
      const sources = ['wire', 'gov', 'blog', 'desk'];
      await hs[0].ports.sources.upsertSources(sources.map((id) => ({ id, name: id, type: 'rss', url: `https://${id}.example/`, topics: [],
        always_relevant: false, primary: false, enabled: true })));
      const urls = Array.from({ length: 40 }, (_, i) => `https://news.example/story/${i}`);
      const results = await Promise.all(hs.map((h, w) => Promise.all(
        // Each worker in its own order, so the same URL is attempted by several at nearly the same moment.
        [...urls].sort((a, b) => ((a.length * 31 + w * 7 + a.charCodeAt(a.length - 1)) % 13) - ((b.length * 31 + w * 7 + b.charCodeAt(b.length - 1)) % 13))
          .map((url) => h.ports.items.insertDiscovered({ url, url_seen: url, source_id: sources[w], title: 'T', summary: null, content: null,
            published_at: null }, T0).then((r) => ({ url, ...r }))))));
      const flat = results.flat();
      for (const url of urls) {
        const mine = flat.filter((r) => r.url === url);
        assert.equal(new Set(mine.map((r) => r.id)).size, 1, `${url}: one item id`);
        assert.equal(mine.filter((r) => r.created).length, 1, `${url}: created exactly once`);
      }
      const items = await hs[1].ports.items.listItems({});
      assert.equal(items.length, 40);
      assert.ok(items.every((i) => i.source_ids.length === 4), 'each article linked to each of the four sources');
    } finally { await close(); }
  });

  test('five processes taking the run lock at once: exactly one holds it', async () => {
    const { hs, close } = await handles(5);
    try {
      const attempts = await Promise.all(hs.map((h, i) => h.ports.runs.acquireLock({ pid: 1000 + i, hostname: 'host', run_id: null }, T0, () => false)));
      assert.equal(attempts.filter((a) => a.ok).length, 1, JSON.stringify(attempts));
      const holder = await hs[0].ports.runs.lockHolder();
      const winner = attempts.findIndex((a) => a.ok);
      assert.equal(holder?.pid, 1000 + winner);
      for (const a of attempts) if (!a.ok) assert.equal(a.holder.pid, holder?.pid);
    } finally { await close(); }
  });

  test('a retried clustering write counts its document frequencies once; two editors adding to an issue get distinct positions', async () => {
    const { hs, close } = await handles(2);
    try {
      const [a, b] = hs.map((h) => h.ports);
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) {
        const url = `https://news.example/x/${i}`;
        ids.push((await a.items.insertDiscovered({ url, url_seen: url, source_id: 's', title: null, summary: null, content: null, published_at: null }, T0)).id);
      }
      await Promise.all([a, b].map((p) => p.stories.putStoryFeatures(ids[0], { f: 1 }, 20400, ['k'], ['term'])));
      await a.stories.putStoryFeatures(ids[0], { f: 1 }, 20400, ['k'], ['term']);
      assert.equal(await a.stories.storyDocFreq('term'), 1);
      assert.deepEqual(await b.stories.storyPostings('k', 20400, 20400, 10), [ids[0]]);

      const issue = await a.issues.insertIssue({ title: 'Digest', volume: 1, number: 1, date_from: null, date_to: null }, T0);
      await Promise.all([a.issues.addIssueItems(issue, ids.slice(0, 4), T0), b.issues.addIssueItems(issue, ids.slice(2), T0)]);
      const entries = await a.issues.issueEntries(issue);
      assert.deepEqual(entries.map((e) => e.position), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(entries.map((e) => e.item_id).sort((x, y) => x - y), ids);
    } finally { await close(); }
  });
});
