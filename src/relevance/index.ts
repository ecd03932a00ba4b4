export { compileRules, scoreRelevance, type RelevanceRules, type CompiledRules } from './score.js';
export { compileTerms, isAllCaps, type TermMatcher } from './match.js';
