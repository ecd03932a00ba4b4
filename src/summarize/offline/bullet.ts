/** Picks the lead plus the best supporting sentences for a one-paragraph extractive bullet (pure). */
import { cosine, scoreSentences, type Candidate } from './score.js';

/** Fewest words a digest bullet should have. */
export const MIN_WORDS = 40;
/** Most words a digest bullet may have. */
export const MAX_WORDS = 120;
const MAX_SENTENCES = 3;
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

/** Selects sentences in original order: the lead always, then the best others that fit 40–120 words. */
export function buildBullet(cands: Candidate[], title: string): string {
  if (!cands.length) return '';
  const { scores, vectors } = scoreSentences(cands, title);
  const lead = leadIndex(cands);
  if (cands[lead].words > MAX_WORDS) return trimSentence(cands[lead].text);
  const chosen = [lead];
  let total = cands[lead].words;
  const order = cands.map((_, i) => i).filter((i) => i !== lead).sort((a, b) => scores[b] - scores[a] || a - b);
  const tryAdd = (i: number, limit: number) => {
    if (chosen.length >= limit || chosen.includes(i) || total + cands[i].words > MAX_WORDS) return;
    if (chosen.some((j) => cosine(vectors[i], vectors[j]) > REDUNDANT)) return;
    chosen.push(i);
    total += cands[i].words;
  };
  // First pass: only full statements that score near the best; questions and fragments wait for the fill pass.
  const best = order.length ? scores[order[0]] : 0;
  const strong = (i: number) => cands[i].words >= 8 && !isQuestion(cands[i].text) && scores[i] >= WEAK * best;
  for (const i of order) if (strong(i)) tryAdd(i, MAX_SENTENCES);
  // A short article or short sentences: take more until the bullet reaches the minimum.
  for (const i of order) if (total < MIN_WORDS) tryAdd(i, MAX_SENTENCES + 3);
  return chosen
    .sort((a, b) => a - b)
    .map((i) => cands[i].text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
