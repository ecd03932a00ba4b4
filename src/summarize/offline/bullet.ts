/**
 * Picks whole sentences for a one-paragraph extractive bullet of 60–170 words (pure): the lead item's lead
 * and its best supporting sentences, then, when another outlet of the story carries a fact the lead item
 * lacks (a number, a quote, a reaction), one sentence from it. No sentence twice, near-duplicates included.
 */
import { contentWords, cosine, scoreSentences, type Candidate } from './score.js';

/** Fewest words a digest bullet should have. */
export const MIN_WORDS = 60;
/** Most words a digest bullet may have. */
export const MAX_WORDS = 170;
/** The lead item's sentences stop once the bullet passes this many words (room for another outlet's fact). */
const TARGET_WORDS = 125;
const MAX_SENTENCES = 4;
const REDUNDANT = 0.6;
const WEAK = 0.4;

const isQuestion = (s: string): boolean => /\?["'”’)]*$/.test(s);

/** Counts whitespace-separated words. */
export const countWords = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Cuts an over-long sentence at the last clause boundary inside the budget and marks the cut with "…". */
export function trimSentence(text: string, max = MAX_WORDS): string {
  const words = text.split(/\s+/);
  if (words.length <= max) return text;
  const limit = max - 2;
  for (let i = limit; i >= MIN_WORDS; i--) {
    if (/[,;:]$/.test(words[i - 1]) || /^[—–]$|^--$/.test(words[i] ?? '')) {
      return `${words.slice(0, i).join(' ').replace(/[,;:]$/, '')}…`;
    }
  }
  return `${words.slice(0, limit).join(' ').replace(/[,;:.]$/, '')}…`;
}

/** Index of the first candidate that can open a bullet: a full statement, not a question or a quote fragment. */
export function leadIndex(cands: Candidate[]): number {
  const i = cands.findIndex((c) => c.words >= 8 && !isQuestion(c.text) && !/^["“‘]/.test(c.text));
  return i >= 0 ? i : 0;
}

/** True when most content words of the shorter sentence are in the longer one: the same statement twice. */
export function nearDuplicate(a: string, b: string): boolean {
  const [x, y] = [new Set(contentWords(a)), new Set(contentWords(b))];
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  if (!small.size) return a.trim() === b.trim();
  let shared = 0;
  for (const w of small) if (big.has(w)) shared++;
  return shared / small.size >= 0.8;
}

/** Drops later sentences that repeat an earlier one (releases restate their lead in the overview). */
export function dedupe(cands: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of cands) if (!kept.some((k) => nearDuplicate(k.text, c.text))) kept.push(c);
  return kept;
}

// What makes another outlet's sentence worth adding: numbers, a quotation, a reaction.
const NUMBER = /\d[\d,.]*/g;
const QUOTE = /["“][^"”]{8,}["”]/;
const REACTION = /\b(?:welcom|criticiz|criticis|protest|prais|condemn|oppos|urg|warn|call(?:ed|ing) (?:it|the|on)|vow|pledg|object|concern|told reporters|told \p{Lu})\w*/iu;
const WORD_NUMBER = /\b(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?)\b/gi;
// Sentences that need the one before them to make sense.
const LEANS_BACK = /^(?:he|she|it|they|this|that|these|those|but|and|also|however|meanwhile|still|yet|so|such|there)\b/i;

/** How much `sentence` adds to `known` (the lead item's text): 0 when it adds no number, quote or reaction. */
export function addedFact(sentence: string, known: string): number {
  const knownWords = new Set(contentWords(known));
  const words = contentWords(sentence);
  if (!words.length) return 0;
  const novelty = words.filter((w) => !knownWords.has(w)).length / words.length;
  if (novelty < 0.4) return 0;
  const knownNumbers = new Set((known.match(NUMBER) ?? []).map((n) => n.replace(/[,.]$/, '')));
  const knownLower = known.toLowerCase();
  const newNumbers = (sentence.match(NUMBER) ?? []).map((n) => n.replace(/[,.]$/, '')).filter((n) => !knownNumbers.has(n)).length
    + (sentence.match(WORD_NUMBER) ?? []).filter((w) => !new RegExp(`\\b${w}\\b`, 'i').test(knownLower)).length;
  const quote = QUOTE.exec(sentence);
  const newQuote = quote && !known.includes(quote[0].slice(1, 30)) ? 1 : 0;
  const reaction = REACTION.test(sentence) ? 1 : 0;
  if (!newNumbers && !newQuote && !reaction) return 0;
  return 2 * Math.min(newNumbers, 2) + 1.5 * newQuote + reaction + novelty;
}

/** The best sentence among the other outlets' candidates that adds a fact to `known`, if any. */
export function bestOtherSentence(others: Candidate[][], known: string, chosen: string[], room: number): Candidate | null {
  let best: Candidate | null = null;
  let bestScore = 0;
  for (const cands of others) {
    for (const c of cands) {
      if (c.words < 8 || c.words > Math.min(60, room) || isQuestion(c.text) || LEANS_BACK.test(c.text)) continue;
      if (chosen.some((t) => nearDuplicate(t, c.text))) continue;
      // Earlier sentences of an article carry its news; a small preference keeps ties in reading order.
      const score = addedFact(c.text, known) * (1 / (1 + 0.1 * c.index));
      if (score > bestScore) [best, bestScore] = [c, score];
    }
  }
  return best;
}

/**
 * Selects sentences: the lead item's lead always, then its best others in original order up to about 125
 * words (at least 60, at most 170), then one sentence from another outlet that adds a fact, if it fits;
 * when the lead item alone cannot reach 60 words, more of the other outlets' sentences fill it.
 */
export function buildBullet(input: Candidate[], title: string, others: Candidate[][] = [], leadText = ''): string {
  const cands = dedupe(input);
  if (!cands.length) return '';
  const { scores, vectors } = scoreSentences(cands, title);
  const lead = leadIndex(cands);
  if (cands[lead].words > MAX_WORDS) return trimSentence(cands[lead].text);
  const chosen = [lead];
  let total = cands[lead].words;
  const order = cands.map((_, i) => i).filter((i) => i !== lead).sort((a, b) => scores[b] - scores[a] || a - b);
  const tryAdd = (i: number, limit: number, budget: number) => {
    if (chosen.length >= limit || chosen.includes(i) || total + cands[i].words > budget) return;
    if (chosen.some((j) => cosine(vectors[i], vectors[j]) > REDUNDANT)) return;
    chosen.push(i);
    total += cands[i].words;
  };
  // First pass: full statements that score near the best, while the bullet is short of the target.
  const best = order.length ? scores[order[0]] : 0;
  const strong = (i: number) => cands[i].words >= 8 && !isQuestion(cands[i].text) && scores[i] >= WEAK * best;
  for (const i of order) if (strong(i) && total < TARGET_WORDS) tryAdd(i, MAX_SENTENCES, MAX_WORDS);
  // Short sentences: take more until the bullet reaches the minimum.
  for (const i of order) if (total < MIN_WORDS && !isQuestion(cands[i].text)) tryAdd(i, MAX_SENTENCES + 3, MAX_WORDS);
  // The lead opens the bullet; the rest follow in the article's order.
  const picked = [lead, ...chosen.filter((i) => i !== lead).sort((a, b) => a - b)].map((i) => cands[i].text);
  const known = leadText || cands.map((c) => c.text).join(' ');
  const extra = bestOtherSentence(others, known, picked, MAX_WORDS - total);
  if (extra) {
    picked.push(extra.text);
    total += extra.words;
  }
  // A lead item with too little news of its own (a release that is all fields): other outlets' statements
  // fill it up to the minimum, in their order, none repeating what is already said.
  for (const c of others.flat()) {
    if (total >= MIN_WORDS) break;
    if (c.words < 8 || total + c.words > MAX_WORDS || isQuestion(c.text) || LEANS_BACK.test(c.text)) continue;
    if (picked.some((t) => nearDuplicate(t, c.text))) continue;
    picked.push(c.text);
    total += c.words;
  }
  return picked.join(' ').replace(/\s+/g, ' ').trim();
}
