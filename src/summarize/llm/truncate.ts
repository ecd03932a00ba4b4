/**
 * Token counting (gpt-tokenizer, o200k_base) and cutting an article to the input budget while
 * keeping what the summary needs: the lead paragraphs and every paragraph that carries a
 * relevance term, in their original order.
 */
import { decode, encode, isWithinTokenLimit } from 'gpt-tokenizer';
import { compileTerms } from '../../relevance/match.js';

// Article text may contain "<|endoftext|>" and the like; count it as plain text instead of throwing.
const PLAIN = { disallowedSpecial: new Set<string>() };

/** Paragraphs always kept, budget permitting: news copy puts who/what/when/where first. */
const LEAD_PARAGRAPHS = 2;
/** Placed where paragraphs were left out, so the model knows the text is not continuous. */
const GAP = '[…]';

/** Number of tokens in `text` (o200k_base, the encoding of current OpenAI models; an estimate for others). */
export function countTokens(text: string): number {
  return encode(text, PLAIN).length;
}

/** True when `text` fits in `limit` tokens; stops encoding early on long texts. */
export function fitsTokens(text: string, limit: number): boolean {
  return isWithinTokenLimit(text, limit, PLAIN) !== false;
}

/** The first `limit` tokens of `text`, cut back to a word boundary. */
function headTokens(text: string, limit: number): string {
  const cut = decode(encode(text, PLAIN).slice(0, Math.max(0, limit))).replace(/\uFFFD+$/, '');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > cut.length / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()} …`;
}

/** Joins chosen paragraphs in original order, marking every gap. */
function assemble(paras: string[], chosen: Set<number>): string {
  const out: string[] = [];
  let prev = -1;
  for (let i = 0; i < paras.length; i++) {
    if (!chosen.has(i)) continue;
    if (i !== prev + 1) out.push(GAP);
    out.push(paras[i]);
    prev = i;
  }
  if (prev !== paras.length - 1 && out.length) out.push(GAP);
  return out.join('\n\n');
}

/**
 * Cuts `text` (paragraphs separated by blank lines) to at most `maxTokens` tokens. Priority:
 * the lead paragraphs, then paragraphs matching `terms`, then the rest; the kept paragraphs stay
 * in article order. A lead paragraph too long on its own is cut at the budget.
 */
export function fitArticle(text: string, terms: string[], maxTokens: number): string {
  if (fitsTokens(text, maxTokens)) return text;
  const paras = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const matcher = compileTerms(terms);
  const lead = paras.map((_, i) => i).filter((i) => i < LEAD_PARAGRAPHS);
  const termed = paras.map((_, i) => i).filter((i) => i >= LEAD_PARAGRAPHS && matcher.find(paras[i]).length > 0);
  const rest = paras.map((_, i) => i).filter((i) => !lead.includes(i) && !termed.includes(i));
  const order = [...lead, ...termed, ...rest];
  const cost = paras.map(countTokens);
  const SEPARATOR_COST = countTokens(`\n\n${GAP}\n\n`);

  if (cost[0] + SEPARATOR_COST > maxTokens) return headTokens(paras[0], maxTokens - SEPARATOR_COST);
  const chosen = new Set<number>();
  const picked: number[] = [];
  let used = 0;
  for (const i of order) {
    // Each paragraph may add a separator and a gap marker; counting both keeps the sum an upper bound.
    if (used + cost[i] + SEPARATOR_COST > maxTokens) continue;
    chosen.add(i);
    picked.push(i);
    used += cost[i] + SEPARATOR_COST;
  }
  // Token counts of joined text can differ slightly from the sum of parts: check the real thing.
  let out = assemble(paras, chosen);
  while (!fitsTokens(out, maxTokens) && picked.length > 1) {
    chosen.delete(picked.pop()!);
    out = assemble(paras, chosen);
  }
  return out;
}
