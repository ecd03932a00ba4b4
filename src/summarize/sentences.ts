/** Sentence splitting tuned for English news copy (pure). */

/** Abbreviations that never end a sentence: titles, "e.g.", "vs.". */
const NEVER_END = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'adm', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'cdr', 'sgt', 'cpl',
  'pvt', 'sen', 'sens', 'rep', 'reps', 'gov', 'rev', 'hon', 'pres', 'amb', 'supt', 'st', 'mt', 'ft', 'vs',
  'e.g', 'i.e', 'cf', 'approx', 'dept', 'lt.gen', 'lt.col', 'messrs', 'mme',
]);

/** Abbreviations that stay attached to a following number: "No. 2", "Sept. 11". */
const BEFORE_NUMBER = new Set([
  'no', 'nos', 'art', 'p', 'pp', 'vol', 'fig', 'ch', 'sec',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Abbreviations that often end a sentence too ("based in the U.S. The ..."). */
const AMBIGUOUS = new Set(['inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'jr', 'sr', 'etc', 'a.m', 'p.m']);

/** Words that typically open a sentence; after an ambiguous abbreviation they signal a break. */
const STARTERS = new Set([
  'the', 'a', 'an', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those',
  'there', 'his', 'her', 'their', 'our', 'in', 'on', 'at', 'but', 'and', 'or', 'so', 'yet', 'however',
  'meanwhile', 'also', 'as', 'after', 'before', 'while', 'when', 'if', 'although', 'though', 'since',
  'for', 'with', 'under', 'according', 'both', 'some', 'many', 'most', 'such', 'still', 'then', 'thus',
  'moreover', 'separately', 'earlier', 'later', 'last', 'next', 'what', 'why', 'how', 'who', 'officials',
]);

// A terminator run, optional closing quotes/brackets, whitespace, then a capital, digit, amount or opening quote.
const BOUNDARY = /([.!?…]+)(["'”’)\]]*)(\s+)(?=["'“‘(\[]?(?:[\p{Lu}\p{N}]|[$€£¥]\p{N}))/gu;
// Chinese and Japanese full stops end a sentence, unless a quotative particle continues it (「…。」と述べた).
const CJK_BOUNDARY = /(?<=[。！？]+[」』）”]*)(?![。！？」』）”と、])/u;

/** True when the text after a candidate boundary looks like the start of a new sentence. */
function startsSentence(next: string): boolean {
  if (/^["“‘(\[]/.test(next)) return true;
  const word = /^[\p{L}']+/u.exec(next)?.[0].toLowerCase() ?? '';
  return STARTERS.has(word);
}

/** Decides whether the terminator `stop` found at `start`, followed by the text `next`, closes a sentence. */
function isBreak(para: string, start: number, stop: string, next: string): boolean {
  if (stop.includes('!') || stop.includes('?')) return true;
  if (stop.length > 1 || stop === '…') return startsSentence(next); // ellipsis: only before a clear opener
  const before = para.slice(0, start);
  const token = (/(\S+)$/.exec(before)?.[1] ?? '').replace(/^["'“‘(\[]+/, '');
  const key = token.toLowerCase();
  if (!token) return true;
  if (NEVER_END.has(key)) return false;
  if (BEFORE_NUMBER.has(key)) return !/^\p{N}/u.test(next);
  if (/^\p{Lu}$/u.test(token)) return startsSentence(next); // an initial: "John F. Kennedy"
  if (AMBIGUOUS.has(key) || /^(?:\p{L}\.)+\p{L}$/u.test(token)) return startsSentence(next); // "U.S", "U.K"
  return true;
}

/** Splits one paragraph (no blank lines inside) into sentences. */
function splitParagraph(text: string): string[] {
  const para = text.trim();
  const out: string[] = [];
  let from = 0;
  for (const m of para.matchAll(BOUNDARY)) {
    const at = m.index!;
    const next = para.slice(at + m[0].length);
    if (!isBreak(para, at, m[1], next)) continue;
    const end = at + m[1].length + m[2].length;
    out.push(para.slice(from, end));
    from = end;
  }
  out.push(para.slice(from));
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0);
}

/** Splits news text into paragraphs, each a list of sentences (empty paragraphs dropped). */
export function splitParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim().split(CJK_BOUNDARY).flatMap(splitParagraph))
    .filter((p) => p.length > 0);
}

/** Splits news text into sentences; a blank line (paragraph break) always ends a sentence. */
export function splitSentences(text: string): string[] {
  return splitParagraphs(text).flat();
}
