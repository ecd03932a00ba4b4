import type { Relevance } from '../domain/types.js';
import { compileTerms, type TermMatcher } from './match.js';
import { compileEvidence, scoreEvidence, type CompiledEvidence, type GlossaryEntry } from './glossary.js';

/** The relevance rules of sources.yaml. */
export interface RelevanceRules {
  all_of: string[][];
  none_of?: string[];
  /** Named actors per side; when present (non-empty) the evidence-weighted decision of glossary.ts is used. */
  glossary?: GlossaryEntry[];
  /** relevant = score >= min_score (default 0.5 with a glossary; without one, only applied when set). */
  min_score?: number;
  /** Third countries; when they outweigh the weaker side, the score drops (glossary mode only). */
  third_parties?: string[];
  /** Places per all_of group, evidence at half weight (glossary mode only). */
  places?: string[][];
}

/** Rules compiled once per run. */
export interface CompiledRules {
  groups: TermMatcher[];
  none: TermMatcher | null;
  evidence?: CompiledEvidence;
  minScore?: number;
}

/** Compiles the rules' term lists into matchers. */
export function compileRules(rules: RelevanceRules): CompiledRules {
  return {
    groups: rules.all_of.map(compileTerms),
    none: rules.none_of?.length ? compileTerms(rules.none_of) : null,
    evidence: rules.glossary?.length ? compileEvidence(rules.all_of, rules.none_of, rules.glossary, rules.min_score, rules.third_parties, rules.places) : undefined,
    minScore: rules.min_score,
  };
}

/**
 * Scores an article against the rules: relevant when every `all_of` group has at least one term in
 * title + text and no `none_of` term appears. The score grows with hits per group (title hits count
 * double) and is the mean over groups, so 1 hit in each group gives 0.5 and many hits approach 1.
 */
export function scoreRelevance(rules: CompiledRules, title: string, text: string): Relevance {
  if (rules.evidence) return scoreEvidence(rules.evidence, title, text);
  if (!rules.groups.length && !rules.none) return { relevant: true, score: 1, terms: [] };
  const terms: string[] = [];
  let total = 0;
  let allMatched = true;
  for (const group of rules.groups) {
    const inTitle = group.find(title);
    const inText = group.find(text);
    const weight = 2 * inTitle.length + inText.length;
    if (weight === 0) allMatched = false;
    total += 1 - 0.5 ** weight;
    for (const t of [...inTitle, ...inText]) if (!terms.includes(t)) terms.push(t);
  }
  const vetoed = rules.none ? rules.none.find(`${title}\n${text}`) : [];
  const score = rules.groups.length ? total / rules.groups.length : 1;
  return {
    relevant: allMatched && vetoed.length === 0 && (rules.minScore === undefined || score >= rules.minScore),
    score: Math.round(score * 1000) / 1000,
    terms: [...terms, ...vetoed.filter((t, i, a) => a.indexOf(t) === i).map((t) => `-${t}`)],
  };
}
