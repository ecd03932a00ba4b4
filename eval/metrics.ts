// Judgement metrics (pure): story clustering (pairwise precision/recall, B-cubed), relevance precision/recall,
// topic accuracy with a confusion table, and the worst clustering errors. Conventions: a precision with nothing
// predicted is 1 (nothing wrong was claimed), a recall with nothing to find is 1.

/** element id → cluster label. */
export type Labels = Map<string, string>;

const pairs = (n: number) => (n * (n - 1)) / 2;
const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function counts(gold: Labels, pred: Labels) {
  const g = new Map<string, number>();
  const p = new Map<string, number>();
  const gp = new Map<string, number>();
  const predOf = (id: string) => pred.get(id) ?? `\u0000alone:${id}`;
  for (const [id, gl] of gold) {
    const pl = predOf(id);
    g.set(gl, (g.get(gl) ?? 0) + 1);
    p.set(pl, (p.get(pl) ?? 0) + 1);
    const k = `${gl}\u0001${pl}`;
    gp.set(k, (gp.get(k) ?? 0) + 1);
  }
  return { g, p, gp, predOf };
}

export interface PairwiseScore { precision: number; recall: number; f1: number; tp: number; predicted: number; labelled: number }

/**
 * Pairwise scores over the elements of `gold` (an element missing from `pred` is a cluster of its own):
 * a pair is predicted when both share a predicted cluster, labelled when both share a gold story.
 */
export function pairwise(gold: Labels, pred: Labels): PairwiseScore {
  const { g, p, gp } = counts(gold, pred);
  let tp = 0, predicted = 0, labelled = 0;
  for (const n of gp.values()) tp += pairs(n);
  for (const n of p.values()) predicted += pairs(n);
  for (const n of g.values()) labelled += pairs(n);
  const precision = ratio(tp, predicted), recall = ratio(tp, labelled);
  return { precision, recall, f1: f1(precision, recall), tp, predicted, labelled };
}

export interface BCubedScore { precision: number; recall: number; f1: number }

/** B-cubed: per element, the share of its predicted cluster in its gold story and vice versa, averaged. */
export function bcubed(gold: Labels, pred: Labels): BCubedScore {
  const { g, p, gp, predOf } = counts(gold, pred);
  if (gold.size === 0) return { precision: 1, recall: 1, f1: 1 };
  let sp = 0, sr = 0;
  for (const [id, gl] of gold) {
    const pl = predOf(id);
    const both = gp.get(`${gl}\u0001${pl}`)!;
    sp += both / p.get(pl)!;
    sr += both / g.get(gl)!;
  }
  const precision = sp / gold.size, recall = sr / gold.size;
  return { precision, recall, f1: f1(precision, recall) };
}

export interface BinaryScore { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; tn: number }

/** Precision/recall of predicted-positive against gold-positive, over the ids of `gold`. */
export function binary(gold: Map<string, boolean>, pred: Map<string, boolean>): BinaryScore {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const [id, g] of gold) {
    const p = pred.get(id) ?? false;
    if (g && p) tp++; else if (!g && p) fp++; else if (g && !p) fn++; else tn++;
  }
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  return { precision, recall, f1: f1(precision, recall), tp, fp, fn, tn };
}

export interface TopicScore {
  /** Share of scored items whose predicted first topic is the gold first topic. */
  accuracy: number;
  /** Scored items (gold relevant, with a predicted topic) over gold-relevant items. */
  coverage: number;
  scored: number;
  correct: number;
  gold_relevant: number;
  /** gold first topic → predicted first topic ("(none)" when there is none) → count, over gold-relevant items. */
  confusion: Record<string, Record<string, number>>;
}

export const NO_TOPIC = '(none)';

/** Topic accuracy over gold-relevant items that have a predicted topic; coverage and confusion over all gold-relevant. */
export function topicScore(gold: Map<string, { relevant: boolean; topics: string[] }>, pred: Map<string, string[]>): TopicScore {
  let scored = 0, correct = 0, goldRelevant = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const [id, g] of gold) {
    if (!g.relevant || g.topics.length === 0) continue;
    goldRelevant++;
    const first = pred.get(id)?.[0];
    const row = (confusion[g.topics[0]] ??= {});
    row[first ?? NO_TOPIC] = (row[first ?? NO_TOPIC] ?? 0) + 1;
    if (first === undefined) continue;
    scored++;
    if (first === g.topics[0]) correct++;
  }
  return { accuracy: ratio(correct, scored), coverage: ratio(scored, goldRelevant), scored, correct, gold_relevant: goldRelevant, confusion };
}

/** A predicted cluster holding several gold stories. */
export interface FalseMerge { wrong_pairs: number; stories: Record<string, string[]> }
/** A gold story spread over several predicted clusters. */
export interface FalseSplit { story: string; missed_pairs: number; parts: string[][] }

/** The predicted clusters that join different gold stories, most wrong pairs first. */
export function falseMerges(gold: Labels, pred: Labels, limit = 10): FalseMerge[] {
  const { predOf } = counts(gold, pred);
  const byPred = new Map<string, Map<string, string[]>>();
  for (const [id, gl] of gold) {
    const m = byPred.get(predOf(id)) ?? new Map<string, string[]>();
    byPred.set(predOf(id), m);
    m.set(gl, [...(m.get(gl) ?? []), id]);
  }
  const out: FalseMerge[] = [];
  for (const m of byPred.values()) {
    if (m.size < 2) continue;
    const sizes = [...m.values()].map((l) => l.length);
    const total = sizes.reduce((s, n) => s + n, 0);
    const wrong = pairs(total) - sizes.reduce((s, n) => s + pairs(n), 0);
    out.push({ wrong_pairs: wrong, stories: Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort()) });
  }
  return out.sort((a, b) => b.wrong_pairs - a.wrong_pairs || JSON.stringify(a.stories).localeCompare(JSON.stringify(b.stories))).slice(0, limit);
}

/** The gold stories the prediction splits, most missed pairs first. */
export function falseSplits(gold: Labels, pred: Labels, limit = 10): FalseSplit[] {
  const { predOf } = counts(gold, pred);
  const byGold = new Map<string, Map<string, string[]>>();
  for (const [id, gl] of gold) {
    const m = byGold.get(gl) ?? new Map<string, string[]>();
    byGold.set(gl, m);
    m.set(predOf(id), [...(m.get(predOf(id)) ?? []), id]);
  }
  const out: FalseSplit[] = [];
  for (const [story, m] of byGold) {
    if (m.size < 2) continue;
    const sizes = [...m.values()].map((l) => l.length);
    const total = sizes.reduce((s, n) => s + n, 0);
    out.push({ story, missed_pairs: pairs(total) - sizes.reduce((s, n) => s + pairs(n), 0),
      parts: [...m.values()].map((l) => [...l].sort()).sort((a, b) => b.length - a.length || a[0].localeCompare(b[0])) });
  }
  return out.sort((a, b) => b.missed_pairs - a.missed_pairs || a.story.localeCompare(b.story)).slice(0, limit);
}

/** Rounds to 3 decimals for output. */
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
