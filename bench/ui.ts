// The desk's speed at scale: seeds N stories through the store's own functions, then times the candidates
// page and searches through the Hono app (server time, no network).
// Run: npx tsx bench/ui.ts [--items 100000] [--json] [--rounds 60] [--db FILE to keep/reuse the seeded database]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore, type Store } from '../src/store/index.js';
import { configSchema } from '../src/config/schema.js';
import { createApp } from '../src/web/app.js';
import { createIngestRunner } from '../src/jobs/schedule.js';
import { compose } from '../src/app/compose.js';
import { silentLogger } from '../src/jobs/log.js';
import { loadArticles, taxonomy } from '../test/summarize/fixtures/articles.js';

const { values } = parseArgs({ options: { items: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false },
  rounds: { type: 'string', default: '60' }, db: { type: 'string' } } });
const N = Number(values.items);
const ROUNDS = Number(values.rounds);
const say = (s: string) => { if (!values.json) process.stderr.write(`${s}\n`); };
const NOW = new Date('2026-11-21T09:00:00.000Z');

/** A deterministic random generator, so every run seeds the same database. */
function rng(seed: number) {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };
}

function seed(store: Store, n: number): void {
  const rand = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const articles = loadArticles();
  const sentences = articles.flatMap((a) => a.input.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 30);
  const titles = articles.map((a) => a.input.title.replace(/ [—-] .*$/, ''));
  const sources = Array.from({ length: 40 }, (_, i) => ({ id: `src-${i}`, name: `Source ${i}`, type: 'rss' as const,
    url: `https://s${i}.example/feed`, topics: [], always_relevant: false, primary: i < 5, enabled: true }));
  store.upsertSources(sources);
  const topics = taxonomy.map((t) => t.id);
  const span = 365 * 86_400_000;
  const batch = 5000;
  for (let start = 0; start < n; start += batch) {
    store.inTransaction(() => {
      for (let i = start; i < Math.min(n, start + batch); i++) {
        // Oldest first, as a crawler stores them (ids grow with time); about 270 a day over a year.
        const published = new Date(NOW.getTime() - ((n - 1 - i) / n) * span - rand() * 3600_000).toISOString();
        const src = pick(sources);
        const url = `https://${src.id}.example/news/${i}`;
        const title = `${pick(titles)} (${i})`;
        const text = Array.from({ length: 8 + Math.floor(rand() * 10) }, () => pick(sentences)).join(' ');
        const ts = published;
        const { id } = store.insertDiscovered({ url, url_seen: url, source_id: src.id, title, summary: null, content: null, published_at: published }, ts);
        if (rand() < 0.15) store.insertDiscovered({ url, url_seen: url, source_id: pick(sources).id, title, summary: null, content: null, published_at: published }, ts);
        store.markExtracted(id, { canonical_url: null, aliases: [url], title, byline: null, published_at: published, lang: 'en', site_name: src.name,
          text, text_from: 'page', content_hash: null, state: 'extracted', relevance: 0.5 + rand() / 2, relevance_terms: ['Japan'] }, ts);
        const story = store.createStoryFor(id, ts);
        const t1 = pick(topics);
        store.saveDraft(story, id, { headline: title, bullet: text.slice(0, 600), topics: rand() < 0.3 ? [t1, pick(topics)] : [t1], topic_confidence: 0.7,
          summarizer: 'offline', prompt_version: 'offline-1', cache_key: `bench-${i}`, unsupported: [] }, ts);
        // Older stories were mostly decided by earlier issues.
        if (i < n * 0.96) { const r = rand(); if (r < 0.3) store.setStoryReview(story, 'published', ts); else if (r < 0.6) store.setStoryReview(story, 'rejected', ts); }
      }
    });
    say(`seeded ${Math.min(n, start + batch)} / ${n}`);
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
}

async function once(app: ReturnType<typeof createApp>, path: string): Promise<number> {
  const t = performance.now();
  const res = await app.request(path);
  await res.text();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return performance.now() - t;
}

/** Server times of each path, `rounds` times; a path slower than 2 s on its warm-up is timed once (the bench must end). */
async function time(app: ReturnType<typeof createApp>, paths: string[], rounds: number): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const slow = new Set<string>();
  for (const p of paths) {
    const first = await once(app, p);
    if (first > 2000) {
      say(`${p}: ${Math.round(first)} ms on its warm-up: timed once only`);
      slow.add(p);
      out.set(p, [first]);
    } else out.set(p, []);
  }
  for (let r = 0; r < rounds; r++) {
    for (const p of paths) if (!slow.has(p)) out.get(p)!.push(await once(app, p));
  }
  return out;
}

const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
const file = values.db ?? join(dir!, 'bench.db');
const store = openStore(file);
try {
  const have = store.countByState().summarized ?? 0;
  if (have < N) {
    const t0 = performance.now();
    seed(store, N - have);
    say(`seeding took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const config = configSchema.parse({ publication: { name: 'Bench Digest' }, topics: taxonomy.map((t) => ({ id: t.id, label: t.label })),
    sources: [{ id: 'src-0', type: 'rss', url: 'https://s0.example/feed' }] });
  const log = silentLogger();
  const app = createApp({ store, config, now: () => NOW, log, runner: createIngestRunner({ config, store, log, now: () => NOW, edges: compose({ config, env: {}, store, log, now: () => NOW }) }) });
  const pages = ['/', '/?topic=defense', '/?page=3', '/?source=src-3'];
  const searches = ['/?q=missile', '/?q=export+controls', '/?q=Hayashi+think', '/?q=semiconductor+packaging', '/?q=LNG', '/?q=Japan'];
  const wide = ['/?review=all&from=', '/?q=LNG&review=all&from='];
  const all = await time(app, [...pages, ...searches, ...wide], ROUNDS);
  const pick = (ps: string[]) => ps.flatMap((p) => all.get(p)!);
  const result = {
    candidates_p50_ms: pct(all.get('/')!, 50), candidates_p95_ms: pct(all.get('/')!, 95),
    filters_p95_ms: pct(pick(pages), 95), search_p50_ms: pct(pick(searches), 50), search_p95_ms: pct(pick(searches), 95),
    wide_p95_ms: pct(pick(wide), 95), items: N,
  };
  for (const [p, ms] of all) say(`${p.padEnd(28)} p50 ${pct(ms, 50)} ms  p95 ${pct(ms, 95)} ms  (${ms.length} requests)`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
