// Text analysis for story matching: content words, named entities and numbers. Names come from a
// part-of-speech model (entities.ts); the word lists here normalise them so outlets' spellings meet.
import { properNounRuns, type NameRun } from './entities.js';

/** Function words and newsroom filler that carry no story identity. */
export const STOPWORDS = new Set(('a an the and or but if of to in on at by for from with without into onto over under ' +
  'about after before during since until while as than then so such that this these those there here it its ' +
  'he she they them their his her we our you your i me my is are was were be been being am has have had do does did ' +
  'will would shall should can could may might must not no nor also only just more most much many some any each ' +
  'other another both all few very what which who whom whose when where why how said says say told tell according ' +
  'new first last next one two three four five six seven eight nine ten year years week weeks day days month months ' +
  'today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may ' +
  'june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
  'mr ms mrs dr per cent percent around approximately ' +
  'roughly including include includes included however meanwhile still yet already even again further furthermore ' +
  'though although because whether between among against through across toward towards upon within out up down off ' +
  'do done make made take took taken get got go went come came well way ways time times part parts far near early late')
  .split(/\s+/));

/** Capitalised only because they open a sentence ("Expect Tokyo to...", "Asked about..."). */
const OPENERS = new Set(('expect asked speaking despite unlike given following ahead amid consider note meanwhile ' +
  'instead overall still yet perhaps indeed separately earlier later once now thus hence first second third finally').split(' '));

/** Person titles: a capitalised run is cut at them, so "Deputy Secretary Margaret Ellison" yields "margaret ellison". */
const TITLES = new Set(('honorable mr ms mrs dr minister ministers ministerial vice deputy secretary president prime chief ' +
  'ceo cabinet ambassador gen general adm admiral lt col colonel governor gov senator sen rep chairman chair chairwoman ' +
  'director undersecretary under assistant commander administrator spokesperson spokesman member board foreign ' +
  'defense defence state of for the and in on at to a an').split(/\s+/));

/** Capitalised words that are not names on their own (they still count inside a longer name). */
const GENERIC = new Set(('ministry department agency office council committee forces force government group corporation ' +
  'corp inc co ltd company bank university institute center centre national international talks talk meeting ' +
  'telephone summit joint statement command affairs operations news press conference plan program programme act law ' +
  'rule order north south east west northern southern eastern western self readout exercise training area base ' +
  'project agreement arrangement memorandum partnership forum framework division unit units service services ' +
  'economic economy trade industry security technology energy market markets sea island islands bay ' +
  'amendment commencement signing start field bilateral trilateral launch united states marine marines army navy air ' +
  'brigade regiment corps fleet artillery missile missiles system systems rocket advanced range medium high global ' +
  'officials official members participating regarding traders analysts experts residents critics deputies ' +
  'prefecture prefectural province state staff').split(/\s+/));

/** Spellings of one entity that outlets use interchangeably; keys are normalised, lower-case phrases. */
const ALIASES: Record<string, string> = {
  'united_states': 'united states', us: 'united states', usa: 'united states', america: 'united states',
  american: 'united states', americans: 'united states', japanese: 'japan', australian: 'australia',
  chinese: 'china', prc: 'china', beijing: 'china', philippine: 'philippines',
  filipino: 'philippines', manila: 'philippines', 'republic of korea': 'south korea', rok: 'south korea',
  seoul: 'south korea', 'south korean': 'south korea', 'north korean': 'north korea', dprk: 'north korea',
  pyongyang: 'north korea', russian: 'russia', moscow: 'russia', ukrainian: 'ukraine', ukrainians: 'ukraine',
  kyiv: 'ukraine', canberra: 'australia', 'united_nations': 'united nations', un: 'united nations',
  'united states forces japan': 'usfj', 'forces japan': 'usfj', 'joint operations command': 'jjoc',
  'aerospace exploration agency': 'jaxa', 'indo pacific command': 'indopacom', 'bank of japan': 'boj',
  'federal reserve': 'fed', 'ministry of economy': 'meti', 'bureau of industry': 'bis', 'national institute of standards': 'nist',
  'japan aerospace exploration agency': 'jaxa', 'department of energy': 'doe', 'energy department': 'doe',
  'security consultative committee': '2+2', twoplustwo: '2+2', 'department of defense': 'pentagon',
  'defense department': 'pentagon', 'japan joint operations command': 'jjoc',
};

// Spellings the alias table knows, on either side: never trimmed or split.
const KNOWN = new Set([...Object.keys(ALIASES), ...Object.values(ALIASES)]);

/** Rewrites dotted abbreviations into single tokens before tokenising, so "U.S.-Japan" splits cleanly. */
function preNormalise(text: string): string {
  return text
    .replace(/\bU\.\s?S\.(?:\s?A\.)?/g, 'United_States')
    .replace(/\bU\.\s?N\./g, 'United_Nations')
    .replace(/\b2\s?\+\s?2\b/g, 'TwoPlusTwo')
    .replace(/\bIndo-Pacific\b/g, 'Indo_Pacific')
    .replace(/\b(Ground|Maritime|Air) Self-Defen[cs]e Forces?\b/g, (_m, b: string) => `${b[0]}SDF`)
    .replace(/\bSelf-Defen[cs]e Forces?\b/g, 'SDF')
    .replace(/[’‘]/g, "'")
    // Japanese official style "Mr. OKABE Kenji" (family name in capitals first) → "Mr. Kenji Okabe".
    .replace(/\b(Mr|Ms|Mrs|Dr|Minister|Affairs|Ambassador|Secretary|Governor|President|Director)(\.?\s)([A-Z]{3,})\s([A-Z][a-z]+)\b/g,
      (_m, t: string, sp: string, fam: string, given: string) => `${t}${sp}${given} ${fam[0]}${fam.slice(1).toLowerCase()}`);
}

/** Light stemmer: plural endings only, so "talks"/"talk" and "deputies"/"deputy" meet. */
export function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}

/** Applies the alias table to one normalised phrase. */
export function alias(phrase: string): string {
  return ALIASES[phrase] ?? phrase;
}

/** Lower-case content words (stemmed, stopwords dropped, aliases applied) in text order. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of preNormalise(text).matchAll(/[\p{L}\p{N}]+(?:['_&][\p{L}\p{N}]+)*/gu)) {
    let w = m[0].toLowerCase().replace(/'s?$/, '');
    w = alias(w);
    if (w.length < 2 || STOPWORDS.has(w) || /^\d{1,2}$/.test(w)) continue;
    out.push(w.includes(' ') ? w.replaceAll(' ', '_') : stem(w));
  }
  return out;
}


const COUNTRIES = new Set(['united states', 'japan', 'china', 'australia', 'philippines', 'russia', 'ukraine', 'united nations']);
const country = (w: string): string | null => {
  const a = alias(w.replace(/_/g, ' '));
  return COUNTRIES.has(a) ? a : null;
};
/** Whether a normalised name is a country ("japan", "united states"). */
export const isCountry = (name: string): boolean => COUNTRIES.has(alias(name));
const add = (k: string, out: Map<string, number>): void => {
  out.set(k, (out.get(k) ?? 0) + 1);
};

/** Closes a capitalised run: cuts it at titles, emits the name and its distinctive words. */
function flush(run: string[], out: Map<string, number>): void {
  const parts: string[][] = [[]];
  for (const w of run) {
    if (TITLES.has(w) && w !== 'of') parts.push([]);
    else parts[parts.length - 1].push(w);
  }
  for (let p of parts) {
    while (p.length && (p[0] === 'of' || STOPWORDS.has(p[0]))) p = p.slice(1);
    while (p.length && p[p.length - 1] === 'of') p = p.slice(0, -1);
    // "Ichiro Kanzaki of Japan" (but not "Bank of Japan"): the country is its own entity.
    if (p.length > 2 && p[p.length - 2] === 'of' && country(p[p.length - 1]) && !KNOWN.has(p.join(' ').replace(/_/g, ' '))) {
      add(country(p[p.length - 1]) as string, out);
      p = p.slice(0, -2);
    }
    if (!p.length) continue;
    // "U.S. Indo-Pacific Command", "Japanese Foreign Minister ...": a leading country is a modifier.
    while (p.length > 1 && country(p[0])) {
      add(country(p[0]) as string, out);
      p = p.slice(1);
    }
    let raw = p.join(' ').replace(/_/g, ' ');
    if (!KNOWN.has(raw)) {
      // "Exercise Southern Kestrel", "Yausubetsu Training Area": the distinctive core is the name.
      while (p.length > 1 && (GENERIC.has(p[0]) || p[0] === 'of')) p = p.slice(1);
      while (p.length > 1 && (GENERIC.has(p[p.length - 1]) || p[p.length - 1] === 'of')) p = p.slice(0, -1);
      raw = p.join(' ').replace(/_/g, ' ');
    }
    const phrase = alias(raw);
    const words = p.filter((w) => w !== 'of');
    if (words.length === 1) {
      if (!GENERIC.has(phrase) && !STOPWORDS.has(phrase) && phrase.length > 1) add(phrase, out);
      continue;
    }
    add(phrase, out);
    if (phrase !== raw) continue; // an aliased phrase stands for itself alone
    for (const w of words) {
      const a = alias(w.replace(/_/g, ' '));
      if (!GENERIC.has(a) && !STOPWORDS.has(a) && a.length > 2) add(a, out);
    }
  }
}

/**
 * Named entities (people, organisations, places, events) with their mention counts. The names are the
 * model's proper-noun runs (entities.ts); the rules here only normalise them: cut at person titles, drop
 * generic words, apply aliases, so two outlets' spellings of one name meet.
 */
export function namedEntities(text: string): Map<string, number> {
  return entitiesOfRuns(nameRunsOf(text));
}

/** The model's proper-noun runs of a text, after the alias normalisation names are keyed by. */
export function nameRunsOf(text: string): NameRun[] {
  return properNounRuns(preNormalise(text));
}

/** Names and mention counts of runs from nameRunsOf (of one text, or the lead's runs of several). */
export function entitiesOfRuns(nameRuns: NameRun[]): Map<string, number> {
  const out = new Map<string, number>();
  // A lone name opening a sentence ("Officials", "Participating": the tagger's commonest slip) counts
  // only if the text also names it elsewhere.
  const initial = new Map<string, number>();
  for (const r of nameRuns) {
    // "Vice-Minister Kenji Okabe", "Hale-Kanzaki": hyphen-joined names are separate names.
    const runs: string[][] = [[]];
    for (const t of r.tokens) {
      const parts = /\p{L}-\p{L}/u.test(t) ? t.split('-') : [t];
      for (const [i, part] of parts.entries()) {
        if (i > 0) runs.push([]);
        runs[runs.length - 1].push(part.toLowerCase().replace(/\.$/, '').replace(/'s?$/, ''));
      }
    }
    for (const [k, run] of runs.entries()) {
      const start = r.sentenceStart && k === 0;
      const words = start && run.length && (STOPWORDS.has(run[0]) || OPENERS.has(run[0])) ? run.slice(1) : run;
      if (words.length) flush(words, start && words.length === 1 ? initial : out);
    }
  }
  for (const [e, n] of initial) if (out.has(e)) out.set(e, (out.get(e) ?? 0) + n);
  return out;
}

/** The normalised keys of one name as written ("Yausubetsu Training Area" → "yausubetsu"), as namedEntities gives them. */
export function nameKeys(name: string): string[] {
  const out = new Map<string, number>();
  const words = preNormalise(name).split(/[\s-]+/).map((t) => t.toLowerCase().replace(/\.$/, '').replace(/'s?$/, '')).filter(Boolean);
  if (words.length) flush(words, out);
  return [...out.keys()];
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const NUMBER = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(thousand|million|mn|billion|bn|trillion|tn|percent|per cent|%))?/gi;
const MONTH_BEFORE = /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s$/i;

/** Normalised amounts: "$1.5 billion" and "1,500 million" both give "1500000000"; "12 per cent" gives "12%"; years "y2027". */
export function numbers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(NUMBER)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index);
    if (/[\p{L}\d.,-]$/u.test(before) && !/[$¥€£]$/.test(before)) continue; // part of a name like SM-3 or a time
    const unit = (m[2] ?? '').toLowerCase();
    let v = Number(m[1].replace(/,/g, ''));
    const decimal = m[1].includes('.');
    if (unit === '%' || unit.startsWith('per')) {
      out.add(`${v}%`);
      continue;
    }
    if (SCALE[unit]) v *= SCALE[unit];
    else if (!decimal && v >= 1900 && v <= 2100 && !m[1].includes(',')) {
      out.add(`y${v}`);
      continue;
    } else if (!decimal && (v < 10 || (v <= 31 && MONTH_BEFORE.test(before)))) continue;
    out.add(String(Number(v.toPrecision(3))));
  }
  return [...out];
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth'];
// An ordinal, then up to three words, then a noun that numbers a recurring meeting ("the third round", "4th
// ministerial meeting", "second 2+2 session"). Case-insensitive; digits with st/nd/rd/th too.
const ROUND = new RegExp(`\\b(${ORDINAL_WORDS.join('|')}|\\d{1,3}(?:st|nd|rd|th))\\s+(?:[\\w+-]+\\s+){0,3}?` +
  '(round|rounds|meeting|session|dialogue|consultations?|summit|talks)\\b', 'gi');

/**
 * Which numbered meeting an item reports: the ordinals of "the third round", "4th meeting" ("3", "4").
 * Two items naming different rounds of the same talks report different events however alike they read.
 */
export function meetingRounds(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ROUND)) {
    const o = m[1].toLowerCase();
    const i = ORDINAL_WORDS.indexOf(o);
    out.add(String(i >= 0 ? i + 1 : parseInt(o, 10)));
  }
  return [...out].sort();
}
