// One story that keeps growing: a story of N near-identical items is seeded into a fresh SQLite file
// (straight into the tables, so seeding 50,000 takes seconds), then `--measure` more near-identical items
// are filed one by one through the group-committed write batch, as the ingest's story stage does. The
// mean and p99 per add are the figure; they should not depend on N.
// Run: npx tsx bench/story-one.ts [--sizes 1000,10000,50000] [--measure 300] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openStore } from '../src/store/index.js';
import { clusterItem, storyConfig, storyStorage } from '../src/jobs/cluster.js';
import { storyFeatures, dfKeys, postingKeys } from '../src/cluster/index.js';
import { nearCopy } from '../test/cluster/fixtures/stories/near-copies.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,50000' }, measure: { type: 'string', default: '300' },
  json: { type: 'boolean', default: false } } });
const M = Number(values.measure);
const say = (s: string) => process.stderr.write(`${s}\n`);

function measure(n: number): { story_size: number; mean_ms_per_add: number; p99_ms_per_add: number; joined: number } {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-story-one-'));
  const file = join(dir, 'bench.db');
  const store = openStore(file);
  try {
    const cfg = storyConfig(undefined);
    const now = '2026-11-20T04:00:00.000Z';
    store.upsertSources([{ id: 'wire', name: 'Wire', type: 'rss', url: 'https://wire.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
    let seq = 0;
    const file1 = (): number => {
      const url = `https://wire.example/a/${seq++}`;
      const c = nearCopy(seq);
      return store.insertDiscovered({ url, url_seen: url, source_id: 'wire', title: c.title, summary: null, content: null, published_at: c.published_at }, now).id;
    };
    // Seed: a handful of distinct feature sets reused cyclically (the copies differ only in their reference line).
    const variants = Array.from({ length: 16 }, (_, k) => storyFeatures({ ...nearCopy(k), sources: ['wire'] }, cfg));
    let storyId = 0;
    const ids: number[] = [];
    store.inTransaction(() => {
      for (let i = 0; i < n; i++) {
        const id = file1();
        const f = variants[i % variants.length];
        store.putStoryFeatures(id, f, f.day ?? 0, postingKeys(f), dfKeys(f));
        if (i === 0) storyId = store.startStory(id, now);
        ids.push(id);
      }
    });
    const raw = new Database(file);
    const put = raw.prepare(`UPDATE items SET story_id = ?, state = 'extracted', text = ? WHERE id = ?`);
    raw.transaction(() => { for (const [i, id] of ids.entries()) put.run(storyId, nearCopy(i).text, id); })();
    raw.close();

    const storage = storyStorage(store);
    const fresh = Array.from({ length: M }, () => file1());
    const batch = store.writeBatch({ maxMs: 100, maxWrites: 200 });
    const ms: number[] = [];
    let joined = 0;
    for (const [k, id] of fresh.entries()) {
      const c = nearCopy(n + k);
      const a = performance.now();
      const out = batch.run(() => clusterItem(store, storage, cfg, { id, ...c, sources: ['wire'] }, now));
      if (k === M - 1) batch.flush();
      ms.push(performance.now() - a);
      if (out.storyId === storyId) joined++;
    }
    const sorted = [...ms].sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return { story_size: n, mean_ms_per_add: round(ms.reduce((s, x) => s + x, 0) / M), p99_ms_per_add: round(sorted[Math.floor(M * 0.99)]), joined };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = values.sizes.split(',').map(Number).map((n) => {
  const r = measure(n);
  say(`story of ${n} items: mean ${r.mean_ms_per_add} ms/add, p99 ${r.p99_ms_per_add} ms (${r.joined}/${M} joined it)`);
  return r;
});
if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
