export { compileRules, scoreRelevance, type RelevanceRules, type CompiledRules } from './score.js';
export { compileTerms, isAllCaps, type TermMatcher } from './match.js';
export { compileEvidence, scoreEvidence, DEFAULT_MIN_SCORE, type GlossaryEntry, type CompiledEvidence } from './glossary.js';
