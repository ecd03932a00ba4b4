/**
 * Checks that the names, numbers, dates and amounts in a draft appear in the source text (pure).
 * Demonyms are accepted for their country and back ("Japanese" ↔ "Japan") through a fixed table
 * only: the adjective names no new entity, and the table cannot widen to unrelated words.
 */
import type { Verification } from '../domain/types.js';
import { numberWordClaims, quoteClaims, wordFactsOf } from './verify-words.js';
import { checkNames, isTitleCase, normName, type Claim } from './verify-names.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const NUM = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const ORD = '(?:st|nd|rd|th)?';
const SCALE = '(thousand|million|billion|trillion|bn|mn|tn|[kmb](?![\\p{L}]))';
const CUR_WORD = '(dollars?|yen|euros?|pounds?|won|yuan)';

const RE = {
  moneyPre: new RegExp(`(?<![\\p{L}])(US|U\\.S\\.|A|C|HK|NZ)?([$¥€£₩])\\s?(${NUM})(?:\\s?${SCALE})?(?![\\p{L}\\p{N}])`, 'gu'),
  moneyPost: new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUM})(?:\\s?${SCALE})?\\s${CUR_WORD}(?![\\p{L}])`, 'giu'),
  percent: new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUM})\\s?(?:%|percent\\b|per cent\\b|pct\\b)`, 'giu'),
  dateMd: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD}(?:\\s*(?:-|–|and|to|through)\\s*(\\d{1,2})${ORD})?(?![\\p{N}])`, 'gu'),
  dateDm: new RegExp(`(?<![\\p{L}\\p{N}.,])(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'gu'),
  scaled: new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUM})\\s?(thousand|million|billion|trillion|bn|mn|tn)(?![\\p{L}])`, 'giu'),
  plain: new RegExp(`(?<![\\p{L}\\p{N}.,]|\\p{L}[-–])(${NUM})${ORD}(?![\\p{L}\\p{N}])`, 'gu'),
  anyNum: new RegExp(NUM, 'g'),
};

const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCY: Record<string, string> = {
  $: 'USD', dollar: 'USD', dollars: 'USD', '¥': 'JPY', yen: 'JPY', '€': 'EUR', euro: 'EUR', euros: 'EUR',
  '£': 'GBP', pound: 'GBP', pounds: 'GBP', '₩': 'KRW', won: 'KRW', yuan: 'CNY',
};
const PREFIX_CUR: Record<string, string> = { A: 'AUD', C: 'CAD', HK: 'HKD', NZ: 'NZD' };

const num = (s: string): number => Number(s.replace(/,/g, ''));
const scale = (s: string | undefined): number => (s ? SCALES[s.toLowerCase()] ?? 1 : 1);
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
const monthNo = (m: string): number => MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;
// A blanked claim keeps its length (offsets stay valid) and still separates the words around it.
const blank = (s: string, at: number, len: number): string => s.slice(0, at) + '¦'.padEnd(len, ' ') + s.slice(at + len);

interface Amount {
  value: number;
  currency: string | null;
}

/** Numeric facts of a text: amounts, percentages, month-day dates and every bare number. */
interface Facts {
  amounts: Amount[];
  percents: number[];
  dates: Set<string>;
  numbers: number[];
}

type Found = { at: number; len: number; text: string } & (
  | { kind: 'amount'; amount: Amount }
  | { kind: 'percent'; value: number }
  | { kind: 'date'; keys: string[] }
  | { kind: 'number'; value: number }
);

/** Finds numeric claims in order of specificity, blanking each match so it is read once. */
function scanNumbers(input: string): { found: Found[]; rest: string } {
  let s = input;
  const found: Found[] = [];
  const take = (re: RegExp, make: (m: RegExpMatchArray) => Found | null) => {
    for (const m of [...s.matchAll(re)]) {
      const f = make(m);
      if (f) found.push(f);
    }
    for (const f of found) s = blank(s, f.at, f.len);
  };
  const base = (m: RegExpMatchArray) => ({ at: m.index!, len: m[0].length, text: m[0].trim() });
  take(RE.moneyPre, (m) => {
    const cur = m[1] && PREFIX_CUR[m[1]] && m[2] === '$' ? PREFIX_CUR[m[1]] : CURRENCY[m[2]];
    return { ...base(m), kind: 'amount', amount: { value: num(m[3]) * scale(m[4]), currency: cur } };
  });
  take(RE.moneyPost, (m) => ({ ...base(m), kind: 'amount', amount: { value: num(m[1]) * scale(m[2]), currency: CURRENCY[m[3].toLowerCase()] } }));
  take(RE.percent, (m) => ({ ...base(m), kind: 'percent', value: num(m[1]) }));
  const dateKeys = (month: string, d1: string, d2: string | undefined) =>
    [d1, d2].filter((d): d is string => !!d).map((d) => `${monthNo(month)}-${Number(d)}`);
  take(RE.dateMd, (m) => ({ ...base(m), kind: 'date', keys: dateKeys(m[1], m[2], m[3]) }));
  take(RE.dateDm, (m) => ({ ...base(m), kind: 'date', keys: dateKeys(m[3], m[1], m[2]) }));
  take(RE.scaled, (m) => ({ ...base(m), kind: 'amount', amount: { value: num(m[1]) * scale(m[2]), currency: null } }));
  take(RE.plain, (m) => ({ ...base(m), kind: 'number', value: num(m[1]) }));
  return { found: found.sort((a, b) => a.at - b.at), rest: s };
}

/** Collects the numeric facts of the source. */
function factsOf(source: string): Facts {
  const facts: Facts = { amounts: [], percents: [], dates: new Set(), numbers: [] };
  for (const f of scanNumbers(source).found) {
    if (f.kind === 'amount') facts.amounts.push(f.amount);
    else if (f.kind === 'percent') facts.percents.push(f.value);
    else if (f.kind === 'date') f.keys.forEach((k) => facts.dates.add(k));
  }
  for (const m of source.matchAll(RE.anyNum)) facts.numbers.push(num(m[0]));
  return facts;
}

/** True when a numeric claim of the draft is backed by the source's facts. */
function supportedNumber(f: Found, facts: Facts): boolean {
  switch (f.kind) {
    case 'percent':
      return facts.percents.some((v) => same(v, f.value));
    case 'date':
      return f.keys.every((k) => facts.dates.has(k));
    case 'number':
      return facts.numbers.some((v) => same(v, f.value)) || facts.amounts.some((a) => same(a.value, f.value));
    case 'amount': {
      const { value, currency } = f.amount;
      const amounts = facts.amounts.some((a) => same(a.value, value) && (!currency || !a.currency || a.currency === currency));
      return amounts || (!currency && facts.numbers.some((v) => same(v, value)));
    }
  }
}

/**
 * Lists the names, numbers (in digits or words), ordinals, dates, amounts and quotes in a draft headline and
 * bullet that the source text does not support.
 */
export function verifyClaims(draft: { headline: string; bullet: string }, sourceText: string): Verification {
  const facts = factsOf(sourceText);
  const src = ` ${normName(sourceText)} `;
  const lowerWords = new Set(`${sourceText} ${draft.bullet}`.match(/(?<![\p{L}])\p{Ll}[\p{L}]*/gu) ?? []);
  const sourceLower = new Set(sourceText.match(/(?<![\p{L}])\p{Ll}[\p{L}]*/gu) ?? []);
  const unsupported: string[] = [];
  const seen = new Set<string>();
  const words = wordFactsOf(sourceText);
  for (const whole of [draft.headline, draft.bullet]) {
    // A quote the article does not contain is one finding; its words are not judged again.
    const quotes = quoteClaims(whole, sourceText);
    const part = quotes.filter((q) => !q.ok).reduce((s, q) => blank(s, q.at, q.len), whole);
    const { found, rest: digitsOut } = scanNumbers(part);
    // A bare number or ordinal in digits is also backed by the article's words ("12" by "twelve", "4th" by "fourth").
    const spelledOut = (f: Found) => f.kind === 'number' && (/\d(?:st|nd|rd|th)$/.test(f.text) ? words.ordinals : words.values).has(f.value);
    const claims: Claim[] = found.map((f) => ({ text: f.text, at: f.at, ok: supportedNumber(f, facts) || spelledOut(f) }));
    const spelled = numberWordClaims(digitsOut, words);
    const rest = spelled.reduce((s, w) => blank(s, w.at, w.len), digitsOut);
    claims.push(...quotes.filter((q) => !q.ok), ...spelled);
    const titleCase = whole === draft.headline && isTitleCase(whole);
    claims.push(...checkNames(rest, src, titleCase ? lowerWords : sourceLower, titleCase));
    for (const c of claims.sort((a, b) => a.at - b.at)) {
      const k = c.text.toLowerCase();
      if (c.ok || seen.has(k)) continue;
      seen.add(k);
      unsupported.push(c.text);
    }
  }
  return { unsupported };
}
