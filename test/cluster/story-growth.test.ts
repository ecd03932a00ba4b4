import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.js';
import { storyQueries } from '../../src/store/stories.js';
import { itemQueries } from '../../src/store/items.js';
import { sourceQueries } from '../../src/store/sources.js';
import type { Store } from '../../src/store/index.js';
import { clusterItem, storyConfig, storyStorage } from '../../src/jobs/cluster.js';
import { storyFeatures, dfKeys, postingKeys } from '../../src/cluster/index.js';
import { nearCopy } from './fixtures/stories/near-copies.js';

// Bytes this process has read through read()/pread(): with a small page cache, the pages SQLite reads.
const readBytes = (): number => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

/** Counts executions of prepared statements on a connection (run, get, all, iterate). */
function counting(db: Db): { db: Db; executed: () => number } {
  let n = 0;
  const wrapStmt = (stmt: object): object => new Proxy(stmt, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv);
      if (typeof v !== 'function') return v;
      if (prop === 'run' || prop === 'get' || prop === 'all' || prop === 'iterate') return (...a: unknown[]) => { n++; return v.apply(target, a); };
      // pluck(), raw(), expand() return the statement itself: keep counting through it.
      return (...a: unknown[]) => { const r = v.apply(target, a); return r === target ? recv : r; };
    },
  });
  const proxied = new Proxy(db, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, target);
      if (prop === 'prepare') return (sql: string) => wrapStmt(target.prepare(sql));
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { db: proxied, executed: () => n };
}

/** Items in each test database: the story under test, and another story of near copies making up the rest. */
const TOTAL = 5000;

/**
 * A database of TOTAL items holding one story of `size` near-identical items and another story of the rest
 * (seeded straight into the tables, so both databases are the same size), then `probe` more copies of the
 * first story filed one by one as the pipeline files them: statements run and bytes read per item.
 */
function fileIntoStoryOf(size: number, probe: number): { statements: number; kbRead: number; joined: number } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-story-growth-'));
  const raw = openDb(join(dir, 't.db'));
  try {
    const { db, executed } = counting(raw);
    // Only what story filing uses: the story and item queries over one counted connection.
    const store = { ...sourceQueries(db), ...itemQueries(db), ...storyQueries(db) } as unknown as Store;
    const cfg = storyConfig(undefined);
    const now = '2026-11-20T04:00:00.000Z';
    store.upsertSources([{ id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
    const discover = (k: number): number => {
      const url = `https://wire.example/a/${k}`;
      return store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: nearCopy(k).title, summary: null, content: null, published_at: nearCopy(k).published_at }, now).id;
    };
    const variants = ([0, 1] as const).map((e) => Array.from({ length: 8 }, (_, k) => storyFeatures({ ...nearCopy(k, e), sources: ['wire'] }, cfg)));
    const put = raw.prepare(`UPDATE items SET story_id = ?, state = 'extracted', text = ? WHERE id = ?`);
    const stories = [0, 0];
    raw.transaction(() => {
      for (let k = 0; k < TOTAL; k++) {
        const e = k < size ? 0 : 1;
        const id = discover(k);
        const f = variants[e][k % 8];
        store.putStoryFeatures(id, f, f.day ?? 0, postingKeys(f), dfKeys(f));
        if (k === 0 || k === size) stories[e] = store.startStory(id, now);
        put.run(stories[e], nearCopy(k, e).text, id);
      }
    })();
    const storyId = stories[0];
    const ids = Array.from({ length: probe }, (_, k) => discover(TOTAL + k));
    const storage = storyStorage(store);
    // Warm the storage's caches and the statements with one item, then measure with a tiny page cache.
    clusterItem(store, storage, cfg, { id: ids[0], ...nearCopy(TOTAL), sources: ['wire'] }, now);
    raw.pragma('cache_size = 8');
    const [s0, b0] = [executed(), readBytes()];
    let joined = 0;
    for (const [k, id] of ids.slice(1).entries()) {
      if (clusterItem(store, storage, cfg, { id, ...nearCopy(TOTAL + 1 + k), sources: ['wire'] }, now).storyId === storyId) joined++;
    }
    const n = probe - 1;
    return { statements: (executed() - s0) / n, kbRead: (readBytes() - b0) / n / 1024, joined };
  } finally {
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('filing an item into a story costs the same whether the story has 100 items or 5,000', { skip: !existsSync('/proc/self/io') && 'needs /proc/self/io' }, () => {
  const small = fileIntoStoryOf(100, 11);
  const big = fileIntoStoryOf(TOTAL, 11);
  const msg = `story of 100: ${JSON.stringify(small)}; story of 5,000: ${JSON.stringify(big)}`;
  assert.equal(small.joined, 10, msg);
  assert.equal(big.joined, 10, msg);
  assert.ok(big.statements <= small.statements, `statements per item grew: ${msg}`);
  // Same database size, so the same B-tree depths: only the story's size differs (reading its members cost 100×).
  assert.ok(big.kbRead <= small.kbRead * 1.5 + 64, `bytes read per item grew with the story: ${msg}`);
});

test('a joining item leads its story exactly when ranking every member would make it the lead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-story-lead-'));
  const db = openDb(join(dir, 't.db'));
  try {
    const store = { ...sourceQueries(db), ...itemQueries(db), ...storyQueries(db) } as unknown as Store;
    const src = (id: string, primary: boolean) => ({ id, name: id, type: 'rss' as const, url: `https://${id}.example/feed`, topics: [], always_relevant: false, primary, enabled: true });
    store.upsertSources([src('wire', false), src('gov', true)]);
    const now = '2026-11-20T04:00:00.000Z';
    const setText = db.prepare(`UPDATE items SET text = ?, state = 'extracted', sort_at = ? WHERE id = ?`);
    // Joiners in an order that changes the lead several times: a longer text, a primary source, an earlier twin.
    const joiners: { source: string; chars: number; at: string }[] = [
      { source: 'wire', chars: 300, at: '2026-11-20T03:00:00Z' }, { source: 'wire', chars: 200, at: '2026-11-20T01:00:00Z' },
      { source: 'wire', chars: 900, at: '2026-11-20T05:00:00Z' }, { source: 'gov', chars: 100, at: '2026-11-20T06:00:00Z' },
      { source: 'wire', chars: 5000, at: '2026-11-20T00:00:00Z' }, { source: 'gov', chars: 400, at: '2026-11-20T07:00:00Z' },
      { source: 'gov', chars: 400, at: '2026-11-20T02:00:00Z' }, { source: 'gov', chars: 400, at: '2026-11-20T02:00:00Z' },
    ];
    let story = 0;
    const leads: number[] = [];
    for (const [k, j] of joiners.entries()) {
      const url = `https://${j.source}.example/${k}`;
      const id = store.insertDiscovered({ url, url_seen: url, source_id: j.source, title: 't', summary: null, content: null, published_at: j.at }, now).id;
      setText.run('x'.repeat(j.chars), j.at, id);
      if (k === 0) story = store.startStory(id, now);
      else store.joinStory(id, story, now, { review: null, summarized: false });
      const lead = store.listStories().find((s) => s.story_id === story)!.lead_item_id!;
      store.refreshLead(story, now); // ranks every member
      assert.equal(lead, store.listStories().find((s) => s.story_id === story)!.lead_item_id, `after joiner ${k}`);
      leads.push(lead);
    }
    assert.ok(new Set(leads).size >= 4, `the lead changed as members joined: ${leads.join(', ')}`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
