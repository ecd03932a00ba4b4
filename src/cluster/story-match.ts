import { DEFAULT_STORY_CONFIG, priorShare, type StoryConfig, type StoryFeatures } from './story-features.js';
import { minhashSimilarity } from './story-minhash.js';

/** The outcome of comparing two items: a score in [0, 1], the decision, and why. */
export interface StoryScore {
  score: number;
  same: boolean;
  reasons: string[];
}

/**
 * Inverse document frequency of a df key, smoothed by `prior_docs` pseudo-documents that carry the
 * built-in prior share, so "japan" weighs little even in an empty corpus and real counts take over as it grows.
 */
export function keyWeight(key: string, cfg: StoryConfig, df?: (key: string) => number, total = 0): number {
  const p = cfg.prior_docs;
  const n = df ? df(key) : 0;
  // Divided by the largest possible IDF, so a weight reads as "how rare, 0..1" whatever the corpus size.
  return Math.max(0, Math.log((total + p) / (n + p * priorShare(key) + 0.5)) / Math.log((total + p) / 0.5));
}

interface Overlap {
  cos: number;
  /** IDF mass and count of distinct shared things: a name and its words ("kenji okabe", "okabe") count once. */
  shared: number;
  things: number;
  top: string[];
}

// Drops single words that belong to a multi-word entity of the same set, keeping the heavier weight on the phrase.
function collapse(keys: Iterable<string>, w: (k: string) => number): Map<string, number> {
  const all = new Set(keys);
  const out = new Map<string, number>();
  const inPhrase = new Set<string>();
  for (const k of all) if (k.includes(' ')) for (const part of k.split(' ')) if (all.has(part)) inPhrase.add(part);
  for (const k of all) {
    if (inPhrase.has(k)) continue;
    const parts = k.includes(' ') ? k.split(' ').filter((p) => all.has(p)) : [];
    out.set(k, Math.max(w(k), ...parts.map(w)));
  }
  return out;
}

// Weighted cosine of two sets of things (binary vectors scaled by IDF) and what they share.
function overlap(a: string[], b: string[], w: (k: string) => number): Overlap {
  const bs = new Set(b);
  const ca = collapse(a, w);
  const cb = collapse(b, w);
  const cs = collapse(a.filter((k) => bs.has(k)), w);
  let na = 0;
  let nb = 0;
  let dot = 0;
  let shared = 0;
  for (const x of ca.values()) na += x * x;
  for (const x of cb.values()) nb += x * x;
  for (const x of cs.values()) {
    dot += x * x;
    shared += x;
  }
  const cos = na > 0 && nb > 0 ? Math.min(1, dot / Math.sqrt(na * nb)) : 0;
  const top = [...cs].sort((x, y) => y[1] - x[1]);
  const things = top.filter(([, x]) => x >= 0.3).length;
  return { cos, shared, things, top: top.slice(0, 5).map(([k]) => k) };
}

/**
 * Scores whether two items report the same news event: shared distinctive entities, title terms and
 * amounts (IDF-weighted through `df`, the number of stored items carrying a key, out of `total`),
 * plus shingle similarity; never the same story outside the date window.
 */
export function storyScore(
  a: StoryFeatures,
  b: StoryFeatures,
  cfg: StoryConfig = DEFAULT_STORY_CONFIG,
  df?: (key: string) => number,
  total = 0,
): StoryScore {
  const reasons: string[] = [];
  if (a.day !== null && b.day !== null) {
    const gap = Math.abs(a.day - b.day);
    if (gap > cfg.window_days) return { score: 0, same: false, reasons: [`${gap} days apart`] };
    reasons.push(`${gap} days apart`);
  }
  const w = (k: string): number => keyWeight(k, cfg, df, total);
  // A shared name that is salient (a blocking key) in either item is evidence; a passing mention is half as much.
  const salient = new Set([...a.keys, ...b.keys]);
  const we = (k: string): number => w(k) * (salient.has(k) ? 1 : cfg.passing_mention);
  const jac = minhashSimilarity(a.minhash, b.minhash);
  const ent = overlap(a.entities, b.entities, we);
  const num = overlap(a.numbers.map((n) => `#${n}`), b.numbers.map((n) => `#${n}`), we);
  const title = overlap(a.title_terms.map((t) => `t:${t}`), b.title_terms.map((t) => `t:${t}`), w);
  const terms = overlap(a.terms.map((t) => `w:${t}`), b.terms.map((t) => `w:${t}`), w);
  const wsum = cfg.w_entities + cfg.w_title + cfg.w_terms + cfg.w_numbers + cfg.w_shingles || 1;
  const score = (
    cfg.w_entities * ent.cos +
    cfg.w_title * title.cos +
    cfg.w_terms * terms.cos +
    cfg.w_numbers * num.cos +
    cfg.w_shingles * Math.min(1, jac / cfg.dup_jaccard)) / wsum;
  const evidence = ent.shared + num.shared;
  const things = ent.things + num.things;
  reasons.push(`shingles ${jac.toFixed(2)}`, `entities ${ent.cos.toFixed(2)} [${ent.top.join(', ')}]`);
  if (num.top.length) reasons.push(`numbers ${num.cos.toFixed(2)} [${num.top.join(', ')}]`);
  if (title.top.length) reasons.push(`title ${title.cos.toFixed(2)} [${title.top.join(', ')}]`);
  reasons.push(`terms ${terms.cos.toFixed(2)} [${terms.top.join(', ')}]`);
  reasons.push(`evidence ${evidence.toFixed(2)} from ${things}`);
  const same = jac >= cfg.dup_jaccard || (score >= cfg.min_score && evidence >= cfg.min_evidence && things >= cfg.min_things);
  return { score, same, reasons };
}
