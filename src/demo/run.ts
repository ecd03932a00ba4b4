import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, type Config } from '../config/schema.js';
import { loadConfig } from '../config/load.js';
import { databaseInUse, type Store, type StoryCard } from '../store/index.js';
import { runIngest, type IngestReport } from '../jobs/ingest.js';
import type { Composition } from '../app/compose.js';
import { createIssue, addToIssue, issueDocument } from '../jobs/issues.js';
import type { Logger } from '../jobs/log.js';
import type { IngestProgress } from '../jobs/ingest.js';
import { renderIssue } from '../export/index.js';
import { serveSamples } from './samples-server.js';

/** How the manifest of data/samples describes its outlets. */
interface Manifest { outlets: { id: string; name: string; type: string; entry: string; primary: boolean }[] }

/** The demo database is open in another process (a desk serving it): rebuilding it would pull it from under it. */
export class DemoDbInUseError extends Error {
  constructor(readonly db: string) {
    super(`${db} is open in another newsdesk (a desk started by \`npm run demo\` or \`newsdesk serve\`?): ` +
      'the demo rebuilds that database, so stop the other one first (Ctrl-C in its terminal) and run the demo again, ' +
      'or give this one its own folder with `npm run demo -- --dir FOLDER`');
    this.name = 'DemoDbInUseError';
  }
}

/** What the demo produced. */
export interface DemoResult {
  db: string;
  report: IngestReport;
  issue: { id: number; title: string; items: number };
  files: string[];
  store: Store;
  config: Config;
  /** What the composition root built for the demo (the desk started after it uses it). */
  app: Composition;
  closeSamples(): Promise<void>;
}

/** How many stories the demo issue takes: one per topic first, then the most relevant others. */
const ISSUE_SIZE = 8;

/**
 * The main job on the bundled corpus: serve data/samples on loopback, ingest it into a fresh
 * database with the offline summarizer, build a draft issue and export it. The publication,
 * topics and relevance rules are the real ones from sources.yaml; only the sources are the samples'. `compose` is the
 * composition root, called with the demo's config once the samples are served (the database is then opened fresh).
 */
export async function runDemo(o: { root: string; configFile: string; db: string; outDir: string; log: Logger; progress?: IngestProgress; now: () => Date;
  compose: (config: Config) => Composition }): Promise<DemoResult> {
  const samplesDir = join(o.root, 'data', 'samples');
  const manifest = JSON.parse(readFileSync(join(samplesDir, 'manifest.json'), 'utf8')) as Manifest;
  // Checked before anything is served or deleted: a desk reading the old database keeps it.
  if (databaseInUse(o.db)) throw new DemoDbInUseError(o.db);
  const samples = await serveSamples(samplesDir, manifest.outlets.map((x) => x.id));
  try {
    const base = loadConfig(o.configFile);
    const config = configSchema.parse({
      publication: base.publication, schedule: base.schedule, relevance: base.relevance, topics: base.topics,
      // Our own loopback server: polite but quick, and no age limit so the corpus never goes stale.
      fetch: { ...base.fetch, allow_private_hosts: true, per_host_delay_ms: 50, per_host_concurrency: 2, timeout_ms: 5000, max_age_days: 0, retries: 0 },
      sources: manifest.outlets.map((x) => {
        const origin = samples.outlets.find((s) => s.id === x.id)!.origin;
        const html = x.type === 'html';
        return { id: x.id, name: x.name, type: html ? 'html' : 'rss', url: `${origin}/${x.entry.slice(x.id.length + 1)}`,
          primary: x.primary, ...(html ? { link_selector: 'li.release a' } : {}) };
      }),
    });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${o.db}${suffix}`, { force: true });
    const app = o.compose(config);
    const { store } = app;
    const fetcher = app.fetcher();
    let report: IngestReport;
    try {
      report = await runIngest({ config, store, fetcher, log: o.log, now: o.now, progress: o.progress, summarizer: app.summarizer(() => null),
        embeddings: app.embeddings, cpu: app.cpu }, { trigger: 'demo' });
    } finally {
      await fetcher.close();
    }
    const cards = store.listCards({ review: 'new', limit: 10_000 }).cards;
    const picked = pickStories(cards, config.topics.map((t) => t.id));
    const dates = picked.map((c) => c.sort_at.slice(0, 10)).sort();
    const issue = createIssue(store, config, { from: dates[0], to: dates[dates.length - 1] }, o.now());
    addToIssue(store, issue.id, picked.map((c) => c.lead_item_id), o.now());
    const doc = issueDocument(store, config, issue.id);
    const files: string[] = [];
    for (const format of ['md', 'html', 'docx'] as const) {
      const file = join(o.outDir, `demo-issue.${format}`);
      writeFileSync(file, await renderIssue(doc, format));
      files.push(file);
    }
    return { db: o.db, report, issue: { id: issue.id, title: issue.title, items: picked.length }, files, store, config, app, closeSamples: samples.close };
  } catch (err) {
    await samples.close();
    throw err;
  }
}

/** One story per topic (the most relevant with that primary topic), then the most relevant of the rest. */
export function pickStories(cards: StoryCard[], topicIds: string[], size = ISSUE_SIZE): StoryCard[] {
  const byRelevance = [...cards].filter((c) => c.headline).sort((a, b) => (b.relevance ?? 0) - (a.relevance ?? 0) || b.item_count - a.item_count);
  const picked: StoryCard[] = [];
  for (const topic of topicIds) {
    const best = byRelevance.find((c) => c.topics[0] === topic && !picked.includes(c));
    if (best && picked.length < size) picked.push(best);
  }
  for (const c of byRelevance) if (picked.length < size && !picked.includes(c)) picked.push(c);
  // The issue reads in taxonomy order, like the digest's sections.
  const rank = (c: StoryCard) => { const i = topicIds.indexOf(c.topics[0]); return i < 0 ? topicIds.length : i; };
  return picked.sort((a, b) => rank(a) - rank(b));
}
