// `npm run eval` ("eval": "tsx eval/run.ts"): judgement of stories, relevance and topics on the labelled sets,
// through the real ingest. Options: --json (one JSON object on stdout), --split tune|holdout, --sets DIR,
// --config FILE (default ./sources.yaml), --keep (keep the temp databases), --errors N (rows of errors shown).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runEval, type EvalResult, type SplitReport } from './runner.js';
import { SPLITS, type Split } from './sets.js';
import { learningLine } from './learning.js';

export { runEval } from './runner.js';

const USAGE = 'usage: npm run eval -- [--json] [--split tune|holdout] [--sets DIR] [--config sources.yaml] [--keep] [--errors N]';

const f = (x: number | null | undefined) => (x == null ? '   -  ' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

function table(rows: (string | number)[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ')).join('\n');
}

function humanSplit(split: Split, res: EvalResult, nErrors: number): string {
  const d = res.details[split] as Omit<SplitReport, 'errors' | 'confusion'> | undefined;
  if (!d) return `\n== ${split}: no articles\n`;
  const e = res.errors[split]!;
  const conf = res.confusion[split]!;
  const s = d.sizes;
  const lines: string[] = [];
  lines.push(`\n== ${split.toUpperCase()}${split === 'tune' ? ' (the top-level figures of --json)' : ''}: ${s.articles} articles, ` +
    `${s.stories} gold stories, ${s.hard_negatives} hard negatives, ${s.off_topic} off-topic`);
  lines.push(table([
    ['measure', 'precision', 'recall', 'F1', 'detail'],
    ['stories (pairwise)', f(d.figures.clustering.precision), f(d.figures.clustering.recall), '', `pairs tp ${d.clustering.pairs.tp} / predicted ${d.clustering.pairs.predicted} / gold ${d.clustering.pairs.labelled}`],
    ['stories (B-cubed)', f(d.clustering.bcubed.precision), f(d.clustering.bcubed.recall), f(d.figures.clustering.bcubed_f1), `${d.clustering.items} articles: ${d.clustering.gold_stories} gold stories, ${d.clustering.predicted_stories} predicted`],
    ['stories as the desk forms them', f(d.clustering_desk.precision), f(d.clustering_desk.recall), f(d.clustering_desk.bcubed_f1), `pairwise P/R, B-cubed F1, over the ${d.clustering_desk.items} gold-relevant articles the repo rules keep`],
    ['relevance', f(d.relevance.precision), f(d.relevance.recall), f(d.relevance.f1), `tp ${d.relevance.tp} fp ${d.relevance.fp} fn ${d.relevance.fn} tn ${d.relevance.tn}`],
  ]));
  lines.push(`topics: accuracy ${f(d.topics.accuracy)} (${d.topics.correct}/${d.topics.scored}), coverage ${pct(d.topics.coverage)} of ${d.topics.gold_relevant} gold-relevant; ` +
    `with every article kept: accuracy ${f(d.topics_keep_all.accuracy)}, coverage ${pct(d.topics_keep_all.coverage)}`);
  lines.push(`clustering run: ${d.clustering.mode}; relevance and topics: the repo's sources.yaml rules`);
  const preds = [...new Set(Object.values(conf).flatMap((r) => Object.keys(r)))].sort();
  lines.push('\ntopic confusion (rows gold first topic, columns predicted first topic):');
  lines.push(table([['gold \\ predicted', ...preds], ...Object.keys(conf).sort().map((g) => [g, ...preds.map((p) => conf[g][p] ?? 0)])]));
  if (e.false_merges.length) {
    lines.push('\nworst false merges (one predicted story, several gold stories):');
    for (const m of e.false_merges.slice(0, nErrors)) lines.push(`  ${m.wrong_pairs} wrong pairs: ${Object.entries(m.stories).map(([k, v]) => `${k}[${v.join(' ')}]`).join(' + ')}`);
  }
  if (e.false_splits.length) {
    lines.push('\nworst false splits (one gold story, several predicted):');
    for (const x of e.false_splits.slice(0, nErrors)) lines.push(`  ${x.story}: ${x.missed_pairs} missed pairs: ${x.parts.map((p) => `[${p.join(' ')}]`).join(' | ')}`);
  }
  const rel = (label: string, list: typeof e.relevance_false_positives) => {
    if (!list.length) return;
    lines.push(`\n${label} (${list.length}):`);
    for (const x of list.slice(0, nErrors)) lines.push(`  ${x.id} (${x.kind}) ${x.title.slice(0, 70)}${x.terms.length ? ` — terms: ${x.terms.slice(0, 6).join(', ')}` : ''}`);
  };
  rel('relevance false positives (kept, gold irrelevant)', e.relevance_false_positives);
  rel('relevance false negatives (set aside, gold relevant)', e.relevance_false_negatives);
  if (e.topic_mistakes.length) lines.push(`\ntopic mistakes (${e.topic_mistakes.length}): ${e.topic_mistakes.slice(0, nErrors * 2).map((x) => `${x.id} ${x.gold}→${x.predicted}`).join(', ')}`);
  for (const m of e.missing) lines.push(`\nNOT STORED by the ${m.mode} run (${m.ids.length}): ${m.ids.join(', ')}`);
  const i = d.ingest;
  lines.push(`\ningest: repo rules ${i.repo.outcome} (${i.repo.items.extracted} relevant, ${i.repo.items.irrelevant} off-topic, ${i.repo.items.merged} folded, ${i.repo.items.failed} failed); ` +
    `keep-all ${i['keep-all'].outcome} (${i['keep-all'].items.extracted} kept, ${i['keep-all'].items.merged} folded, ${i['keep-all'].items.failed} failed)`);
  const dr = d.drafts;
  lines.push(`\ndrafts (${dr.drafts}, offline): whole last sentence ${pct(dr.whole_sentence)}, bullets of 60–170 words ${pct(dr.bullet_words_in_range)} ` +
    `(words min/median/max ${dr.bullet_words.min}/${dr.bullet_words.median}/${dr.bullet_words.max}), headlines of 6–14 words ${pct(dr.headline_words_in_range)}, release-label headlines ${dr.label_headlines}, dangling headlines ${dr.dangling_headlines}, ` +
    `boilerplate hits ${dr.boilerplate_hits}, repeated sentences ${dr.repeated_sentences}, grounding: ${dr.grounding_flagged} drafts flagged (${dr.grounding_findings} findings)`);
  const probs = res.drafts.problems[split] ?? [];
  for (const p of probs.slice(0, nErrors)) lines.push(`  story ${p.story} "${p.headline}": ${p.problems.join('; ')}`);
  lines.push(`timings (ms): ${Object.entries(d.timings_ms).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (d.temp) lines.push(`temp folder kept: ${d.temp}`);
  return lines.join('\n');
}

export function human(res: EvalResult, nErrors = 5): string {
  const out: string[] = [`newsdesk judgement eval on ${res.sets}`];
  const sz = res.sizes_by_split;
  out.push(table([
    ['sizes', 'articles', 'stories', 'hard_negatives', 'relevance_items', 'off_topic'],
    ...(['tune', 'holdout'] as const).map((s) => [s, sz[s].articles, sz[s].stories, sz[s].hard_negatives, sz[s].relevance_items, sz[s].off_topic]),
    ['total', res.sizes.articles, res.sizes.stories, res.sizes.hard_negatives, res.sizes.relevance_items, res.sizes.off_topic],
  ]));
  if (res.problems.length) out.push(`\nset problems (${res.problems.length}; those files/articles are left out):\n${res.problems.map((p) => `  ${p}`).join('\n')}`);
  for (const s of SPLITS) if (res.details[s]) out.push(humanSplit(s, res, nErrors));
  if (res.learning) out.push(`\n${learningLine(res.learning)}\n`);
  out.push(`\nsummary     stories P / R / B3-F1        relevance P / R   topic acc`);
  for (const [name, fig] of [['tune', res], ['holdout', res.holdout]] as const) {
    out.push(`${name.padEnd(10)}  ${f(fig.clustering.precision)} / ${f(fig.clustering.recall)} / ${f(fig.clustering.bcubed_f1)}    ${f(fig.relevance.precision)} / ${f(fig.relevance.recall)}     ${f(fig.topics.accuracy)}`);
  }
  out.push(`total time ${(res.timings_ms.total / 1000).toFixed(1)} s (${Object.entries(res.timings_ms).map(([k, v]) => `${k} ${v} ms`).join(', ')})\n`);
  return out.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: {
      json: { type: 'boolean', default: false }, split: { type: 'string' }, sets: { type: 'string' }, config: { type: 'string' },
      keep: { type: 'boolean', default: false }, errors: { type: 'string' }, strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) { process.stderr.write(`${USAGE}\n`); return 0; }
  if (values.split && !SPLITS.includes(values.split as Split)) { process.stderr.write(`--split must be tune or holdout\n${USAGE}\n`); return 2; }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const res = await runEval({ sets: values.sets, split: values.split as Split | undefined, config: values.config, keep: values.keep, log });
  if (values.json) process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
  else process.stdout.write(human(res, values.errors ? Number(values.errors) : 5));
  if (res.problems.length && values.json) log(`${res.problems.length} set problem(s); see "problems" in the JSON`);
  if (values.strict && res.problems.length) return 2;
  return 0;
}

const isEntry = (() => { try { return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url); } catch { return false; } })();
if (isEntry) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(`eval failed: ${(err as Error).stack}\n`); process.exitCode = 1; });
}
