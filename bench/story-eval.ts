// Story matching quality and speed: pairwise precision/recall on the labelled fixtures (each half and
// overall) and add() cost on a synthetic 100,000-item corpus. Run: npx tsx bench/story-eval.ts [--json] [--n 100000]
import { DEFAULT_STORY_CONFIG } from '../src/cluster/story-features.js';
import { featuresOf, loadHardNegatives, loadItems, pairwise, runIndex, splitHalves } from '../test/cluster/fixtures/stories/eval.js';
import { synthItems } from '../test/cluster/fixtures/stories/synth.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const nAt = args.indexOf('--n');
const synthN = nAt >= 0 ? Number(args[nAt + 1]) : 100_000;
const cfg = DEFAULT_STORY_CONFIG;
const log = (msg: string): void => {
  if (!json) process.stdout.write(`${msg}\n`);
  else process.stderr.write(`${msg}\n`);
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

function timing(addMs: number[], scored: number[]) {
  const total = addMs.reduce((s, x) => s + x, 0);
  const sorted = [...addMs].sort((a, b) => a - b);
  return {
    items: addMs.length,
    mean_ms_per_add: round(total / addMs.length, 4),
    p99_ms_per_add: round(sorted[Math.floor(sorted.length * 0.99)] ?? 0, 4),
    items_per_second: Math.round(addMs.length / (total / 1000)),
    mean_candidates: round(scored.reduce((s, x) => s + x, 0) / scored.length, 1),
    max_candidates: Math.max(...scored),
  };
}

const items = loadItems();
const [halfA, halfB] = splitHalves(items, loadHardNegatives());
const feats = featuresOf(items, cfg);
const labelled: Record<string, unknown> = {};
runIndex(items, feats, cfg); // warm the JIT so the labelled timing is not all compilation
for (const [name, set] of [['half_a', halfA], ['half_b', halfB], ['overall', items]] as const) {
  const run = runIndex(set, feats, cfg);
  const pr = pairwise(set, (id) => run.index.storyOf(id));
  labelled[name] = { items: set.length, stories: new Set(set.map((x) => x.story)).size, precision: round(pr.precision), recall: round(pr.recall), pairs: { tp: pr.tp, predicted: pr.predicted, labelled: pr.labelled }, ...(name === 'overall' ? { timing: timing(run.addMs, run.scored) } : {}) };
  log(`labelled ${name.padEnd(8)} items ${String(set.length).padStart(3)}  precision ${pr.precision.toFixed(3)}  recall ${pr.recall.toFixed(3)}  (pairs tp ${pr.tp} / predicted ${pr.predicted} / labelled ${pr.labelled})`);
  if (name === 'overall') {
    const t = timing(run.addMs, run.scored);
    log(`labelled timing: mean ${t.mean_ms_per_add} ms/add, ${t.items_per_second} adds/s, candidates mean ${t.mean_candidates} max ${t.max_candidates}`);
  }
}

log(`generating ${synthN} synthetic items...`);
const t0 = performance.now();
const synth = synthItems(synthN);
const t1 = performance.now();
const sfeats = featuresOf(synth, cfg);
const t2 = performance.now();
const srun = runIndex(synth, sfeats, cfg);
const spr = pairwise(synth, (id) => srun.index.storyOf(id));
const st = timing(srun.addMs, srun.scored);
const synthetic = { ...st, generate_s: round((t1 - t0) / 1000, 1), features_ms_per_item: round((t2 - t1) / synth.length, 4), precision: round(spr.precision), recall: round(spr.recall) };
log(`synthetic ${synthN}: mean ${st.mean_ms_per_add} ms/add (p99 ${st.p99_ms_per_add}), ${st.items_per_second} adds/s, candidates mean ${st.mean_candidates} max ${st.max_candidates}`);
log(`synthetic features: ${synthetic.features_ms_per_item} ms/item; synthetic precision ${spr.precision.toFixed(3)} recall ${spr.recall.toFixed(3)} (informational: generated text)`);
if (json) process.stdout.write(`${JSON.stringify({ config: cfg, labelled, synthetic }, null, 2)}\n`);
