/**
 * Checks that the names, numbers, dates and amounts in a draft appear in the source text (pure).
 * Demonyms are accepted for their country and back ("Japanese" ↔ "Japan") through a fixed table
 * only: the adjective names no new entity, and the table cannot widen to unrelated words.
 */
import type { Verification } from '../domain/types.js';
import { numberWordClaims, quoteClaims, wordFactsOf } from './verify-words.js';

interface Claim {
  text: string;
  at: number;
  ok: boolean;
}

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

// ---- names ----

const ALIASES: [RegExp, string][] = [
  // The final dot is optional: a name cut out of "Japan-U.S. talks" ends "U.S".
  [/(?<![\p{L}\p{N}])U\.S\.?(?:A\.?)?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])USA?(?![\p{L}\p{N}])/gu, ' united states '],
  [/(?<![\p{L}\p{N}])U\.K\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])UK(?![\p{L}\p{N}])/gu, ' united kingdom '],
  [/(?<![\p{L}\p{N}])U\.N\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])UN(?![\p{L}\p{N}])/gu, ' united nations '],
  [/(?<![\p{L}\p{N}])E\.U\.?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])EU(?![\p{L}\p{N}])/gu, ' european union '],
  [/(?<![\p{L}\p{N}.])PM(?![\p{L}\p{N}])/gu, ' prime minister '],
  [/&/g, ' and '],
];
const TITLE_ABBR: Record<string, string> = {
  Adm: 'admiral', Gen: 'general', Lt: 'lieutenant', Col: 'colonel', Maj: 'major', Capt: 'captain', Cmdr: 'commander',
  Sgt: 'sergeant', Sen: 'senator', Rep: 'representative', Gov: 'governor', Pres: 'president', Amb: 'ambassador',
  Prof: 'professor', Dept: 'department', Corp: 'corporation', Inc: 'incorporated', Ltd: 'limited', Co: 'company', Mt: 'mount',
  Jan: 'january', Feb: 'february', Mar: 'march', Apr: 'april', Jun: 'june', Jul: 'july', Aug: 'august',
  Sep: 'september', Sept: 'september', Oct: 'october', Nov: 'november', Dec: 'december',
};
const ABBR_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(TITLE_ABBR).join('|')})\\.`, 'gu');

const DEMONYMS = new Map<string, string[]>(Object.entries({
  japanese: ['japan'], american: ['united states'], australian: ['australia'], chinese: ['china'], korean: ['korea'],
  russian: ['russia'], ukrainian: ['ukraine'], taiwanese: ['taiwan'], indian: ['india'], british: ['united kingdom', 'britain'],
  french: ['france'], german: ['germany'], canadian: ['canada'], philippine: ['philippines'], filipino: ['philippines'],
  vietnamese: ['vietnam'], indonesian: ['indonesia'], european: ['europe', 'european union'], hawaiian: ['hawaii'],
}));

const STOPWORDS = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'as', 'after', 'before',
  'while', 'when', 'but', 'also', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'it', 'he', 'she',
  'they', 'we', 'both', 'meanwhile', 'separately', 'however', 'all', 'some', 'over', 'under', 'amid', 'into', 'during',
  'is', 'are', 'was', 'were', 'will', 'has', 'have', 'de', 'du', 'van', 'von', 'del', 'la', 'le', 'half', 'most',
  'many', 'several', 'each', 'every', 'no', 'none', 'one', 'two', 'three', 'four', 'five', 'first', 'second', 'third',
  'last', 'next', 'other', 'such', 'only', 'still', 'yet', 'then', 'thus', 'instead', 'indeed', 'overall', 'today',
  'yesterday', 'tomorrow', 'earlier', 'later', 'once', 'if', 'although', 'though', 'because', 'since', 'until',
  'despite', 'according', 'among', 'between', 'following', 'ahead', 'across', 'beyond', 'within', 'without', 'what',
  'why', 'how', 'who', 'where', 'which', 'there', 'here', 'our', 'my', 'your', 'you', 'i', 'not', 'so', 'now',
]);
const CONNECTORS = new Set(['of', 'the', 'and', '&', 'for', 'de', 'du', 'van', 'von', 'del', 'la', 'on']);

/** Lower-cased word string with aliases expanded, possessives and punctuation removed. */
function normName(s: string): string {
  let t = s.replace(/[‘’`´]/g, "'");
  for (const [re, to] of ALIASES) t = t.replace(re, to);
  t = t.replace(ABBR_RE, (_m, a: string) => ` ${TITLE_ABBR[a]} `);
  t = t.replace(/(\p{L})'s?(?![\p{L}])/gu, '$1');
  return t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

interface Unit {
  at: number;
  end: number;
  norm: string;
  initial: boolean;
  raw: string;
}

/** Splits text into runs of capitalised words (with connectors between them), in order. */
function capitalisedRuns(text: string): Unit[][] {
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  let pending: Unit[] = [];
  let initial = true;
  const flush = () => {
    if (run.length) runs.push(run);
    [run, pending] = [[], []];
  };
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*|[^\s\p{L}\p{N}]+/gu)) {
    let tok = m[0];
    const at = m.index!;
    if (!/^[\p{L}\p{N}]/u.test(tok)) {
      if (tok === '&') pending.push({ at, end: at + 1, norm: 'and', initial: false, raw: tok });
      else flush();
      if (/[.!?:;“"‘(]/.test(tok)) initial = true;
      continue;
    }
    let ends = false;
    if (tok.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(tok) && !Object.hasOwn(TITLE_ABBR, tok.slice(0, -1))) [tok, ends] = [tok.slice(0, -1), true];
    tok = tok.replace(/['’]s?$/u, '').replace(/-+$/, '');
    const parts = tok.split(/-(?=\p{L})/u);
    let off = at;
    for (const [i, part] of parts.entries()) {
      const unit: Unit = { at: off, end: off + part.length, norm: normName(part), initial: initial && i === 0, raw: part };
      off += part.length + 1;
      if (/^\p{Lu}/u.test(part)) {
        if (run.length) run.push(...pending);
        pending = [];
        run.push(unit);
      } else if (run.length && CONNECTORS.has(part.toLowerCase())) pending.push(unit);
      else flush();
    }
    initial = false;
    if (ends) {
      flush();
      initial = true;
    }
  }
  flush();
  return runs;
}

/** Finds the capitalised names of `text` that the normalised source does not contain. */
function checkNames(text: string, src: string, lowerWords: Set<string>, titleCase: boolean): Claim[] {
  const has = (phrase: string) => phrase.length > 0 && src.includes(` ${phrase} `);
  const demonym = (w: string) => {
    const single = w.endsWith('s') && DEMONYMS.has(w.slice(0, -1)) ? w.slice(0, -1) : w;
    if (DEMONYMS.get(single)?.some(has)) return true;
    return [...DEMONYMS].some(([d, places]) => places.includes(w) && has(d));
  };
  const claims: Claim[] = [];
  for (let run of capitalisedRuns(text)) {
    const first = run[0];
    const lower = first.raw.toLowerCase();
    // An ordinary word capitalised only because it opens a sentence; acronyms ("US") are always names.
    const ordinary = STOPWORDS.has(lower) || (lowerWords.has(lower) && /^\p{Lu}\p{Ll}*$/u.test(first.raw));
    if (first.initial && ordinary) run = run.slice(1);
    const bad: boolean[] = run.map(() => false);
    for (let i = 0; i < run.length; ) {
      let j = run.length;
      while (j > i && !has(run.slice(i, j).map((u) => u.norm).join(' '))) j--;
      if (j > i) i = j;
      else {
        const w = run[i].norm;
        // In a Title Case headline every word is capitalised; one used as an ordinary word elsewhere is not a name.
        const common = titleCase && lowerWords.has(w);
        bad[i] = !STOPWORDS.has(w) && !CONNECTORS.has(w) && w !== '' && !common && !demonym(w);
        i++;
      }
    }
    for (let i = 0; i < run.length; i++) {
      if (!bad[i]) continue;
      let k = i;
      while (k + 1 < run.length && bad[k + 1]) k++;
      claims.push({ text: text.slice(run[i].at, run[k].end), at: run[i].at, ok: false });
      i = k;
    }
  }
  return claims;
}

/** True for "Leaders Vow Closer Ties" style headlines: most longer words capitalised. */
function isTitleCase(headline: string): boolean {
  const long = headline.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.7;
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
