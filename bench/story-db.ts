// Story assignment in the database, as the pipeline does it: N synthetic items are clustered into a fresh
// SQLite file, then `--measure` more are added one by one through the group-committed write batch, as the
// ingest's story stage does (an add that fills the batch pays its commit), and the mean and p99 of those adds
// are the figure. Run: npx tsx bench/story-db.ts [--n 100000] [--measure 2000] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.js';
import { clusterItem, storyConfig, storyStorage } from '../src/jobs/cluster.js';
import { synthItems } from '../test/cluster/fixtures/stories/synth.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '100000' }, measure: { type: 'string', default: '2000' },
  json: { type: 'boolean', default: false } } });
const N = Number(values.n);
const M = Number(values.measure);
const say = (s: string) => process.stderr.write(`${s}\n`);
const dir = mkdtempSync(join(tmpdir(), 'newsdesk-story-db-'));
const store = openStore(join(dir, 'bench.db'));
try {
  const items = synthItems(N + M, 11);
  const cfg = storyConfig(undefined);
  store.upsertSources([{ id: 'synth', name: 'Synthetic', type: 'rss', url: 'https://synth.example/feed', topics: [], always_relevant: false, primary: false, enabled: true }]);
  const now = '2026-11-20T00:00:00.000Z';
  const file = (i: number) => {
    const it = items[i];
    const url = `https://synth.example/${i}`;
    return store.insertDiscovered({ url, url_seen: url, source_id: 'synth', title: it.title, summary: null, content: null, published_at: it.published_at }, now).id;
  };
  let storage = storyStorage(store);
  const t0 = performance.now();
  for (let start = 0; start < N; start += 5000) {
    // Seeding in batches of 5,000 per transaction; the measured adds below each commit on their own.
    store.inTransaction(() => {
      for (let i = start; i < Math.min(N, start + 5000); i++) {
        const it = items[i];
        clusterItem(store, storage, cfg, { id: file(i), title: it.title, text: it.text, published_at: it.published_at }, now);
      }
    });
    if ((start / 5000) % 4 === 0) say(`seeded ${Math.min(N, start + 5000)} items (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  storage = storyStorage(store);
  const ids = Array.from({ length: M }, (_, k) => file(N + k));
  const batch = store.writeBatch({ maxMs: 100, maxWrites: 200 });
  const ms: number[] = [];
  for (let k = 0; k < M; k++) {
    const it = items[N + k];
    const a = performance.now();
    batch.run(() => clusterItem(store, storage, cfg, { id: ids[k], title: it.title, text: it.text, published_at: it.published_at }, now));
    if (k === M - 1) batch.flush();
    ms.push(performance.now() - a);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const out = {
    items_in_db: N,
    measured: M,
    mean_ms_per_add: Math.round((ms.reduce((s, x) => s + x, 0) / M) * 1000) / 1000,
    p99_ms_per_add: Math.round(sorted[Math.floor(M * 0.99)] * 1000) / 1000,
    seed_s: Math.round((performance.now() - t0) / 100) / 10,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else say(`story assignment in SQLite with ${N} items stored: mean ${out.mean_ms_per_add} ms/add, p99 ${out.p99_ms_per_add} ms (features included)`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
