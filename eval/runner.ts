// One eval: per split, serve the articles on loopback, run the real `newsdesk ingest` (the CLI's own code, in
// this process, offline summarizer) into a temp database twice — once with the repo's relevance rules (what the
// desk would show: relevance and topics) and once keeping every article (so story clustering is judged apart
// from relevance: irrelevant items never get a story) — then read `items --json` back and score it.
import { measureLearning, type LearningReport } from './learning.js';
import { judgeDrafts, type DraftFigures, type DraftProblem } from './drafts.js';
import type { Config } from '../src/config/schema.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { main as cli } from '../src/cli.js';
import type { ItemView } from '../src/store/index.js';
import { normalizeUrl } from '../src/cluster/index.js';
import { loadSets, sizesOf, clusteredArticle, SPLITS, type EvalArticle, type Split, type SetSizes } from './sets.js';
import { startEvalSite } from './site.js';
import { evalConfig, readRepoConfig, topicIdsOf, writeEvalConfig, KEEP_ALL_NOTE, type RelevanceMode } from './config.js';
import { pairwise, bcubed, binary, topicScore, falseMerges, falseSplits, round3, type Labels } from './metrics.js';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
export const DEFAULT_SETS = join(ROOT, 'test', 'eval', 'sets');
export const DEFAULT_CONFIG = join(ROOT, 'sources.yaml');

export interface EvalOptions {
  /** Folder holding tune/ and holdout/ (default test/eval/sets). */
  sets?: string;
  /** One split, or both (default). */
  split?: Split;
  /** The sources.yaml whose publication, topics, relevance and cluster settings are measured. */
  config?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Keep the temp folders (databases, configs, site) and say where they are. */
  keep?: boolean;
}

/** The three headline figures of one split (null when the split has no articles or was not run). */
export interface Figures {
  clustering: { precision: number | null; recall: number | null; bcubed_f1: number | null };
  relevance: { precision: number | null; recall: number | null };
  topics: { accuracy: number | null };
}

/** Everything measured on one split. */
export interface SplitReport {
  split: Split;
  sizes: SetSizes;
  figures: Figures;
  clustering: { mode: string; pairs: { tp: number; predicted: number; labelled: number }; bcubed: { precision: number; recall: number };
    predicted_stories: number; gold_stories: number; items: number };
  /** Clustering as the desk forms it (repo relevance rules), over the gold-clustered articles the desk kept. */
  clustering_desk: { precision: number; recall: number; bcubed_f1: number; items: number };
  relevance: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; tn: number };
  topics: { accuracy: number; coverage: number; scored: number; correct: number; gold_relevant: number };
  /** Topics of the keep-all run: every gold-relevant article gets a story and so a topic. */
  topics_keep_all: { accuracy: number; coverage: number; scored: number };
  confusion: Record<string, Record<string, number>>;
  errors: {
    false_merges: ReturnType<typeof falseMerges>;
    false_splits: ReturnType<typeof falseSplits>;
    relevance_false_positives: { id: string; kind: string; title: string; terms: string[] }[];
    relevance_false_negatives: { id: string; kind: string; title: string; terms: string[] }[];
    topic_mistakes: { id: string; gold: string; predicted: string }[];
    /** Articles the ingest did not store (feed or page failure). */
    missing: { mode: RelevanceMode; ids: string[] }[];
  };
  /** Per article: predicted story in the keep-all run and in the desk run, kept by the repo rules, desk topics. */
  predictions: Record<string, { story: string | null; desk_story: string | null; relevant: boolean; relevance_score: number | null; topics: string[] }>;
  ingest: Record<RelevanceMode, { outcome: string; items: Record<string, number>; stage_ms: Record<string, number> }>;
  /** The offline drafts of the desk run's stories (eval/drafts.ts), and the drafts with a problem. */
  drafts: DraftFigures;
  draft_problems: DraftProblem[];
  timings_ms: Record<string, number>;
  temp?: string;
}

/** The JSON of `npm run eval -- --json`: top-level figures are the TUNE split. */
export interface EvalResult extends Figures {
  holdout: Figures;
  sizes: SetSizes;
  sizes_by_split: Record<Split, SetSizes>;
  clustering_mode: string;
  confusion: Partial<Record<Split, Record<string, Record<string, number>>>>;
  errors: Partial<Record<Split, SplitReport['errors']>>;
  details: Partial<Record<Split, Omit<SplitReport, 'errors' | 'confusion'>>>;
  problems: string[];
  sets: string;
  timings_ms: Record<string, number>;
  /** Learning from the editor, on its own synthetic items (eval/learning.ts). */
  learning?: LearningReport;
  /** The desk run's offline drafts: tune figures at the top level, the hold-out's under "holdout". */
  drafts: Partial<DraftFigures> & { holdout: DraftFigures | null; problems: Partial<Record<Split, DraftProblem[]>> };
}

const NULL_FIGURES: Figures = {
  clustering: { precision: null, recall: null, bcubed_f1: null }, relevance: { precision: null, recall: null }, topics: { accuracy: null },
};

/** A Writable that keeps what is written. */
function sink(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(Buffer.from(chunk)); done(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs one CLI command in this process; returns stdout (throws with stderr on a non-zero exit). */
async function runCli(args: string[]): Promise<string> {
  const out = sink(), err = sink();
  const code = await cli(args, { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream,
    env: { NEWSDESK_LOG_LEVEL: 'error' }, tty: false });
  if (code !== 0) throw new Error(`newsdesk ${args.join(' ')} exited ${code}:\n${err.text().slice(-4000)}`);
  return out.text();
}

interface Ingested {
  report: { outcome: string; items: Record<string, number>; stage_ms: Record<string, number> };
  /** article id → its stored item */
  items: Map<string, ItemView>;
  missing: string[];
  ms: { ingest: number; read: number };
  config: Config;
  db: string;
}

/** Ingests the split's site into a fresh database with one relevance mode, and maps items back to articles. */
async function ingestOnce(dir: string, repo: Record<string, unknown>, feeds: Map<string, string>, urls: Map<string, string>,
  mode: RelevanceMode): Promise<Ingested> {
  const cfg = join(dir, `${mode}.yaml`), db = join(dir, `${mode}.db`);
  const config = writeEvalConfig(cfg, evalConfig(repo, feeds, mode));
  const t0 = performance.now();
  const report = JSON.parse(await runCli(['ingest', '--config', cfg, '--db', db, '--summarizer', 'offline',
    '--explain', join(dir, `${mode}.explain.jsonl`), '--json']));
  const t1 = performance.now();
  const list = JSON.parse(await runCli(['items', '--db', db, '--json'])) as ItemView[];
  // Every URL an item is known by (a folded duplicate leaves only its URL behind).
  const conn = new Database(db, { readonly: true });
  const aliases = conn.prepare('SELECT url, item_id FROM item_urls').all() as { url: string; item_id: number }[];
  conn.close();
  const byItem = new Map(list.map((i) => [i.id, i]));
  const itemOfUrl = new Map<string, ItemView>();
  for (const a of aliases) { const it = byItem.get(a.item_id); if (it) itemOfUrl.set(a.url, it); }
  for (const it of list) for (const u of [it.url, it.canonical_url]) if (u) itemOfUrl.set(u, it);
  const items = new Map<string, ItemView>();
  const missing: string[] = [];
  for (const [id, url] of urls) {
    const it = itemOfUrl.get(normalizeUrl(url) ?? url);
    if (it) items.set(id, it); else missing.push(id);
  }
  return { report, items, missing, ms: { ingest: t1 - t0, read: performance.now() - t1 }, config, db };
}

const kept = (it: ItemView | undefined) => !!it && (it.state === 'extracted' || it.state === 'summarized');
/** Predicted story of an article: its item's story (items folded together share one). */
function storyLabels(articles: EvalArticle[], items: Map<string, ItemView>): Labels {
  const m: Labels = new Map();
  for (const a of articles) {
    const it = items.get(a.id);
    if (it?.story_id != null) m.set(a.id, `s${it.story_id}`);
    else if (it) m.set(a.id, `i${it.id}`);
  }
  return m;
}

/** Measures one split. */
export async function evalSplit(split: Split, articles: EvalArticle[], repo: Record<string, unknown>, opts: EvalOptions = {}): Promise<SplitReport> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), `newsdesk-eval-${split}-`));
  const timings: Record<string, number> = {};
  try {
    const site = await startEvalSite(articles, join(dir, 'site'));
    timings.site = performance.now() - t0;
    let desk: Ingested, all: Ingested;
    try {
      desk = await ingestOnce(dir, repo, site.feeds, site.urls, 'repo');
      log(`${split}: ingest with the repo's relevance rules: ${Math.round(desk.ms.ingest)} ms, ${desk.report.outcome}`);
      all = await ingestOnce(dir, repo, site.feeds, site.urls, 'keep-all');
      log(`${split}: ingest keeping every article (for clustering): ${Math.round(all.ms.ingest)} ms, ${all.report.outcome}`);
    } finally {
      await site.close();
    }
    timings.ingest_repo = desk.ms.ingest;
    timings.read_repo = desk.ms.read;
    timings.ingest_keep_all = all.ms.ingest;
    timings.read_keep_all = all.ms.read;
    const tm = performance.now();

    // Clustering, judged on the keep-all run over the gold-relevant, non-off-topic articles.
    const clustered = articles.filter(clusteredArticle);
    const gold: Labels = new Map(clustered.map((a) => [a.id, a.story]));
    const predAll = storyLabels(articles, all.items);
    const pw = pairwise(gold, predAll), b3 = bcubed(gold, predAll);
    const deskGold: Labels = new Map(clustered.filter((a) => kept(desk.items.get(a.id))).map((a) => [a.id, a.story]));
    const predDesk = storyLabels(articles, desk.items);
    const pwDesk = pairwise(deskGold, predDesk), b3Desk = bcubed(deskGold, predDesk);

    // Relevance: a candidate on the desk is an item kept (extracted or summarized, so in a story).
    const rel = binary(new Map(articles.map((a) => [a.id, a.relevant])), new Map(articles.map((a) => [a.id, kept(desk.items.get(a.id))])));
    const goldTopics = new Map(articles.map((a) => [a.id, { relevant: a.relevant, topics: a.topics }]));
    const predTopics = (items: Map<string, ItemView>) => new Map([...items].filter(([, it]) => kept(it) && it.topics.length).map(([id, it]) => [id, it.topics]));
    const top = topicScore(goldTopics, predTopics(desk.items));
    const topAll = topicScore(goldTopics, predTopics(all.items));
    const relErr = (want: boolean) => articles.filter((a) => a.relevant === !want && kept(desk.items.get(a.id)) === want)
      .map((a) => ({ id: a.id, kind: a.kind, title: a.title, terms: desk.items.get(a.id)?.relevance_terms ?? [] }));
    const topicMistakes = articles.filter((a) => a.relevant && a.topics.length && kept(desk.items.get(a.id)))
      .map((a) => ({ id: a.id, gold: a.topics[0], predicted: desk.items.get(a.id)!.topics[0] ?? '(none)' }))
      .filter((x) => x.gold !== x.predicted);
    timings.metrics = performance.now() - tm;
    const td = performance.now();
    const drafts = judgeDrafts(desk.db, desk.config.topics);
    timings.drafts = performance.now() - td;
    timings.total = performance.now() - t0;
    const figures: Figures = {
      clustering: { precision: round3(pw.precision), recall: round3(pw.recall), bcubed_f1: round3(b3.f1) },
      relevance: { precision: round3(rel.precision), recall: round3(rel.recall) },
      topics: { accuracy: round3(top.accuracy) },
    };
    return {
      split, sizes: sizesOf(articles), figures,
      clustering: { mode: KEEP_ALL_NOTE, pairs: { tp: pw.tp, predicted: pw.predicted, labelled: pw.labelled },
        bcubed: { precision: round3(b3.precision), recall: round3(b3.recall) },
        predicted_stories: new Set(clustered.map((a) => predAll.get(a.id) ?? a.id)).size,
        gold_stories: new Set(gold.values()).size, items: clustered.length },
      clustering_desk: { precision: round3(pwDesk.precision), recall: round3(pwDesk.recall), bcubed_f1: round3(b3Desk.f1), items: deskGold.size },
      relevance: { ...rel, precision: round3(rel.precision), recall: round3(rel.recall), f1: round3(rel.f1) },
      topics: { accuracy: round3(top.accuracy), coverage: round3(top.coverage), scored: top.scored, correct: top.correct, gold_relevant: top.gold_relevant },
      topics_keep_all: { accuracy: round3(topAll.accuracy), coverage: round3(topAll.coverage), scored: topAll.scored },
      confusion: top.confusion,
      errors: {
        false_merges: falseMerges(gold, predAll, 8), false_splits: falseSplits(gold, predAll, 8),
        relevance_false_positives: relErr(true), relevance_false_negatives: relErr(false), topic_mistakes: topicMistakes,
        missing: ([['repo', desk], ['keep-all', all]] as const).filter(([, r]) => r.missing.length).map(([mode, r]) => ({ mode, ids: r.missing })),
      },
      predictions: Object.fromEntries(articles.map((a) => [a.id, { story: predAll.get(a.id) ?? null,
        desk_story: desk.items.get(a.id)?.story_id != null ? `s${desk.items.get(a.id)!.story_id}` : null,
        relevant: kept(desk.items.get(a.id)), relevance_score: desk.items.get(a.id)?.relevance ?? null, topics: kept(desk.items.get(a.id)) ? desk.items.get(a.id)!.topics : [] }])),
      ingest: {
        repo: { outcome: desk.report.outcome, items: desk.report.items, stage_ms: desk.report.stage_ms },
        'keep-all': { outcome: all.report.outcome, items: all.report.items, stage_ms: all.report.stage_ms },
      },
      drafts: drafts.figures,
      draft_problems: drafts.problems,
      timings_ms: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
      ...(opts.keep ? { temp: dir } : {}),
    };
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the sets, measures each split, and returns the JSON object of `npm run eval -- --json`. */
export async function runEval(opts: EvalOptions = {}): Promise<EvalResult> {
  const t0 = performance.now();
  const repo = readRepoConfig(opts.config ?? DEFAULT_CONFIG);
  const sets = resolve(opts.sets ?? DEFAULT_SETS);
  const splits = opts.split ? [opts.split] : [...SPLITS];
  const loaded = loadSets(sets, { topicIds: topicIdsOf(repo), splits });
  const timings: Record<string, number> = { load: Math.round(performance.now() - t0) };
  const reports: Partial<Record<Split, SplitReport>> = {};
  for (const split of splits) {
    if (loaded.articles[split].length === 0) { opts.log?.(`${split}: no articles in ${sets}/${split}`); continue; }
    reports[split] = await evalSplit(split, loaded.articles[split], repo, opts);
    timings[split] = reports[split]!.timings_ms.total;
  }
  timings.total = Math.round(performance.now() - t0);
  const sizesBy = { tune: sizesOf(loaded.articles.tune), holdout: sizesOf(loaded.articles.holdout) };
  const total = sizesOf([...loaded.articles.tune, ...loaded.articles.holdout]);
  const pick = <K extends 'confusion' | 'errors'>(k: K) => Object.fromEntries(Object.entries(reports).map(([s, r]) => [s, r![k]]));
  return {
    ...(reports.tune?.figures ?? NULL_FIGURES),
    holdout: reports.holdout?.figures ?? NULL_FIGURES,
    sizes: total,
    sizes_by_split: sizesBy,
    clustering_mode: KEEP_ALL_NOTE,
    confusion: pick('confusion'),
    errors: pick('errors'),
    details: Object.fromEntries(Object.entries(reports).map(([s, r]) => { const { errors: _e, confusion: _c, draft_problems: _p, ...rest } = r!; return [s, rest]; })),
    problems: loaded.problems,
    sets,
    timings_ms: timings,
    drafts: { ...(reports.tune?.drafts ?? {}), holdout: reports.holdout?.drafts ?? null,
      problems: Object.fromEntries(Object.entries(reports).map(([sp, r]) => [sp, r!.draft_problems])) },
    learning: await measureLearning(),
  };
}
