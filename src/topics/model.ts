/**
 * A multi-label topic model: multinomial naive Bayes over word and bigram features (title weighted), combined
 * with the keyword evidence of the taxonomy as a prior. With no examples it ranks exactly as the keywords do;
 * each example (first topic = primary, weight 1; later topics count half) moves it towards the labels.
 * Pure: no I/O. Serialises to a small JSON object (rare features pruned).
 */

export interface TopicExample {
  title: string;
  text: string;
  /** Topic ids, the first one primary. */
  topics: string[];
}

export interface ModelParams {
  /** Smoothing: the Dirichlet pseudo-mass (×1000) drawn from the background distribution of all examples. */
  alpha: number;
  /** Scale of the length-normalised log-likelihood (so long articles are not over-confident). */
  scale: number;
  /** Weight of log(1 + keyword score) added to each topic. */
  keywordWeight: number;
  /** How many times a title feature counts. */
  titleWeight: number;
  /** How much a non-primary label counts. */
  secondaryWeight: number;
  /** With no keyword hit, the feature mass (log-damped counts) the article must share with the model to get a topic. */
  minEvidence: number;
  /** toJSON drops features seen in fewer examples than this. */
  minDocs: number;
}

export const DEFAULT_PARAMS: ModelParams = { alpha: 2, scale: 3, keywordWeight: 1, titleWeight: 1, secondaryWeight: 0.5, minEvidence: 12, minDocs: 2 };

export interface SerializedModel {
  format: 'newsdesk-topic-model';
  version: 1;
  topics: string[];
  params: ModelParams;
  examples: number;
  /** Per topic: weighted example count and total feature mass. */
  classes: { docs: number[]; mass: number[] };
  /** feature → [docs seen in, mass per topic...] (topic order as in `topics`). */
  features: Record<string, number[]>;
}

const STOP = new Set(
  ('a an the and or but of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they them his her their we our you your i me my not no nor so than too very can will would should could may might ' +
    'has have had do does did said says say also after before over under into out about more most other some such only own same ' +
    'just which who whom whose what when where why how all any both each few there here then once while during up down off ' +
    'again further mr ms new one two three year years week monday tuesday wednesday thursday friday saturday sunday').split(' '),
);

/** Lower-cased word tokens with stop words removed (digits-only tokens dropped). */
export function tokens(s: string): string[] {
  const out: string[] = [];
  for (const m of s.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)) {
    const w = m[0].replace(/['’]s$/, '');
    if (w.length < 2 || STOP.has(w) || /^\p{N}+$/u.test(w)) continue;
    out.push(w);
  }
  return out;
}

/** Feature weights of one article: unigrams and adjacent bigrams, title counted `titleWeight` times, log-damped. */
export function features(title: string, text: string, titleWeight: number): Map<string, number> {
  const raw = new Map<string, number>();
  const add = (list: string[], w: number) => {
    for (let i = 0; i < list.length; i++) {
      raw.set(list[i], (raw.get(list[i]) ?? 0) + w);
      if (i + 1 < list.length) {
        const b = `${list[i]} ${list[i + 1]}`;
        raw.set(b, (raw.get(b) ?? 0) + w);
      }
    }
  };
  add(tokens(title), titleWeight);
  add(tokens(text), 1);
  for (const [f, n] of raw) raw.set(f, 1 + Math.log(n));
  return raw;
}

export interface Ranked {
  id: string;
  /** Combined score (log scale). */
  score: number;
  /** Softmax share of the combined scores, 0..1. */
  probability: number;
}

export class TopicModel {
  readonly topics: string[];
  readonly params: ModelParams;
  examples = 0;
  private docs: number[];
  private mass: number[];
  /** feature → [docs, mass per topic...] */
  private feats = new Map<string, number[]>();
  private weights: Map<string, Float64Array> | null = null;

  constructor(topics: string[], params: Partial<ModelParams> = {}) {
    this.topics = [...topics];
    this.params = { ...DEFAULT_PARAMS, ...params };
    this.docs = topics.map(() => 0);
    this.mass = topics.map(() => 0);
  }

  static train(topics: string[], examples: TopicExample[], params: Partial<ModelParams> = {}): TopicModel {
    const m = new TopicModel(topics, params);
    for (const e of examples) m.addExample(e);
    return m;
  }

  /** Adds one labelled example (an editor's re-tag too); unknown topic ids are ignored. Returns false if none known. */
  addExample(e: TopicExample): boolean {
    const idx = e.topics.map((t) => this.topics.indexOf(t)).filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
    if (!idx.length) return false;
    const weights = idx.map((_, k) => (k === 0 ? 1 : this.params.secondaryWeight));
    const f = features(e.title, e.text, this.params.titleWeight);
    this.weights = null;
    for (const [name, x] of f) {
      let row = this.feats.get(name);
      if (!row) this.feats.set(name, (row = new Array(this.topics.length + 1).fill(0)));
      row[0] += 1;
      idx.forEach((i, k) => (row![i + 1] += x * weights[k]));
    }
    idx.forEach((i, k) => {
      this.docs[i] += weights[k];
      for (const x of f.values()) this.mass[i] += x * weights[k];
    });
    this.examples += 1;
    return true;
  }

  /** True when the model has learnt something for this taxonomy (same ids, same order not required). */
  matches(topicIds: string[]): boolean {
    return topicIds.length === this.topics.length && topicIds.every((id) => this.topics.includes(id));
  }

  /**
   * Ranks every topic: normalised naive-Bayes log posterior plus keywordWeight·log(1 + keyword score).
   * `keyword` maps topic id → keyword evidence (absent = 0). Returns [] when there is no keyword evidence and
   * less than `minEvidence` of known features (no basis for a topic).
   */
  rank(title: string, text: string, keyword: Map<string, number> = new Map()): Ranked[] {
    const n = this.topics.length;
    const { scale, keywordWeight } = this.params;
    // Dirichlet smoothing towards the background distribution of all examples: a topic with few or no
    // examples scores ~0 on every feature (its keywords decide); a well-fed one gains or loses per feature.
    const weights = this.compiled();
    const ll = new Array(n).fill(0);
    let seen = 0;
    if (this.examples > 0) {
      for (const [name, x] of features(title, text, this.params.titleWeight)) {
        const w = weights.get(name);
        if (!w) continue;
        seen += x;
        for (let i = 0; i < n; i++) ll[i] += x * w[i];
      }
    }
    const anyKw = this.topics.some((id) => (keyword.get(id) ?? 0) > 0);
    // Without a keyword hit, a few stray known words ("station", "opened") are no basis for a topic.
    if (!anyKw && (seen === 0 || seen < this.params.minEvidence)) return [];
    const scores = this.topics.map((id, i) => {
      let s = keywordWeight * Math.log1p(keyword.get(id) ?? 0);
      // Mean log-likelihood ratio per unit of feature mass, scaled (so long articles are not over-confident).
      if (seen > 0) s += (scale * ll[i]) / seen;
      return s;
    });
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const z = exps.reduce((a, b) => a + b, 0);
    return this.topics
      .map((id, i) => ({ id, score: scores[i], probability: exps[i] / z, i }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .map(({ id, score, probability }) => ({ id, score, probability }));
  }

  toJSON(): SerializedModel {
    const features: Record<string, number[]> = {};
    const round = (x: number) => Math.round(x * 100) / 100;
    for (const [name, row] of this.feats) if (row[0] >= this.params.minDocs) features[name] = row.map(round);
    return {
      format: 'newsdesk-topic-model',
      version: 1,
      topics: [...this.topics],
      params: { ...this.params },
      examples: this.examples,
      classes: { docs: this.docs.map(round), mass: this.mass.map(round) },
      features,
    };
  }

  /** Per feature, per topic: log(P(f|topic) / P(f)) with Dirichlet smoothing; rebuilt after addExample. */
  private compiled(): Map<string, Float64Array> {
    if (this.weights) return this.weights;
    const n = this.topics.length;
    const mu = this.params.alpha * 1000;
    const bgTotal = this.mass.reduce((a, b) => a + b, 0);
    const vocab = this.feats.size + 1;
    const out = new Map<string, Float64Array>();
    for (const [name, row] of this.feats) {
      let fm = 0;
      for (let i = 0; i < n; i++) fm += row[i + 1];
      const bg = (fm + 0.5) / (bgTotal + 0.5 * vocab);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) w[i] = Math.log((row[i + 1] + mu * bg) / (this.mass[i] + mu) / bg);
      out.set(name, w);
    }
    return (this.weights = out);
  }

  /** Rebuilds a model from toJSON output; throws on a malformed object. */
  static fromJSON(raw: unknown): TopicModel {
    const j = raw as SerializedModel;
    if (!j || j.format !== 'newsdesk-topic-model' || j.version !== 1 || !Array.isArray(j.topics)) throw new Error('not a newsdesk topic model (format/version)');
    const n = j.topics.length;
    if (!Array.isArray(j.classes?.docs) || j.classes.docs.length !== n || j.classes.mass.length !== n) throw new Error('topic model: class arrays do not match its topics');
    const m = new TopicModel(j.topics, j.params); // params missing from an older file take today's defaults
    m.examples = j.examples ?? 0;
    m.docs = [...j.classes.docs];
    m.mass = [...j.classes.mass];
    for (const [name, row] of Object.entries(j.features ?? {})) {
      if (!Array.isArray(row) || row.length !== n + 1) throw new Error(`topic model: feature "${name}" has ${row?.length} values, expected ${n + 1}`);
      m.feats.set(name, [...row]);
    }
    return m;
  }
}
