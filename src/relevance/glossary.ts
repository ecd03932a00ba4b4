import type { Relevance } from '../domain/types.js';
import { compileTerms, type TermMatcher } from './match.js';

/** One named actor of `relevance.glossary`: who or what it is, which all_of group (side) it evidences, its aliases. */
export interface GlossaryEntry {
  name: string;
  /** 1-based index of the all_of group this actor evidences (1 = first group). */
  side: number;
  aliases?: string[];
  role?: string;
}

/** Default threshold when a glossary is configured and `min_score` is absent. */
export const DEFAULT_MIN_SCORE = 0.5;

interface SideMatcher {
  label: string;
  /** Rule terms and glossary aliases in one matcher; `explain` maps a matched alias to "Actor → Side". */
  matcher: TermMatcher;
  actorOf: Map<string, string>;
  /** Terms that weigh less than 1 (places: PLACE_WEIGHT). */
  weightOf: Map<string, number>;
}

/** A place ("Fukuoka", "Tennessee") evidences its side at half the weight of a country, an actor or a rule term:
 * news names the place rather than the country, yet a ball player from Fukuoka signing in Seattle is not alliance news. */
export const PLACE_WEIGHT = 0.5;

export interface CompiledEvidence {
  sides: SideMatcher[];
  none: TermMatcher | null;
  minScore: number;
  third: TermMatcher | null;
}

export function compileEvidence(all_of: string[][], none_of: string[] | undefined, glossary: GlossaryEntry[],
  minScore: number | undefined, thirdParties: string[] = [], places: string[][] = []): CompiledEvidence {
  const sides = all_of.map((terms, i): SideMatcher => {
    const label = terms[0] ?? `group ${i + 1}`;
    const actorOf = new Map<string, string>();
    const weightOf = new Map<string, number>();
    const words = [...terms];
    for (const p of places[i] ?? []) {
      if (words.includes(p)) continue; // a rule term keeps its full weight
      words.push(p);
      weightOf.set(p, PLACE_WEIGHT);
      actorOf.set(p, `${p} (place)`);
    }
    for (const e of glossary) {
      if (e.side !== i + 1) continue;
      for (const a of [e.name, ...(e.aliases ?? [])]) {
        if (!words.includes(a)) words.push(a);
        actorOf.set(a, e.name);
      }
    }
    return { label, matcher: compileTerms(words), actorOf, weightOf };
  });
  return { sides, none: none_of?.length ? compileTerms(none_of) : null, minScore: minScore ?? DEFAULT_MIN_SCORE,
    third: thirdParties.length ? compileTerms(thirdParties) : null };
}

const sat = (w: number, k: number) => 1 - k ** w;

/**
 * Phrases that speak of the pair as one ("the two allies", "Tokyo and Washington"): each sentence with one counts
 * as a co-occurrence of the sides (only once every side is evidenced elsewhere, which relevance requires anyway).
 */
export const PAIR_TERMS = ['the two allies', 'both allies', 'alliance', 'Tokyo and Washington',
  'Washington and Tokyo', 'the two countries', 'the two governments', 'both governments', 'both countries'];
const pairMatcher = compileTerms(PAIR_TERMS);

/**
 * Evidence-weighted decision (used when a glossary is configured). For each side, hits of its rule terms and
 * glossary actors are weighed by where they sit: title 3, lead (first paragraph) 2, elsewhere 1. The pair
 * counts only where the sides meet: sentences that evidence every side (strong) and paragraphs that do (weaker).
 * `focus` is the share of the article's paragraphs that evidence both sides, so a story about a third country
 * that mentions one side in passing scores low. score = 0.4·weakest side + 0.35·co-occurrence + 0.25·focus.
 */
export function scoreEvidence(c: CompiledEvidence, title: string, text: string): Relevance {
  const n = c.sides.length;
  const weight = new Array<number>(n).fill(0);
  const terms: string[] = [];
  const seen = new Set<string>();
  const note = (i: number, t: string) => {
    const actor = c.sides[i].actorOf.get(t);
    const label = actor ? `${actor} → ${c.sides[i].label}` : t;
    if (!seen.has(label)) { seen.add(label); terms.push(label); }
  };
  // Title: weight 3 per hit (at most 2 counted).
  const w = (i: number, t: string): number => c.sides[i].weightOf.get(t) ?? 1;
  const th = c.sides.map((side, i) => {
    const h = side.matcher.find(title);
    h.forEach((t) => note(i, t));
    return h.reduce((sum, t) => sum + w(i, t), 0);
  });
  th.forEach((h, i) => { weight[i] += 3 * Math.min(h, 2); });
  const titleBoth = n > 0 && th.every((h) => h > 0);
  let thirdW = 0;
  const thirdSeen = new Set<string>();
  if (c.third) { const h = c.third.find(title); h.forEach((t) => thirdSeen.add(t)); thirdW += 3 * Math.min(h.length, 3); }
  // Body: sentence and paragraph spans by offset; every matcher runs once over the whole text.
  const sentStarts: number[] = [0];
  const sentPara: number[] = [0];
  let para = 0;
  for (const m of text.matchAll(/\n\s*\n|\r?\n|(?<=[.!?])\s+(?=[A-Z"“(])/g)) {
    if (/\n/.test(m[0])) para++;
    sentStarts.push(m.index! + m[0].length);
    sentPara.push(para);
  }
  const paraCount = text.trim() ? para + 1 : 0;
  const sentOf = (at: number) => {
    let lo = 0, hi = sentStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (sentStarts[mid] <= at) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const sentSides = new Map<number, Set<number>>();
  const paraHits: number[][] = c.sides.map(() => new Array<number>(paraCount).fill(0));
  c.sides.forEach((side, i) => {
    for (const h of side.matcher.findAt(text)) {
      note(i, h.term);
      const si = sentOf(h.at);
      paraHits[i][sentPara[si]] += w(i, h.term);
      let set = sentSides.get(si);
      if (!set) sentSides.set(si, (set = new Set()));
      set.add(i);
    }
  });
  const pairSent = new Set<number>();
  for (const h of pairMatcher.findAt(text)) pairSent.add(sentOf(h.at));
  if (c.third) {
    const perPara = new Array<number>(paraCount).fill(0);
    for (const h of c.third.findAt(text)) { thirdSeen.add(h.term); perPara[sentPara[sentOf(h.at)]]++; }
    perPara.forEach((x, pi) => { thirdW += (pi === 0 ? 2 : 1) * Math.min(x, 3); });
  }
  let sentBoth = 0;
  for (let si = 0; si < sentStarts.length; si++) {
    if ((sentSides.get(si)?.size ?? 0) === n || pairSent.has(si)) sentBoth += sentPara[si] === 0 ? 2 : 1;
  }
  let paraBoth = 0;
  for (let pi = 0; pi < paraCount; pi++) {
    let all = true;
    for (let i = 0; i < n; i++) {
      const x = paraHits[i][pi];
      weight[i] += (pi === 0 ? 2 : 1) * Math.min(x, 3);
      if (!x) all = false;
    }
    if (all) paraBoth++;
  }
  const vetoed = c.none ? c.none.find(`${title}\n${text}`) : [];
  const allSides = weight.every((w) => w > 0);
  const weakest = n ? Math.min(...weight.map((w) => sat(w, 0.6))) : 1;
  const cooc = sat(sentBoth + 0.5 * paraBoth + (titleBoth ? 2 : 0), 0.6);
  const focus = paraCount ? Math.min(1, (paraBoth + (titleBoth ? 1 : 0)) / Math.max(2, paraCount) * 1.5) : (titleBoth ? 1 : 0);
  let score = n ? 0.55 * weakest + 0.3 * cooc + 0.15 * focus : 1;
  // A third country that outweighs the weaker side: the article is about it, not the pair.
  const minW = n ? Math.min(...weight) : 0;
  if (thirdW > 2 * minW) {
    score *= 0.5 + (minW / thirdW);
    terms.push(`third party outweighs the pair: ${[...thirdSeen].join(', ')}`);
  }
  if (!allSides) score = Math.min(score, 0.25);
  score = Math.round(score * 1000) / 1000;
  if (sentBoth || titleBoth) terms.push(`co-occurrence: ${titleBoth ? 'title, ' : ''}${sentBoth} sentence(s), ${paraBoth}/${paraCount} paragraph(s)`);
  return {
    relevant: allSides && vetoed.length === 0 && score >= c.minScore,
    score,
    terms: [...terms, ...vetoed.filter((t, i, a) => a.indexOf(t) === i).map((t) => `-${t}`)],
  };
}
