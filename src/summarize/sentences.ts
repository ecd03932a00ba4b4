/**
 * Sentence splitting for news copy (pure): ICU's sentence segmenter (`Intl.Segmenter`, Unicode UAX #29,
 * maintained with Node's ICU) proposes the boundaries, and a guard for news abbreviations takes back the
 * ones that are not: "U.S." / "Japan-U.S." before a name, "Mr.", "Gen.", "No. 2", "Jan. 5", initials
 * ("J. Smith"), and full stops inside a quotation that goes on. ICU already handles decimals (3.5) and
 * Japanese and Chinese 。！？; the few boundaries it never proposes (a full stop before a number or "$10",
 * an ellipsis before "But") are added and judged by the same guard. Measured against wink-nlp's splitter on the draft set: ICU plus the guard
 * got every case of test/summarize/offline-sentences.test.ts right and runs several times faster.
 */

/** Abbreviations that never end a sentence: titles, "e.g.", "vs.". */
const NEVER_END = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'adm', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'cdr', 'sgt', 'cpl',
  'pvt', 'sen', 'sens', 'rep', 'reps', 'gov', 'rev', 'hon', 'pres', 'amb', 'supt', 'st', 'mt', 'ft', 'vs',
  'e.g', 'i.e', 'cf', 'approx', 'dept', 'lt.gen', 'lt.col', 'messrs', 'mme', 'ext', 'tel',
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

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });
const CJK_STOP = /[。！？][」』）”]*$/u;
// After a CJK full stop, a quotative particle or a comma continues the sentence (「…。」と述べた).
const CJK_GOES_ON = /^[と、」』）”]/u;
const TERMINATOR = /([.!?…]+)(["'”’)\]]*)$/u;

/** True when the text after a candidate boundary looks like the start of a new sentence. */
function startsSentence(next: string): boolean {
  if (/^["“‘(\[]/.test(next)) return true;
  const word = /^[\p{L}']+/u.exec(next)?.[0].toLowerCase() ?? '';
  return STARTERS.has(word);
}

/** True when a double quotation opened in `sentence` is not closed yet and closes later in `rest`. */
function insideQuote(sentence: string, rest: string): boolean {
  const curly = (sentence.match(/“/g)?.length ?? 0) - (sentence.match(/”/g)?.length ?? 0);
  if (curly > 0) return rest.includes('”');
  const straight = sentence.match(/"/g)?.length ?? 0;
  if (straight % 2 === 1) return rest.includes('"');
  const cjk = (sentence.match(/「/g)?.length ?? 0) - (sentence.match(/」/g)?.length ?? 0);
  return cjk > 0 && rest.includes('」');
}

/** Decides whether ICU's boundary between `sentence` (text so far) and `rest` (the paragraph after it) ends a sentence. */
function isBreak(sentence: string, rest: string): boolean {
  const before = sentence.trimEnd();
  const next = rest.trimStart();
  if (!next) return true;
  if (insideQuote(before, next)) return false;
  if (CJK_STOP.test(before)) return !CJK_GOES_ON.test(next);
  const m = TERMINATOR.exec(before);
  if (!m) return false; // ICU also breaks at other marks; a news sentence ends only at . ! ? …
  if (/^\p{Ll}/u.test(next)) return false;
  const stop = m[1];
  if (stop.includes('!') || stop.includes('?')) return true;
  if (stop.length > 1 || stop === '…') return startsSentence(next); // ellipsis: only before a clear opener
  const head = before.slice(0, before.length - m[0].length);
  // The word before the full stop, without opening quotes and without a hyphenated prefix ("Japan-U.S" → "U.S").
  const token = (/(\S+)$/.exec(head)?.[1] ?? '').replace(/^["'“‘(\[]+/, '').replace(/^.*[-–/]/, '');
  const key = token.toLowerCase();
  if (!token) return true;
  if (NEVER_END.has(key)) return false;
  if (BEFORE_NUMBER.has(key)) return !/^\p{N}/u.test(next);
  if (/^\p{Lu}$/u.test(token)) return startsSentence(next); // an initial: "John F. Kennedy", "J. Smith"
  if (AMBIGUOUS.has(key) || /^(?:\p{L}\.)+\p{L}$/u.test(token)) return startsSentence(next); // "U.S", "U.K", "D.C"
  return true;
}

// Boundaries ICU does not propose: before a number or an amount ("ships. 1,500 aircraft", "himself. $10"),
// and after an ellipsis ("hard… But"); the guard decides these like the others.
const EXTRA = /[.!?…]["'”’)\]]*\s+(?=["'“‘(\[]?(?:\p{Lu}|\p{N}|[$€£¥]\p{N}))/gu;

/** Candidate boundary offsets in `para`: ICU's sentence breaks plus EXTRA, in order. */
function candidates(para: string): number[] {
  const at = new Set<number>();
  for (const { index } of SEGMENTER.segment(para)) if (index > 0) at.add(index);
  for (const m of para.matchAll(EXTRA)) at.add(m.index! + m[0].length);
  return [...at].sort((a, b) => a - b);
}

/** Splits one paragraph (no blank lines inside) into sentences. */
function splitParagraph(text: string): string[] {
  const para = text.replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  let from = 0;
  for (const at of candidates(para)) {
    if (at <= from || !isBreak(para.slice(from, at), para.slice(at))) continue;
    out.push(para.slice(from, at));
    from = at;
  }
  out.push(para.slice(from));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Splits news text into paragraphs, each a list of sentences (empty paragraphs dropped). */
export function splitParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(splitParagraph)
    .filter((p) => p.length > 0);
}

/** Splits news text into sentences; a blank line (paragraph break) always ends a sentence. */
export function splitSentences(text: string): string[] {
  return splitParagraphs(text).flat();
}
