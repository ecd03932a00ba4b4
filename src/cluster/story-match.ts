import { DEFAULT_STORY_CONFIG, priorShare, type StoryConfig, type StoryFeatures } from './story-features.js';
import { cosine } from './embeddings.js';
import { minhashSimilarity } from './story-minhash.js';
import { daysAgree, daysConflict } from './event-facts.js';

/** The outcome of comparing two items: a score in [0, 1], the decision, and why. */
export interface StoryScore {
  score: number;
  same: boolean;
  reasons: string[];
  /** With `explain`: each view's value and the evidence behind the decision, as numbers (the replay log's record). */
  views?: Record<string, number>;
}

/**
 * Rarity of a df key in 0..1: IDF smoothed by `prior_docs` pseudo-documents that carry the built-in prior
 * share (so "japan" weighs little even in an empty corpus), divided by the largest IDF the corpus allows.
 */
export function keyWeight(key: string, cfg: StoryConfig, df?: (key: string) => number, total = 0): number {
  const p = cfg.prior_docs;
  const n = df ? df(key) : 0;
  const all = Math.max(total, n) + p; // a caller that passes counts but no total still gets sane weights
  return Math.max(0, Math.log(all / (n + p * priorShare(key) + 0.5)) / Math.log(all / 0.5));
}

// Per-item lookups derived once from the features (which are never mutated) and reused for every comparison.
interface Prepared {
  ents: string[];
  entSet: Set<string>;
  numSet: Set<string>;
  titleSet: Set<string>;
  termSet: Set<string>;
  /** The content terms without their "w:" prefix. */
  rawTerms: Set<string>;
  parts: Map<string, string[]>; // multi-word entity → its words
  phrases: Map<string, string[]>; // word → the multi-word entities containing it
  nameWords: Set<string>;
  nums: string[];
  title: string[];
  terms: string[];
  salient: Set<string>;
}
const prepared = new WeakMap<StoryFeatures, Prepared>();

function prepare(f: StoryFeatures): Prepared {
  let p = prepared.get(f);
  if (p) return p;
  const parts = new Map<string, string[]>();
  const phrases = new Map<string, string[]>();
  const nameWords = new Set<string>();
  for (const e of f.entities) {
    const words = e.split(' ');
    for (const w of words) nameWords.add(w);
    if (words.length < 2) continue;
    parts.set(e, words);
    for (const w of words) phrases.set(w, [...(phrases.get(w) ?? []), e]);
  }
  const nums = f.numbers.map((n) => `#${n}`);
  const title = f.title_terms.map((t) => `t:${t}`);
  const terms = f.terms.map((t) => `w:${t}`);
  p = {
    ents: f.entities, parts, phrases, nameWords, salient: new Set(f.keys), nums, title, terms,
    entSet: new Set(f.entities), numSet: new Set(nums), titleSet: new Set(title), termSet: new Set(terms), rawTerms: new Set(f.terms),
  };
  prepared.set(f, p);
  return p;
}

// Things in a set of keys with their weights: a single word inside a multi-word name of the same set
// counts once, with the name ("kenji okabe" + "okabe" → one thing).
function things(keys: string[], inSet: Set<string>, p: Prepared, w: (k: string) => number): number[] {
  const out: number[] = [];
  for (const k of keys) {
    const words = p.parts.get(k);
    if (!words) {
      if (!p.phrases.get(k)?.some((ph) => inSet.has(ph))) out.push(w(k));
      continue;
    }
    let x = w(k);
    for (const part of words) if (inSet.has(part)) x = Math.max(x, w(part));
    out.push(x);
  }
  return out;
}

// Whether one name's words are all in the other ("monongahela steel" and "monongahela steel works").
function nested(x: string[], y: string[]): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((word) => long.includes(word));
}

// A word both items have only inside different names ("haruka" of Haruka Sendo and of Haruka Taoka,
// "spear" of Iron Spear and of Storm Spear) does not name the same thing.
function sameReferent(word: string, a: Prepared, b: Prepared): boolean {
  const pa = a.phrases.get(word);
  const pb = b.phrases.get(word);
  if (!pa || !pb || a.parts.has(word)) return true;
  return pa.some((x) => pb.some((y) => nested(a.parts.get(x) ?? [], b.parts.get(y) ?? [])));
}

interface Overlap {
  cos: number;
  shared: number;
  count: number;
  top: string[];
}

// Weighted cosine of two key sets over things, the rarity mass they share, and how many shared things are rare
// (≥ 0.3); with `explain`, the five heaviest shared keys.
function overlap(ka: string[], kb: string[], setA: Set<string>, setB: Set<string>, a: Prepared, b: Prepared,
  w: (k: string) => number, explain: boolean): Overlap {
  const shared = ka.filter((k) => setB.has(k) && sameReferent(k, a, b));
  const sharedSet = new Set(shared);
  const norm = (xs: number[]): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
  const sw = things(shared, sharedSet, a, w);
  const na = norm(things(ka, setA, a, w));
  const nb = norm(things(kb, setB, b, w));
  const dot = sw.reduce((s, x) => s + x * x, 0);
  const top = explain ? shared.map((k, i) => [k, sw[i] ?? w(k)] as const).sort((x, y) => y[1] - x[1]).slice(0, 5).map(([k]) => k) : [];
  return {
    cos: na > 0 && nb > 0 ? Math.min(1, dot / (na * nb)) : 0,
    shared: sw.reduce((s, x) => s + x, 0),
    count: sw.filter((x) => x >= 0.3).length,
    top,
  };
}

/** "3 vs 4" when both items name the round they report and share none, else null. */
function roundsConflict(a: StoryFeatures, b: StoryFeatures): string | null {
  if (!a.rounds?.length || !b.rounds?.length) return null;
  if (a.rounds.some((r) => b.rounds!.includes(r))) return null;
  return `${a.rounds.join('/')} vs ${b.rounds.join('/')}`;
}

/** "2025-10-15 vs 2025-10-22" when both leads date the event and every pair of their days is more than a day apart. */
function datesConflict(a: StoryFeatures, b: StoryFeatures): string | null {
  if (!daysConflict(a.event_days, b.event_days)) return null;
  const iso = (d: number[]): string => d.slice(0, 2).map((x) => new Date(x * 86_400_000).toISOString().slice(0, 10)).join('/');
  return `${iso(a.event_days!)} vs ${iso(b.event_days!)}`;
}

/** Both leads say where the event took place, and neither item names the other's place anywhere. */
function placesConflict(a: StoryFeatures, b: StoryFeatures, pa: Prepared, pb: Prepared): boolean {
  if (!a.places?.length || !b.places?.length) return false;
  return !a.places.some((x) => pb.entSet.has(x)) && !b.places.some((x) => pa.entSet.has(x));
}

/**
 * A cheap necessary condition for storyScore(a, b).same, exact for the decision: a pair is the same story
 * only as near-duplicates (MinHash) or with at least `min_things` shared things, of which content terms
 * give at most one, so with fewer shared names and amounts than that it cannot be.
 */
export function couldBeSameStory(a: StoryFeatures, b: StoryFeatures, cfg: StoryConfig = DEFAULT_STORY_CONFIG): boolean {
  if (a.day !== null && b.day !== null && Math.abs(a.day - b.day) > cfg.window_days) return false;
  if (a.vector && b.vector && cosine(a.vector, b.vector) >= cfg.embedding_evidence) return true; // embeddings view
  const need = cfg.min_things - 1;
  if (need <= 0) return true;
  const pa = prepare(a);
  const pb = prepare(b);
  let shared = 0;
  for (const e of pb.ents) if (pa.entSet.has(e) && ++shared >= need) return true;
  for (const n of pb.nums) if (pa.numSet.has(n) && ++shared >= need) return true;
  return minhashSimilarity(a.minhash, b.minhash) >= cfg.dup_jaccard;
}

/**
 * Scores whether two items report the same news event: shared distinctive entities, title terms, content
 * terms and amounts (rarity from `df`, the number of stored items carrying a key, out of `total`) plus
 * shingle similarity; never the same story outside the date window. `memo` caches weights while df and total hold;
 * without `explain` the reasons are left out (matching many candidates needs only the decision and the score).
 */
export function storyScore(
  a: StoryFeatures,
  b: StoryFeatures,
  cfg: StoryConfig = DEFAULT_STORY_CONFIG,
  df?: (key: string) => number,
  total = 0,
  memo?: Map<string, number>,
  explain = true,
): StoryScore {
  const reasons: string[] = [];
  if (a.day !== null && b.day !== null) {
    const gap = Math.abs(a.day - b.day);
    if (gap > cfg.window_days) return { score: 0, same: false, reasons: [`${gap} days apart`] };
    if (explain) reasons.push(`${gap} days apart`);
  }
  const pa = prepare(a);
  const pb = prepare(b);
  const w = (k: string): number => {
    let x = memo?.get(k);
    if (x === undefined) {
      x = keyWeight(k, cfg, df, total);
      memo?.set(k, x);
    }
    return x;
  };
  // A shared name or amount that is salient (a blocking key) in either item is evidence; a passing mention counts less.
  const we = (k: string): number => w(k) * (pa.salient.has(k) || pb.salient.has(k) ? 1 : cfg.passing_mention);
  const jac = minhashSimilarity(a.minhash, b.minhash);
  const ent = overlap(pa.ents, pb.ents, pa.entSet, pb.entSet, pa, pb, we, explain);
  const num = overlap(pa.nums, pb.nums, pa.numSet, pb.numSet, pa, pb, we, explain);
  const title = overlap(pa.title, pb.title, pa.titleSet, pb.titleSet, pa, pb, w, explain);
  const terms = overlap(pa.terms, pb.terms, pa.termSet, pb.termSet, pa, pb, w, explain);
  const wsum = cfg.w_entities + cfg.w_title + cfg.w_terms + cfg.w_numbers + cfg.w_shingles || 1;
  let score = (cfg.w_entities * ent.cos + cfg.w_title * title.cos + cfg.w_terms * terms.cos +
    cfg.w_numbers * num.cos + cfg.w_shingles * Math.min(1, jac / cfg.dup_jaccard)) / wsum;
  // Rare content words both use ("interim", "etching", "rover"; names excluded, they count above) are weaker
  // evidence of one event; enough of them count as one more shared thing.
  let termMass = 0;
  for (const t of b.terms) {
    if (!pa.rawTerms.has(t) || pa.nameWords.has(t) || pb.nameWords.has(t)) continue;
    const x = w(`w:${t}`);
    if (x >= cfg.rare_term) termMass += x;
  }
  let evidence = ent.shared + num.shared + cfg.term_evidence * termMass;
  let count = ent.count + num.count + (cfg.term_evidence * termMass >= 0.5 ? 1 : 0);
  // embeddings view: with both vectors, cosine is one more part of the score, and a high cosine is evidence
  // enough for a paraphrase that shares few names (cluster.embeddings; see embeddings.ts).
  if (a.vector && b.vector && cfg.w_embedding > 0) {
    const cos = Math.max(0, cosine(a.vector, b.vector));
    score = (score * wsum + cfg.w_embedding * cos) / (wsum + cfg.w_embedding);
    if (cos >= cfg.embedding_evidence) { evidence = Math.max(evidence, cfg.min_evidence); count = Math.max(count, cfg.min_things); score = Math.max(score, cos * cfg.min_score / cfg.embedding_evidence); }
    if (explain) reasons.push(`embedding ${cos.toFixed(2)}`);
  }
  if (explain) {
    reasons.push(`shingles ${jac.toFixed(2)}`, `entities ${ent.cos.toFixed(2)} [${ent.top.join(', ')}]`);
    if (num.top.length) reasons.push(`numbers ${num.cos.toFixed(2)} [${num.top.join(', ')}]`);
    if (title.top.length) reasons.push(`title ${title.cos.toFixed(2)} [${title.top.join(', ')}]`);
    reasons.push(`terms ${terms.cos.toFixed(2)} [${terms.top.join(', ')}]`, `evidence ${evidence.toFixed(2)} from ${count}`);
  }
  // An outlet rarely reports one event twice within days, but its template readouts ("… Telephone Talk")
  // share wording and topics: two items from one source need a clearly higher score.
  const sameSource = !!a.sources?.some((x) => b.sources?.includes(x));
  const needed = sameSource ? cfg.min_score * cfg.same_source_factor : cfg.min_score;
  if (sameSource && explain) reasons.push('same source');
  // Event-conflict veto: two reports of different numbered rounds of the same talks are different events,
  // however alike their words (copies included: a template readout of the next round reuses the last one's text).
  // The same goes for two leads that date the event to different days (a call and the visit it prepared).
  const rounds = roundsConflict(a, b);
  const dates = rounds ? null : datesConflict(a, b);
  const conflict = rounds ?? dates;
  if (rounds && explain) reasons.push(`different rounds ${rounds}`);
  if (dates && explain) reasons.push(`different days ${dates}`);
  // Two leads that put the event on the same day, and not in different places, corroborate one shared rare
  // thing: a paraphrase that shares one name and the date is one story at a lower score.
  const dated = !conflict && daysAgree(a.event_days, b.event_days) && !placesConflict(a, b, pa, pb) &&
    score >= cfg.dated_score * (sameSource ? cfg.same_source_factor : 1) && evidence >= cfg.dated_evidence && ent.count + num.count >= 1;
  if (dated && explain) reasons.push('same day of the event');
  const same = !conflict && (jac >= cfg.dup_jaccard || dated || (score >= needed && evidence >= cfg.min_evidence && count >= cfg.min_things));
  if (!explain) return { score, same, reasons };
  const views: Record<string, number> = { shingles: jac, entities: ent.cos, title: title.cos, terms: terms.cos, numbers: num.cos,
    evidence, things: count, needed, same_source: sameSource ? 1 : 0, veto: conflict ? 1 : 0, dated: dated ? 1 : 0 };
  if (a.day !== null && b.day !== null) views.gap_days = Math.abs(a.day - b.day);
  return { score, same, reasons, views };
}
