// `npm run bench`: how fast, how polite, how cheap on a quiet rerun, and how big newsdesk's ingest is,
// measured on the real CLI (dist/cli.js) in a child process against a synthetic corpus served from this
// process; then the review app's and story assignment's own benches. `--quick` for checks (< 1 min),
// `--json` for one JSON object on stdout (progress goes to stderr). See bench/README.md for the method.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { runNode, lastJson, type ChildRun } from './child.js';
import { startSiteProcess } from './site-process.js';
import { startBenchSite, requestKind, type BenchSite } from './site.js';
import { watchLoad, type MachineLoad } from './load.js';
import { articlePage, articlePath, type CorpusShape } from './corpus.js';
import { analysePoliteness, type Limits, type PolitenessReport } from './politeness.js';
import { stageSplit } from './profile.js';
import { startBenchLlm } from './fake-llm.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: npm run bench -- [--quick] [--json] [--no-build] [--skip cpu,polite,rss,story,ui] [--cli PATH] [--seed N] [--cpu-workers N] [--verbose]
  --quick     small sizes, for checks (about a minute)
  --json      one JSON object on stdout; the table and progress go to stderr
  --no-build  benchmark dist/ as it is (default: npm run build first when src/ is newer than dist/cli.js)
  --skip      leave measurements out (their keys are null)
  --cli       another build's cli.js to measure (A/B of a change; implies --no-build)
  --cpu-workers  fetch.cpu_workers of the ingest runs (default: unset = inline; N = N worker threads)
  --verbose   pass the children's stderr through`;

const { values: opt } = parseArgs({ options: {
  quick: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  build: { type: 'boolean', default: true },
  verbose: { type: 'boolean', default: false },
  seed: { type: 'string', default: '7' },
  skip: { type: 'string', default: '' },
  cli: { type: 'string' },
  'cpu-workers': { type: 'string' },
  help: { type: 'boolean', default: false },
}, allowNegative: true });
if (opt.help) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(0);
}
const CLI = opt.cli ? resolve(opt.cli) : join(ROOT, 'dist', 'cli.js');
const cpuWorkers = opt['cpu-workers'] === undefined ? null : Number(opt['cpu-workers']);
if (cpuWorkers !== null && !(Number.isInteger(cpuWorkers) && cpuWorkers >= 0)) {
  process.stderr.write(`--cpu-workers must be a whole number (0 = inline), not "${opt['cpu-workers']}"\n${USAGE}\n`);
  process.exit(2);
}
const skip = new Set(opt.skip.split(',').map((x) => x.trim()).filter(Boolean));

const P = opt.quick ? {
  mode: 'quick', seed: Number(opt.seed),
  cpu: { hosts: 4, articles_per_host: 40, profile: false },
  polite: { hosts: 4, articles_per_host: 30, latency_ms: 50, per_host_delay_ms: 200 },
  rss: { hosts: 4, articles_per_host: 200 },
  fetch: { concurrency: 8, per_host_concurrency: 2 },
  ui: { items: 5_000, rounds: 4, timeout_s: 30 },
  story: { items: 10_000, timeout_s: 30, db_items: 5_000, db_measure: 500, db_timeout_s: 30 },
} : {
  mode: 'full', seed: Number(opt.seed),
  cpu: { hosts: 20, articles_per_host: 50, profile: true },
  polite: { hosts: 20, articles_per_host: 50, latency_ms: 50, per_host_delay_ms: 200 },
  rss: { hosts: 20, articles_per_host: 500 },
  fetch: { concurrency: 8, per_host_concurrency: 2 },
  ui: { items: 100_000, rounds: 10, timeout_s: 240 },
  story: { items: 100_000, timeout_s: 180, db_items: 100_000, db_measure: 1_000, db_timeout_s: 300 },
};

const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const benchStart = performance.now();
const tmp = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));

/** Child env: no OPENAI_* unless given, so the offline summarizer is used by default. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENAI_') && !k.startsWith('NEWSDESK_')) env[k] = v;
  return { ...env, NEWSDESK_LOG_LEVEL: 'warn', ...extra };
}

// ---- build ---------------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when src/ is newer (tsc output goes to stderr, keeping stdout for the JSON). */
function ensureBuilt(): string {
  let built = 0;
  try { built = statSync(CLI).mtimeMs; } catch { /* not built */ }
  const stale = built === 0 || newestMtime(join(ROOT, 'src')) > built || newestMtime(join(ROOT, 'prompts')) > built;
  if (opt.cli) return `not built: measuring ${CLI}`;
  if (!opt.build && built) return 'skipped (--no-build)';
  if (!stale) return 'up to date';
  say('building dist/ (npm run build)…');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status === 0) return 'built';
  if (statSync(CLI, { throwIfNoEntry: false })) {
    say('WARNING: npm run build failed (see above); benchmarking the dist/ it left behind');
    return 'build failed: used the existing dist/';
  }
  throw new Error('npm run build failed and there is no dist/cli.js to run');
}

// ---- config and ingest ---------------------------------------------------------------------------------

const TOPICS = [
  { id: 'diplomacy', label: 'Diplomacy', keywords: ['summit', 'minister', 'ambassador', 'talks'] },
  { id: 'defense', label: 'Defense', keywords: ['exercise', 'destroyers', 'air defense', 'forces'] },
  { id: 'trade', label: 'Economy & trade', keywords: ['tariffs', 'investment', 'rice', 'steel'] },
  { id: 'energy', label: 'Energy', keywords: ['liquefied natural gas', 'LNG', 'minerals'] },
  { id: 'technology', label: 'Technology', keywords: ['semiconductor', 'chips', 'quantum', 'cable'] },
];

function writeConfig(name: string, site: Pick<BenchSite, 'shape' | 'feedUrls'>, fetch: { per_host_delay_ms: number }, llm: boolean): string {
  const config = {
    publication: { name: 'Bench Digest' },
    fetch: { user_agent: 'newsdesk-bench/0.1 (+https://example.org/bench)', concurrency: P.fetch.concurrency,
      per_host_concurrency: P.fetch.per_host_concurrency, per_host_delay_ms: fetch.per_host_delay_ms, timeout_ms: 20_000,
      retries: 2, respect_robots: true, allow_private_hosts: true, max_items_per_source: site.shape.articlesPerHost, max_age_days: 0,
      ...(cpuWorkers === null ? {} : { cpu_workers: cpuWorkers }) },
    relevance: { all_of: [['Japan', 'Japanese', 'Tokyo', 'Okinawa'], ['United States', 'U.S.', 'US', 'American', 'Washington']] },
    topics: TOPICS,
    ...(llm ? { llm: { model: 'bench-model', concurrency: 4 } } : {}),
    sources: site.feedUrls.map((url, h) => ({ id: `outlet-${h}`, type: 'rss', url })),
  };
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, JSON.stringify(config, null, 2)); // JSON is YAML
  return file;
}

interface IngestJson {
  started_at: string; finished_at: string; outcome: string;
  sources: { id: string; ok: boolean; error: string | null; not_modified: boolean }[];
  items: { new: number; extracted: number; irrelevant: number; failed: number; merged: number; retried: number };
  requests: { sent: number; bytes: number; not_modified: number };
  stage_ms: Record<string, number>;
  cpu_workers?: number;
  stage_cpu_ms?: Record<string, number>;
  summarize: { summarized: number; failed: number; llm_calls: number } | null;
}

async function ingest(label: string, config: string, db: string, opts: { env?: Record<string, string>; profileDir?: string; rssEveryMs?: number; nice?: number } = {}):
  Promise<{ report: IngestJson; child: ChildRun; run_ms: number; machine: MachineLoad }> {
  const load = watchLoad();
  const child = await runNode(CLI, ['ingest', '--json', '--config', config, '--db', db], {
    cwd: ROOT, env: childEnv(opts.env), tmpDir: tmp, echo: opt.verbose, rssEveryMs: opts.rssEveryMs, nice: opts.nice,
    nodeArgs: opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [],
  });
  const machine = load.stop(child.cpu_user_ms === null ? null : child.cpu_user_ms + (child.cpu_sys_ms ?? 0));
  if (child.code !== 0) throw new Error(`${label}: newsdesk ingest exited with ${child.code}\n${child.stderrTail}`);
  const report = lastJson<IngestJson>(child.stdout, `${label} ingest`);
  const failedSources = report.sources.filter((s) => !s.ok);
  if (failedSources.length) throw new Error(`${label}: sources failed: ${failedSources.map((s) => `${s.id}: ${s.error}`).join('; ')}`);
  return { report, child, run_ms: Date.parse(report.finished_at) - Date.parse(report.started_at), machine };
}

const shapeOf = (c: { hosts: number; articles_per_host: number }): CorpusShape => ({ seed: P.seed, hosts: c.hosts, articlesPerHost: c.articles_per_host });

// ---- the measurements ----------------------------------------------------------------------------------

/** Zero latency, no per-host gap: the pipeline's own speed; a second, profiled run for the CPU split. */
async function cpuBound() {
  const site = await startBenchSite(shapeOf(P.cpu), 0, { cache: true });
  try {
    const config = writeConfig('cpu', site, { per_host_delay_ms: 0 }, false);
    say(`cpu-bound run: ${P.cpu.hosts} hosts × ${P.cpu.articles_per_host} articles, no latency, no gap`);
    const plain = await ingest('cpu-bound', config, join(tmp, 'cpu.db'));
    const n = plain.report.items.new;
    const profDir = join(tmp, 'prof');
    mkdirSync(profDir, { recursive: true });
    let prof: Awaited<ReturnType<typeof ingest>> | null = null;
    if (P.cpu.profile) {
      say('the same run again under node --cpu-prof, for the per-stage CPU split');
      prof = await ingest('cpu-profiled', config, join(tmp, 'cpu-prof.db'), { profileDir: profDir });
    }
    // One profile per thread (a worker writes its own); their CPU adds up.
    const split = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => stageSplit(join(profDir, f)))
      .reduce<ReturnType<typeof stageSplit> | null>((sum, x) => (sum === null ? x : {
        ms: Object.fromEntries(Object.keys(x.ms).map((k) => [k, (sum.ms[k] ?? 0) + x.ms[k]])),
        busy_ms: sum.busy_ms + x.busy_ms, idle_ms: sum.idle_ms + x.idle_ms, profile_ms: Math.max(sum.profile_ms, x.profile_ms),
      }), null);
    say('extract-only: the same pages through `newsdesk extract-batch`');
    const extract = await extractOnly(site);
    return {
      articles: n, items: plain.report.items, run_ms: plain.run_ms, process_wall_ms: plain.child.wall_ms,
      articles_per_s: r1(n / (plain.run_ms / 1000)), articles_per_s_process: r1(n / (plain.child.wall_ms / 1000)),
      cpu_user_ms: plain.child.cpu_user_ms, cpu_sys_ms: plain.child.cpu_sys_ms, peak_rss_mb: plain.child.peak_rss_mb,
      cpu_ms_per_article: plain.child.cpu_user_ms === null ? null : r3((plain.child.cpu_user_ms + (plain.child.cpu_sys_ms ?? 0)) / n),
      machine: plain.machine,
      stage_wall_ms: plain.report.stage_ms,
      cpu_workers: plain.report.cpu_workers ?? null,
      // CPU ms of the CPU stages where they ran (worker threads or inline): page = extract + relevance.
      stage_cpu_ms: plain.report.stage_cpu_ms ?? null,
      cpu_split_ms: split?.ms ?? null,
      cpu_split_ms_per_article: split ? Object.fromEntries(Object.entries(split.ms).map(([k, v]) => [k, r3(v / n)])) : null,
      cpu_split_pct: split ? Object.fromEntries(Object.entries(split.ms).map(([k, v]) => [k, r1((100 * v) / Math.max(1, split.busy_ms))])) : null,
      cpu_profile: split && prof ? { busy_ms: split.busy_ms, idle_ms: split.idle_ms, profile_ms: split.profile_ms, run_ms: prof.run_ms,
        articles_per_s_profiled: r1(prof.report.items.new / (prof.run_ms / 1000)) } : null,
      extract,
    };
  } finally {
    await site.close();
  }
}

/** The extraction stage alone, on the very pages the crawler got, timed by extract-batch's per-page ms. */
async function extractOnly(site: BenchSite) {
  const dir = join(tmp, 'pages');
  mkdirSync(dir, { recursive: true });
  const list: { id: string; html_path: string; url: string }[] = [];
  site.hosts.forEach((host, h) => {
    for (let i = 0; i < site.shape.articlesPerHost; i++) {
      const origin = site.server.url(host, '');
      const file = join(dir, `${h}-${i}.html`);
      writeFileSync(file, articlePage(site.shape, h, i, origin));
      list.push({ id: `${h}-${i}`, html_path: file, url: `${origin}${articlePath(i)}` });
    }
  });
  const child = await runNode(CLI, ['extract-batch'], { cwd: ROOT, env: childEnv(), tmpDir: tmp, input: JSON.stringify(list) });
  if (child.code !== 0) throw new Error(`extract-batch exited with ${child.code}\n${child.stderrTail}`);
  const out = lastJson<Record<string, { ms?: number; text?: string; error?: string }>>(child.stdout, 'extract-batch');
  const ms = Object.values(out).filter((r) => typeof r.ms === 'number' && r.text).map((r) => r.ms!);
  if (ms.length !== list.length) throw new Error(`extract-batch extracted ${ms.length} of ${list.length} pages`);
  const total = ms.reduce((s, x) => s + x, 0);
  const sorted = [...ms].sort((a, b) => a - b);
  return { pages: ms.length, total_ms: Math.round(total), ms_per_article: r3(total / ms.length),
    p95_ms: r3(sorted[Math.floor(sorted.length * 0.95)]), articles_per_s: r1(ms.length / (total / 1000)), process_wall_ms: child.wall_ms };
}

/** Latency and a per-host gap: elapsed against the politeness bound, violations, then a quiet rerun. */
async function polite() {
  const shape = shapeOf(P.polite);
  const site = await startSiteProcess(shape, P.polite.latency_ms);
  const llm = await startBenchLlm();
  try {
    const config = writeConfig('polite', { shape, feedUrls: site.feedUrls }, { per_host_delay_ms: P.polite.per_host_delay_ms }, true);
    const env = { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'x' };
    const db = join(tmp, 'polite.db');
    say(`politeness run: ${P.polite.hosts} hosts × ${P.polite.articles_per_host} articles, ${P.polite.latency_ms} ms latency, ` +
      `${P.polite.per_host_delay_ms} ms per-host gap, LLM summaries from the fake server`);
    await site.collect(); // starts the stall record afresh
    // The server stands for other machines: at nice 10 the crawler cannot take the core the server needs to
    // stamp requests as they arrive (on 2 cores, its GC threads otherwise stall the server for ms at a time).
    const first = await ingest('politeness', config, db, { env, nice: 10 });
    const limits: Limits = { perHostDelayMs: P.polite.per_host_delay_ms, perHostConcurrency: P.fetch.per_host_concurrency,
      concurrency: P.fetch.concurrency, latencyMs: P.polite.latency_ms };
    const firstLog = await site.collect();
    const report: PolitenessReport = analysePoliteness(firstLog.log, limits, firstLog.stalls);
    const firstCalls = llm.calls();

    say('rerun: nothing new on the server');
    const mark = firstLog.log.length;
    const second = await ingest('rerun', config, db, { env });
    const seen = (await site.collect()).log.slice(mark);
    const kinds = (k: string) => seen.filter((e) => requestKind(e.path) === k);
    const feeds = kinds('feed');
    const rerun = {
      requests: second.report.requests.sent, bytes: second.report.requests.bytes, not_modified: second.report.requests.not_modified,
      pages_fetched: kinds('article').length,
      extracted: second.report.items.new + second.report.items.extracted + second.report.items.irrelevant + second.report.items.merged,
      llm_calls: llm.calls() - firstCalls,
      server_requests: seen.length, feeds_requested: feeds.length, feeds_304: feeds.filter((e) => e.status === 304).length,
      robots_requested: kinds('robots').length, summarize: second.report.summarize, run_ms: second.run_ms, process_wall_ms: second.child.wall_ms,
    };
    return {
      ...report, process_wall_ms: first.child.wall_ms, crawl_run_ms: first.run_ms, items: first.report.items, machine: first.machine,
      first_run_llm_calls: firstCalls, first_run_summarized: first.report.summarize?.summarized ?? null, rerun,
    };
  } finally {
    await llm.close();
    await site.close();
  }
}

/** A large run at full speed: peak RSS of the child, which must not grow with the corpus. */
async function rssRun() {
  const site = await startBenchSite(shapeOf(P.rss), 0);
  try {
    const config = writeConfig('rss', site, { per_host_delay_ms: 0 }, false);
    const total = P.rss.hosts * P.rss.articles_per_host;
    say(`memory run: ${total} articles (${P.rss.hosts} hosts × ${P.rss.articles_per_host}), no latency, no gap`);
    const run = await ingest('memory', config, join(tmp, 'rss.db'), { rssEveryMs: 250 });
    const n = run.report.items.new;
    if (n !== total) throw new Error(`memory run stored ${n} new items, expected ${total}`);
    return { articles: n, peak_rss_mb: run.child.peak_rss_mb, rss_method: run.child.rss_method, run_ms: run.run_ms,
      process_wall_ms: run.child.wall_ms, articles_per_s: r1(n / (run.run_ms / 1000)), cpu_user_ms: run.child.cpu_user_ms,
      extract_ms_per_article: r3(run.report.stage_ms.extract / n), stage_wall_ms: run.report.stage_ms, machine: run.machine,
      rss_timeline_mb: thin(run.child.rss_timeline ?? [], 40) };
  } finally {
    await site.close();
  }
}

/** Another team's bench script, run as written; a failure or timeout is reported, never invented. */
async function script(name: string, args: string[], limit: number): Promise<{ out: unknown | null; error: string | null; wall_ms: number }> {
  say(`${name} ${args.join(' ')} (time limit ${Math.round(limit)} s)`);
  const child = await runNode(join(ROOT, 'bench', name), args, { cwd: ROOT, env: childEnv(), tmpDir: tmp, nodeArgs: ['--import', 'tsx'],
    echo: opt.verbose, timeoutMs: limit * 1000, measure: false });
  if (child.timedOut) return { out: null, error: `timed out after ${Math.round(limit)} s`, wall_ms: child.wall_ms };
  if (child.code !== 0) return { out: null, error: `exited with ${child.code}: ${child.stderrTail.trim().split('\n').slice(-3).join(' | ')}`, wall_ms: child.wall_ms };
  try {
    return { out: lastJson(child.stdout, name), error: null, wall_ms: child.wall_ms };
  } catch (err) {
    return { out: null, error: (err as Error).message, wall_ms: child.wall_ms };
  }
}

/** At most `n` points of a timeline, always keeping the highest. */
function thin(points: [number, number][], n: number): [number, number][] {
  if (points.length <= n) return points;
  const step = points.length / n;
  const keep = new Set(Array.from({ length: n }, (_, i) => Math.floor(i * step)));
  let top = 0;
  points.forEach((p, i) => { if (p[1] > points[top][1]) top = i; });
  keep.add(top);
  return [...keep].sort((a, b) => a - b).map((i) => points[i]);
}

// ---- report --------------------------------------------------------------------------------------------

function table(rows: [string, string, string, string][]): string {
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ')).join('\n');
}

async function main() {
  const tb = performance.now();
  const build = ensureBuilt();
  const buildS = r1((performance.now() - tb) / 1000);
  const cpu = skip.has('cpu') ? null : await cpuBound();
  const pol = skip.has('polite') ? null : await polite();
  const mem = skip.has('rss') ? null : await rssRun();
  const story = skip.has('story') ? null : await script('story-eval.ts', ['--json', '--n', String(P.story.items)], P.story.timeout_s);
  const storyDb = skip.has('story') ? null : await script('story-db.ts',
    ['--json', '--n', String(P.story.db_items), '--measure', String(P.story.db_measure)], P.story.db_timeout_s);
  const ui = skip.has('ui') ? null : await script('ui.ts', ['--json', '--items', String(P.ui.items), '--rounds', String(P.ui.rounds)], P.ui.timeout_s);
  const uiOut = ui?.out as { candidates_p95_ms?: number; search_p95_ms?: number } | null | undefined;
  const storyOut = story?.out as { synthetic?: { mean_ms_per_add?: number } } | null | undefined;
  const storyDbOut = storyDb?.out as { mean_ms_per_add?: number; p99_ms_per_add?: number; items_in_db?: number; seed_s?: number } | null | undefined;

  const share = cpu ? r3(cpu.articles_per_s / cpu.extract.articles_per_s) : null;
  const rr = pol?.rerun ?? null;
  const result = {
    articles_per_s: cpu?.articles_per_s ?? null,
    extract_only_articles_per_s: cpu?.extract.articles_per_s ?? null,
    politeness_ratio: pol?.politeness_ratio ?? null,
    violations: pol?.violations ?? null,
    rerun: rr ? { requests: rr.requests, bytes: rr.bytes, not_modified: rr.not_modified,
      pages_fetched: rr.pages_fetched, extracted: rr.extracted, llm_calls: rr.llm_calls } : null,
    peak_rss_mb: mem?.peak_rss_mb ?? null,
    ui: { candidates_p95_ms: uiOut?.candidates_p95_ms ?? null, search_p95_ms: uiOut?.search_p95_ms ?? null },
    // As the pipeline does it: features, lookups and writes in SQLite with db_items already filed.
    story_assign_ms: storyDbOut?.mean_ms_per_add ?? null,
    ms_per_article: cpu?.extract.ms_per_article ?? null,
    end_to_end_vs_extract_only: share,
    cpu_workers: cpu?.cpu_workers ?? null,
    stage_cpu_ms: cpu?.stage_cpu_ms ?? null,
    params: { ...P, cli: CLI, skipped: [...skip] },
    targets: {
      politeness_ratio_le_1_10: pol ? pol.politeness_ratio <= 1.1 : null,
      violations_0: pol ? pol.violations === 0 : null,
      end_to_end_ge_80pct_of_extract_only: share === null ? null : share >= 0.8,
      peak_rss_lt_400mb: mem ? mem.peak_rss_mb !== null && mem.peak_rss_mb < 400 : null,
      rerun_quiet: rr ? rr.pages_fetched === 0 && rr.extracted === 0 && rr.llm_calls === 0
        && rr.feeds_requested > 0 && rr.feeds_304 === rr.feeds_requested : null,
    },
    cpu_run: cpu ? { ...cpu, extract: undefined } : null,
    extract_only: cpu?.extract ?? null,
    politeness: pol ? { ...pol, rerun: undefined } : null,
    rerun_detail: rr,
    memory_run: mem,
    ui_detail: ui ? { ...(uiOut ?? {}), error: ui.error, wall_ms: ui.wall_ms } : null,
    story_detail: story || storyDb ? {
      sqlite: storyDb ? { ...(storyDbOut ?? {}), error: storyDb.error, wall_ms: storyDb.wall_ms } : null,
      in_memory: story ? { ...(storyOut?.synthetic ?? {}), error: story.error, wall_ms: story.wall_ms } : null,
    } : null,
    build, build_s: buildS,
    node: process.version,
    wall_s: r1((performance.now() - benchStart) / 1000),
  };

  const f = (x: unknown) => (x === null || x === undefined ? 'n/a' : String(x));
  const ok = (b: boolean | null) => (b === null ? 'skipped' : b ? 'ok' : 'MISSED');
  const t = result.targets;
  process.stderr.write(`\n${table([
    ['measure', 'value', 'target', ''],
    ['articles/s end to end (run time)', f(result.articles_per_s), '>= 80% of extract-only', ok(t.end_to_end_ge_80pct_of_extract_only)],
    ['articles/s extraction alone', `${f(result.extract_only_articles_per_s)} (${f(result.ms_per_article)} ms/article)`, '',
      share === null ? '' : `end to end = ${Math.round(share * 100)}%`],
    ['CPU worker threads; stage CPU ms', `${f(result.cpu_workers)}; ${result.stage_cpu_ms ? JSON.stringify(result.stage_cpu_ms) : 'n/a'}`, '', ''],
    ['politeness ratio (elapsed / bound)', pol ? `${pol.politeness_ratio} (${pol.elapsed_ms} / ${pol.lower_bound_ms} ms)` : 'n/a', '<= 1.10', ok(t.politeness_ratio_le_1_10)],
    ['politeness violations', pol ? `${pol.violations} (stamped short: ${pol.violation_detail.gap_stamped_short}, of which ${pol.violation_detail.gap_during_server_stall} `
      + `in server stalls; min stamped gap ${pol.min_gap_ms} ms)` : 'n/a', '0', ok(t.violations_0)],
    ['rerun requests / bytes / 304s', rr ? `${rr.requests} / ${rr.bytes} / ${rr.not_modified} (feeds 304: ${rr.feeds_304}/${rr.feeds_requested})` : 'n/a', 'feeds 304', ''],
    ['rerun pages / extracted / LLM calls', rr ? `${rr.pages_fetched} / ${rr.extracted} / ${rr.llm_calls}` : 'n/a', '0 / 0 / 0', ok(t.rerun_quiet)],
    [`peak RSS, ${mem?.articles ?? P.rss.hosts * P.rss.articles_per_host} articles`, `${f(result.peak_rss_mb)} MB`, '< 400 MB', ok(t.peak_rss_lt_400mb)],
    [`review app p95 at ${P.ui.items} items`, `candidates ${f(result.ui.candidates_p95_ms)} ms, search ${f(result.ui.search_p95_ms)} ms`, '', ui?.error ?? ''],
    [`story assignment, ${P.story.db_items} in SQLite`, `${f(result.story_assign_ms)} ms/add (in memory at ${P.story.items}: ${f(storyOut?.synthetic?.mean_ms_per_add)})`,
      '< 5 ms', storyDb?.error ?? story?.error ?? ''],
  ])}\nbench ${P.mode} finished in ${result.wall_s} s (build ${buildS} s); machine: ${cpu?.machine.cores ?? '?'} cores, ` +
    `other processes kept ${f(cpu?.machine.other_cores_busy)} / ${f(pol?.machine.other_cores_busy)} / ${f(mem?.machine.other_cores_busy)} cores busy ` +
    'during the cpu / politeness / memory runs\n');
  if (opt.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
}).finally(() => {
  // BENCH_KEEP_TMP=1 keeps the databases, configs and CPU profiles for a closer look.
  if (process.env.BENCH_KEEP_TMP) say(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});
