/** Keyword topic classifier over the configured taxonomy (pure). */
import type { Topic } from '../domain/types.js';
import type { TopicModel } from '../topics/model.js';

interface Term {
  text: string;
  weight: number;
  topics: string[];
}

interface Compiled {
  terms: Map<string, Term>;
  exact: RegExp | null;
  folded: RegExp | null;
}

const TITLE_WEIGHT = 3;
const PHRASE_WEIGHT = 2;
const SECONDARY_SHARE = 0.5;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactKey = (s: string): string => s.replace(/[\s\-‐]+/g, ' ').trim();
const key = (s: string): string => exactKey(s.toLowerCase());

/** True for terms such as "LNG" or "AI" that must match case-sensitively. */
function isAllCaps(term: string): boolean {
  const letters = term.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Keywords plus the words of a topic's id and label ("economy-trade", "Economy & Trade"). */
function topicTerms(t: Topic): string[] {
  const own = [...t.keywords, t.id.replace(/-/g, ' ')];
  const label = t.label.trim();
  if (/\s(?:&|and)\s/i.test(label)) own.push(...label.split(/\s+(?:&|and)\s+/i));
  else own.push(label);
  return own.filter((s) => s.trim().length > 1);
}

/** Builds a bounded alternation, longest first; hyphens and spaces match each other. */
function alternation(list: string[], flags: string): RegExp | null {
  if (!list.length) return null;
  const alts = [...list]
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      const folded = flags.includes('i');
      // A folded phrase in the plural also matches its singular ("Self-Defense Forces" → "Force");
      // single words do not, so "arms" never becomes "arm".
      const base = folded && /\s/.test(t.trim()) && /[^s]s$/i.test(t.trim()) ? t.trim().slice(0, -1) : t.trim();
      const body = escapeRe(base).replace(/[\s\-‐]+/g, '[\\s\\-‐]+');
      // Folded terms ending in a letter also take a plural "s" ("tariff" → "tariffs").
      return folded && /\p{L}$/u.test(base) ? `${body}s?` : body;
    });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

const cache = new WeakMap<Topic[], Compiled>();

/** Compiles the taxonomy once per topics array. */
function compile(topics: Topic[]): Compiled {
  const hit = cache.get(topics);
  if (hit) return hit;
  const terms = new Map<string, Term>();
  for (const t of topics) {
    for (const raw of topicTerms(t)) {
      const k = isAllCaps(raw) ? exactKey(raw) : key(raw);
      const phrase = raw.trim().split(/\s+/).length > 1;
      const term = terms.get(k) ?? { text: raw.trim(), weight: phrase ? PHRASE_WEIGHT : 1, topics: [] };
      if (!term.topics.includes(t.id)) term.topics.push(t.id);
      terms.set(k, term);
    }
  }
  const all = [...terms.values()].map((t) => t.text);
  const compiled = {
    terms,
    exact: alternation(all.filter(isAllCaps), 'gu'),
    folded: alternation(all.filter((t) => !isAllCaps(t)), 'giu'),
  };
  cache.set(topics, compiled);
  return compiled;
}

/** Finds term hits; where an exact and a folded match overlap, the longer one wins. */
function findTerms(c: Compiled, text: string): Term[] {
  const hits: { at: number; end: number; term: Term }[] = [];
  const collect = (re: RegExp | null, exact: boolean) => {
    if (!re) return;
    for (const m of text.matchAll(re)) {
      const k = exact ? exactKey(m[0]) : key(m[0]);
      const term = c.terms.get(k) ?? c.terms.get(k.replace(/s$/, '')) ?? c.terms.get(`${k}s`);
      if (term) hits.push({ at: m.index!, end: m.index! + m[0].length, term });
    }
  };
  collect(c.exact, true);
  collect(c.folded, false);
  hits.sort((a, b) => a.at - b.at || b.end - a.end);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.length || h.at >= kept[kept.length - 1].end) kept.push(h);
  return kept.map((h) => h.term);
}

/** Adds weighted evidence per topic; repeats of a term count with diminishing returns. */
function tally(scores: Map<string, number>, found: Term[], factor: number): void {
  const counts = new Map<Term, number>();
  for (const t of found) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [term, n] of counts) {
    const value = term.weight * factor * (1 + Math.log2(n));
    for (const id of term.topics) scores.set(id, (scores.get(id) ?? 0) + value);
  }
}

/** Each topic's keyword evidence in title and text (ids with no hit are absent). */
export function topicScores(title: string, text: string, topics: Topic[]): Map<string, number> {
  const c = compile(topics);
  const scores = new Map<string, number>();
  tally(scores, findTerms(c, title), TITLE_WEIGHT);
  tally(scores, findTerms(c, text), 1);
  return scores;
}

let moduleModel: TopicModel | null = null;

/** Sets (or with null clears) the model classifyTopics uses when its caller passes none. */
export function setTopicModel(model: TopicModel | null): void {
  moduleModel = model;
}

/** The model set by setTopicModel (null when none). */
export function getTopicModel(): TopicModel | null {
  return moduleModel;
}

/**
 * Tags a story with a primary topic and at most one secondary (≥ 50% of the primary's score), with a 0..1 confidence.
 * With a trained model whose ids match `topics` (the argument, else the one set by setTopicModel), the keyword
 * evidence is its prior; otherwise the keywords alone decide (null forces keyword-only).
 */
export function classifyTopics(
  title: string,
  text: string,
  topics: Topic[],
  model: TopicModel | null | undefined = moduleModel,
): { topics: string[]; confidence: number } {
  const scores = topicScores(title, text, topics);
  if (model && model.examples > 0 && model.matches(topics.map((t) => t.id))) {
    const ranked = model.rank(title, text, scores);
    if (!ranked.length) return { topics: [], confidence: 0 };
    const [first, second] = ranked;
    const ids = [first.id];
    if (second && second.probability >= SECONDARY_SHARE * first.probability) ids.push(second.id);
    return { topics: ids, confidence: Math.round(first.probability * 100) / 100 };
  }
  const ranked = topics
    .map((t, i) => ({ id: t.id, score: scores.get(t.id) ?? 0, i }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  if (!ranked.length) return { topics: [], confidence: 0 };
  const [first, second] = ranked;
  const ids = [first.id];
  if (second && second.score >= SECONDARY_SHARE * first.score) ids.push(second.id);
  const margin = second ? (first.score - second.score) / first.score : 1;
  const evidence = 1 - Math.exp(-first.score / 8);
  const confidence = Math.round(evidence * (0.4 + 0.6 * margin) * 100) / 100;
  return { topics: ids, confidence };
}
