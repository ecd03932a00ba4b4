/**
 * Grounding checks on words rather than digits (pure): written-out numbers ("three-day", "a dozen",
 * "twenty-five"), ordinals ("the fourth round") and quoted text, each of which must be in the source.
 */

const CARDINALS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS: Record<string, number> = {
  second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, twentieth: 20, thirtieth: 30,
};
const UNITS_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
const WORD_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:(half\\s+a\\s+dozen|a\\s+dozen)|(${Object.keys(TENS).join('|')})(?:[-\\s](${UNITS_WORD}))?` +
    `|(${Object.keys(CARDINALS).join('|')}))(?:\\s+hundred)?(?![\\p{L}\\p{N}])`,
  'giu',
);
const WORD_ORDINAL = new RegExp(`(?<![\\p{L}\\p{N}-])(${Object.keys(ORDINALS).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
const DIGIT_ORDINAL = /(?<![\p{L}\p{N}.,])(\d{1,3})(?:st|nd|rd|th)(?![\p{L}\p{N}])/gu;
const DIGITS = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\p{N}])/gu;
const UNIT_VALUE: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };

// "The two countries" names the pair the article is about, not a count it states.
const PAIR = /^the two (?:countries|nations|allies|sides|governments|leaders|partners)\b/i;

export interface WordClaim {
  text: string;
  at: number;
  len: number;
  ok: boolean;
}

function cardinals(text: string): { value: number; at: number; len: number; text: string }[] {
  const out: { value: number; at: number; len: number; text: string }[] = [];
  for (const m of text.matchAll(WORD_NUMBER)) {
    let value: number;
    if (m[1]) value = /^half/i.test(m[1]) ? 6 : 12;
    else if (m[2]) value = TENS[m[2].toLowerCase()] + (m[3] ? UNIT_VALUE[m[3].toLowerCase()] : 0);
    else value = CARDINALS[m[4].toLowerCase()];
    if (/hundred$/i.test(m[0])) value *= 100;
    out.push({ value, at: m.index!, len: m[0].length, text: m[0] });
  }
  return out;
}

function ordinals(text: string): { value: number; at: number; len: number; text: string }[] {
  return [...text.matchAll(WORD_ORDINAL)].map((m) => ({ value: ORDINALS[m[1].toLowerCase()], at: m.index!, len: m[0].length, text: m[0] }));
}

/** The values a source states, as digits or words, and the ordinals it states. */
export interface WordFacts {
  values: Set<number>;
  ordinals: Set<number>;
}

export function wordFactsOf(source: string): WordFacts {
  const values = new Set<number>();
  for (const m of source.matchAll(DIGITS)) values.add(Number(m[1].replace(/,/g, '')));
  for (const c of cardinals(source)) values.add(c.value);
  const ords = new Set<number>(ordinals(source).map((o) => o.value));
  for (const m of source.matchAll(DIGIT_ORDINAL)) ords.add(Number(m[1]));
  return { values, ordinals: ords };
}

/**
 * Written-out numbers and ordinals of a draft, each checked against the source's values: "three-day" is
 * backed by "three days" or "3-day", "a dozen" by "12", "the fourth round" by "fourth" or "4th". "One"
 * and "first" are too often not numbers ("one of", "for the first time") to be claims.
 */
export function numberWordClaims(text: string, facts: WordFacts): WordClaim[] {
  const claims: WordClaim[] = cardinals(text).map((c) => ({ text: c.text, at: c.at, len: c.len,
    ok: facts.values.has(c.value) || (c.value === 2 && PAIR.test(text.slice(Math.max(0, c.at - 4), c.at + c.len + 14))) }));
  for (const o of ordinals(text)) claims.push({ text: o.text, at: o.at, len: o.len, ok: facts.ordinals.has(o.value) });
  return claims;
}

/** Lower-case words and digits only, so quote marks, dashes and spacing do not matter. */
const normQuote = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[‘’`´]/g, "'")
  .replace(/'s?(?![\p{L}])/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

// Double quotes of any style; curly single quotes only when they open after a space (not an apostrophe).
const QUOTE = /[“"]([^“”"\n]{2,400}?)[”"]|(?<=^|[\s(])‘([^‘’\n]{2,400}?)’(?![\p{L}])/gu;

/**
 * Quoted passages of a draft, each of which must appear in the source (after normalising marks and case);
 * a quote cut with an ellipsis is checked part by part.
 */
export function quoteClaims(text: string, source: string): WordClaim[] {
  const src = ` ${normQuote(source)} `;
  const claims: WordClaim[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const inner = m[1] ?? m[2];
    const parts = inner.split(/\.{3}|…/).map(normQuote).filter((p) => /\p{L}/u.test(p));
    if (!parts.length) continue;
    const ok = parts.every((p) => src.includes(` ${p} `));
    claims.push({ text: m[0], at: m.index!, len: m[0].length, ok });
  }
  return claims;
}
