/**
 * Learning from the editor: a small naive-Bayes model per publication (one database = one publication).
 * Every kept (shortlist, promote) or rejected decision counts the item's features; at ingest a new item's
 * rule score is moved, in log-odds, by how its features leaned in past decisions. Pure: no I/O here.
 */

/** What the model sees of an item: words of title and lead, its sources, the relevance terms it matched. */
export interface FeatureInput {
  title: string | null;
  text: string | null;
  sources: string[];
  terms: string[];
}

/** Counts per feature: in how many kept (pos) and rejected (neg) decisions it appeared. */
export interface Model {
  pos: number;
  neg: number;
  features: Map<string, { pos: number; neg: number }>;
}

/** What the learned adjustment did to one item. */
export interface Adjustment {
  rule_score: number;
  score: number;
  /** Features that moved the score most, strongest first (negative weight = lowered). */
  moved_by: { feature: string; weight: number }[];
}

/** The lead: the first words of the text, where a story says what kind of story it is. */
const LEAD_WORDS = 60;
/** A feature counts once it has been seen in this many decisions. */
const MIN_SUPPORT = 2;
/** Decisions needed before the model moves a score at all. */
const MIN_DECISIONS = 4;
/** The largest move, in log-odds (e^3 ≈ 20× the odds). */
const MAX_EVIDENCE = 3;
/** Shrinks the move while the model has few decisions: n / (n + PRIOR). */
const PRIOR = 5;

const STOP = new Set(('the a an and or of to in on for with by at from as is are was were be been has have had it its this that ' +
  'these those their his her he she they we you i not but which who what when where after before over under into than then ' +
  'said says will would can could may also more most about new one two three per').split(' '));

/** Lower-case words of 3+ letters, stop words removed. */
export function words(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    .map((w) => w.replace(/['’]s$/, ''))
    .filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** The item's features, each once: `w:word` (title and lead), `src:id`, `term:matched term`. */
export function featuresOf(x: FeatureInput): string[] {
  const lead = (x.text ?? '').split(/\s+/).slice(0, LEAD_WORDS).join(' ');
  const out = new Set<string>();
  for (const w of words(`${x.title ?? ''} ${lead}`)) out.add(`w:${w}`);
  for (const s of x.sources) out.add(`src:${s}`);
  for (const t of x.terms) out.add(`term:${t.toLowerCase()}`);
  return [...out];
}

/** An empty model. */
export function emptyModel(): Model {
  return { pos: 0, neg: 0, features: new Map() };
}

/** Counts one decision into the model (label 1 kept, 0 rejected); returns the same model. */
export function learn(model: Model, features: string[], label: 0 | 1): Model {
  if (label === 1) model.pos++; else model.neg++;
  for (const f of new Set(features)) {
    const c = model.features.get(f) ?? { pos: 0, neg: 0 };
    if (label === 1) c.pos++; else c.neg++;
    model.features.set(f, c);
  }
  return model;
}

/**
 * A feature's weight: log P(f | kept) − log P(f | rejected), Laplace-smoothed; 0 until it has support.
 * Words common to both kinds (the countries every item names) come out near 0.
 */
export function weight(model: Model, feature: string): number {
  const c = model.features.get(feature);
  if (!c || c.pos + c.neg < MIN_SUPPORT) return 0;
  return Math.log((c.pos + 1) / (model.pos + 2)) - Math.log((c.neg + 1) / (model.neg + 2));
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Moves a rule score by the item's learned evidence: the weights of its known features, summed and divided by
 * √(how many), capped at ±3 log-odds and shrunk while decisions are few. Returns null when nothing moved.
 */
export function adjust(model: Model, ruleScore: number, features: string[]): Adjustment | null {
  const n = model.pos + model.neg;
  if (n < MIN_DECISIONS) return null;
  const known = [...new Set(features)].map((feature) => ({ feature, weight: weight(model, feature) })).filter((x) => x.weight !== 0);
  if (!known.length) return null;
  const sum = known.reduce((a, x) => a + x.weight, 0);
  const evidence = Math.max(-MAX_EVIDENCE, Math.min(MAX_EVIDENCE, sum / Math.sqrt(known.length))) * (n / (n + PRIOR));
  const p = Math.min(0.98, Math.max(0.02, ruleScore));
  const score = round3(sigmoid(logit(p) + evidence));
  if (Math.abs(score - ruleScore) < 0.005) return null;
  const moved_by = known.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 5)
    .map((x) => ({ feature: x.feature, weight: round3(x.weight) }));
  return { rule_score: ruleScore, score, moved_by };
}

/** What the model learned: the features that lean most either way, with their counts. */
export function summary(model: Model, top = 10) {
  const all = [...model.features.entries()].map(([feature, c]) => ({ feature, weight: round3(weight(model, feature)), kept: c.pos, rejected: c.neg }))
    .filter((x) => x.weight !== 0);
  return {
    decisions: { kept: model.pos, rejected: model.neg },
    features: model.features.size,
    lowers: all.filter((x) => x.weight < 0).sort((a, b) => a.weight - b.weight).slice(0, top),
    raises: all.filter((x) => x.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, top),
  };
}
