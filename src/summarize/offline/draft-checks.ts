/**
 * Checks a draft (headline + bullet) against the digest's rules, independently of how it was made (pure).
 *
 * `draftChecks(summary, input)` measures one draft; `draftFigures(checks)` sums many into the figures
 * `npm run eval` prints under "drafts". The patterns here are written apart from the summarizer's own
 * cleaning rules on purpose, so a rule the summarizer forgets shows up as a hit instead of passing by
 * construction. Every figure is about the draft only; the input is read to find where sentences came from.
 */
import type { Summary, SummaryInput } from '../../domain/types.js';
import { splitSentences } from '../sentences.js';

/** Digest limits: bullet words and headline words. */
export const BULLET_MIN = 60;
export const BULLET_MAX = 170;
export const HEADLINE_MIN = 6;
export const HEADLINE_MAX = 14;

/** What one draft scores. */
export interface DraftCheck {
  /** Every bullet sentence starts and ends where a sentence of its source starts and ends (no "…" cut). */
  whole_sentence: boolean;
  /** Bullet sentences that begin or end inside a source sentence (e.g. cut after "Japan-U.S."). */
  fragments: string[];
  bullet_words: number;
  /** 60–170 words; null when the sources hold fewer than 60 words of sentences (a short item). */
  bullet_in_range: boolean | null;
  headline_words: number;
  headline_in_range: boolean;
  /** The headline ends with a full stop (not one closing "U.S."). */
  headline_period: boolean;
  /** The headline is still a release label ("Holding of…", "Press Release") or a dateline. */
  headline_label: boolean;
  /** Release scaffolding and closing boilerplate found in the bullet, as matched. */
  boilerplate_hits: string[];
  /** Names with a surname in capitals ("NAKAZONO Keiji") left in the bullet or headline. */
  surname_caps: string[];
  /** Pairs of bullet sentences that say the same thing (same or nearly the same words). */
  duplicate_sentences: number;
  /** Bullet sentences found in no source (lead or other outlets): invented or altered text. */
  not_in_source: string[];
  /** Bullet sentences taken from another outlet of the story (not the lead item). */
  from_others: number;
}

/** Sums of many drafts: shares in 0..1, counts as totals. */
export interface DraftFigures {
  drafts: number;
  whole_sentence: number;
  bullet_in_range: number;
  /** Drafts whose sources were long enough for the 60–170 rule. */
  bullet_range_applicable: number;
  headline_in_range: number;
  headline_period: number;
  headline_label: number;
  boilerplate_hits: number;
  surname_caps: number;
  duplicate_sentences: number;
  not_in_source: number;
  from_others: number;
  bullet_words_median: number;
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

// Release scaffolding: list labels, field labels, "as follows", readout preambles; closing lines and contacts.
const BOILERPLATE: RegExp[] = [
  /\bas follows\b/i,
  /\b(?:Purpose|Period|Date and time|Dates?|Venue|Locations?|Participants|Participating (?:units|forces)|Main (?:training )?items|Training areas?|Overview|Outline|Main findings|Contact|Inquiries|Japanese side|U\.S\. side)\s*:/i,
  /\((?:Reference|Note|PDF)\)/i,
  /(?:^|\s)\(\d{1,2}\)\s/,
  /(?:^|[.:!?]["”]?\s)(?<!(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Nos)\.\s)\d{1,2}\.\s+\p{Lu}/u,
  /(?:^|\s)[•·▪●]\s/,
  /\b(?:The )?(?:Ministry|Government of Japan|Joint Staff|Agency|Department|METI|MOFA|MOD|JETRO)\b[^.]{0,60}\bwill (?:continue to|make every effort)\b/,
  /\bfor (?:more )?(?:information|inquiries|details)\b/i,
  /\bplease contact\b/i,
  /\b(?:Tel|Phone|Fax|E-?mail)\s*[:.]/i,
  /\b\d{2,4}-\d{3,4}-\d{4}\b/,
  /[\w.-]+@[\w-]+\.[\w.]+/,
  /https?:\/\/|\bwww\.|\bvisit [\w-]+\.(?:org|com|gov|jp)\b/i,
  /\b(?:Reporting|Editing|Writing) by\b/i,
  /^\p{Lu}[\p{Lu} ,.'-]{2,}(?:,\s*[\p{L} .]+)?\s*(?:\([^)]*\))?\s*(?:--|—|–)/u,
  /\((?:Kyodo|Reuters|AP|AFP|Jiji(?: Press)?|Yonhap|Bloomberg)\)\s*(?:--|—|–|-)/,
  /\battributable to\b/i,
  /\bprovided the following readout\b/i,
  /(?:^|\.\s)(?:Dr\.|Mr\.|Ms\.)?\s?(?:\p{Lu}[\p{L}'-]+\s){1,3}is (?:a |an |the )?(?:[\p{L}-]+\s){0,3}(?:fellow|president|director|professor|researcher)\b/u,
];

// A family name in capitals next to a given name: "NAKAZONO Keiji", "Mr. Keiji NAKAZONO".
const ACRONYMS = new Set(['NATO', 'NASA', 'JAXA', 'JETRO', 'TEPCO', 'JERA', 'ASEAN', 'OPEC', 'JICA', 'JBIC', 'NHK', 'USFJ', 'AUKUS', 'QUAD', 'NMESIS', 'AMRAAM', 'TOMODACHI']);
const CAPS_THEN_NAME = /\b(\p{Lu}{3,})\s+(\p{Lu}\p{Ll}+)(?=$|[,.;:)]|\s+(?:\p{Ll}|$))/gu;
const TITLE_NAME_CAPS = /\b(?:Mr|Ms|Mrs|Dr)\.\s+\p{Lu}\p{Ll}+\s+(\p{Lu}{3,})\b/gu;

// Release labels and datelines a headline must not be.
const LABEL = /^(?:holding of|conduct of|signing of|the \w+ meeting of|press release|statement by|readout of|notice|announcement|joint statement|outline of|results? of)\b/i;
const DATELINE = /^[\p{Lu}][\p{Lu} .,'-]+(?:,\s*[\p{L} .]+)?\s*(?:\([^)]*\))?\s*(?:--|—|–)\s*$/u;

// Words that open a sentence after "U.S." and the like; any other capital continues the sentence.
const OPENERS = new Set(['The', 'A', 'An', 'It', 'He', 'She', 'They', 'We', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'But', 'And', 'Both', 'Its', 'His', 'Her', 'Their', 'There', 'Under', 'After', 'As', 'When', 'While', 'Officials']);
// Tokens that never end a sentence: titles and abbreviations that precede a name or number.
const NEVER_END = /(?:^|[\s("“])(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Sen|Rep|Gov|Prof|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|St|Vol|[A-Z])\.$/;

interface Place { source: number; at: number; end: number; text: string }

/** Where `sentence` occurs in one of the sources (case-insensitive, whitespace-squashed), if anywhere. */
function locate(sentence: string, sources: string[]): Place | null {
  const needle = squash(sentence).toLowerCase();
  const flat = sources.map((s) => s.replace(/[ \t]+/g, ' '));
  for (let i = 0; i < flat.length; i++) {
    const at = flat[i].toLowerCase().indexOf(needle);
    if (at >= 0) return { source: i, at, end: at + needle.length, text: flat[i] };
  }
  // The one cut allowed: "…was held in Tokyo as follows." drafted as "…was held in Tokyo."
  const cut = needle.replace(/\.$/, '');
  for (let i = 0; cut !== needle && i < flat.length; i++) {
    const low = flat[i].toLowerCase();
    for (let at = low.indexOf(cut); at >= 0; at = low.indexOf(cut, at + 1)) {
      if (/^,?\s+(?:as follows|the following)[.:]/.test(low.slice(at + cut.length))) {
        const end = at + cut.length + /^,?\s+(?:as follows|the following)[.:]/.exec(low.slice(at + cut.length))![0].length;
        return { source: i, at, end, text: flat[i] };
      }
    }
  }
  return null;
}

/** True when a run of source words has the same words as the sentence in another order (a name "Keiji Nakazono" for "NAKAZONO Keiji"). */
function reordered(sentence: string, sources: string[]): number {
  const key = (ws: string[]) => ws.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).sort().join(' ');
  const want = words(sentence);
  const target = key(want);
  for (let i = 0; i < sources.length; i++) {
    const ws = words(sources[i]);
    for (let j = 0; j + want.length <= ws.length; j++) {
      if (ws[j].toLowerCase() !== want[0].toLowerCase() && !/^\p{Lu}/u.test(ws[j])) continue;
      if (key(ws.slice(j, j + want.length)) === target) return i;
    }
  }
  return -1;
}

/** True when the text before `at` ends a sentence (or a paragraph, a heading, a colon). */
function startsWhole(text: string, at: number): boolean {
  const before = text.slice(0, at);
  if (!before.trim() || /\n\s*$/.test(before)) return true;
  const prev = before.trimEnd();
  // After a dateline's dash ("TOKYO (Kyodo) -- Japan…", "NAHA--Okinawa…"), a colon, a "(Reference)" mark.
  if (/(?:--|—|–|\s-)$/.test(prev)) return true;
  if (!/\s$/.test(before)) return false;
  // A list mark opening a paragraph: "1. ", "(2) ", "(a) ", "(Reference) ".
  if (/(?::|(?:^|\n)[ \t]*(?:\(?\d{1,2}[.)]|\([a-z]\)|\((?:Reference|Note)\)))$/.test(prev)) return true;
  if (!/[.!?。！？…]["'”’)\]]*$/.test(prev)) return false;
  if (NEVER_END.test(prev)) return false;
  // "…the Japan-U.S. Alliance": after an abbreviation, only a sentence opener starts a new sentence.
  if (/(?:\p{L}\.){2,}$/u.test(prev)) return OPENERS.has(words(text.slice(at))[0]?.replace(/[^\p{L}]/gu, '') ?? '');
  return true;
}

/** True when the source sentence ends at `end` (nothing of the same sentence follows). */
function endsWhole(text: string, end: number, sentence: string): boolean {
  const s = sentence.trimEnd();
  if (/…$/.test(s) && !/…$/.test(text.slice(0, end).trimEnd())) return false;
  if (!/[.!?。！？…]["'”’)\]]*$/.test(s)) return false;
  const after = text.slice(end);
  if (!after.trim() || /^\s*\n/.test(after)) return true;
  if (/^,?\s+(?:as follows|the following)[.:]/i.test(after)) return true; // the one allowed cut
  if (/^[。！？]/u.test(s.slice(-1))) return true;
  if (!/^\s/.test(after)) return false;
  if (NEVER_END.test(s)) return false;
  const next = words(after)[0] ?? '';
  if (/^\p{Ll}/u.test(next)) return false;
  if (/(?:\p{L}\.){2,}$/u.test(s)) return OPENERS.has(next.replace(/[^\p{L}]/gu, ''));
  return true;
}

const contentSet = (s: string): Set<string> => new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2));

/** Near-duplicates: one sentence's words mostly inside the other's (overlap ≥ 0.8 of the smaller). */
function duplicates(sentences: string[]): number {
  let n = 0;
  const sets = sentences.map(contentSet);
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const [a, b] = sets[i].size <= sets[j].size ? [sets[i], sets[j]] : [sets[j], sets[i]];
      if (!a.size) continue;
      let shared = 0;
      for (const w of a) if (b.has(w)) shared++;
      if (shared / a.size >= 0.8) n++;
    }
  }
  return n;
}

/** Surname-in-capitals names left in `text`. */
export function surnameCaps(text: string): string[] {
  const out: string[] = [];
  // A family name has two vowels or more (MUTO, NAKAZONO); "USS America", "NHK World" are not names.
  for (const m of text.matchAll(CAPS_THEN_NAME)) if (!ACRONYMS.has(m[1]) && (m[1].match(/[AEIOU]/g)?.length ?? 0) >= 2) out.push(`${m[1]} ${m[2]}`);
  for (const m of text.matchAll(TITLE_NAME_CAPS)) if (!ACRONYMS.has(m[1])) out.push(m[0]);
  return out;
}

/** Release scaffolding and boilerplate in `text`, as matched. */
export function boilerplateHits(text: string): string[] {
  const out: string[] = [];
  for (const re of BOILERPLATE) {
    const m = re.exec(text);
    if (m) out.push(m[0].trim());
  }
  return out;
}

/**
 * The bullet's sentences as they sit in the sources. Two source sentences can read as one in a bullet
 * ("…held in Washington, D.C. Minister Muto…"): a sentence found in no source is split at its inner
 * full stops and its parts are matched, longest first.
 */
function pieces(sentences: string[], sources: string[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    if (locate(s, sources) || reordered(s, sources) >= 0) { out.push(s); continue; }
    const parts = s.split(/(?<=[.!?]["”’)]?)\s+(?=["“]?\p{Lu})/u);
    let from = 0;
    while (from < parts.length) {
      let to = parts.length;
      while (to > from + 1 && !locate(parts.slice(from, to).join(' '), sources)) to--;
      out.push(parts.slice(from, to).join(' '));
      from = to;
    }
  }
  return out;
}

/** Checks one draft against the digest's rules; `input.others` are the story's other outlets. */
export function draftChecks(summary: Pick<Summary, 'headline' | 'bullet'>, input: Pick<SummaryInput, 'text' | 'others'>): DraftCheck {
  const sources = [input.text ?? '', ...(input.others ?? []).map((o) => o.text ?? '')];
  const sentences = splitSentences(summary.bullet ?? '');
  const fragments: string[] = [];
  const notInSource: string[] = [];
  let fromOthers = 0;
  for (const s of pieces(sentences, sources)) {
    const place = locate(s, sources);
    if (place) {
      if (place.source > 0) fromOthers++;
      if (!startsWhole(place.text, place.at) || !endsWhole(place.text, place.end, s)) fragments.push(s);
      continue;
    }
    const src = reordered(s, sources);
    if (src < 0) notInSource.push(s);
    else if (src > 0) fromOthers++;
    if (/…$/.test(s)) fragments.push(s);
  }
  const bulletWords = words(summary.bullet ?? '').length;
  const sourceWords = sources.reduce((n, t) => n + splitSentences(t).filter((s) => /[.!?。]["'”’)]*$/.test(s)).reduce((k, s) => k + words(s).length, 0), 0);
  const headline = squash(summary.headline ?? '');
  const hw = words(headline).length;
  return {
    whole_sentence: sentences.length > 0 && fragments.length === 0,
    fragments,
    bullet_words: bulletWords,
    bullet_in_range: sourceWords < BULLET_MIN ? null : bulletWords >= BULLET_MIN && bulletWords <= BULLET_MAX,
    headline_words: hw,
    headline_in_range: hw >= HEADLINE_MIN && hw <= HEADLINE_MAX,
    headline_period: /\.$/.test(headline) && !/(?:\p{L}\.){2,}$/u.test(headline),
    headline_label: LABEL.test(headline) || DATELINE.test(headline),
    boilerplate_hits: boilerplateHits(summary.bullet ?? ''),
    surname_caps: [...surnameCaps(summary.bullet ?? ''), ...surnameCaps(headline)],
    duplicate_sentences: duplicates(sentences),
    not_in_source: notInSource,
    from_others: fromOthers,
  };
}

/** Sums checks of many drafts into shares (0..1, three decimals) and totals. */
export function draftFigures(checks: DraftCheck[]): DraftFigures {
  const n = checks.length;
  const share = (k: number, of = n) => (of ? Math.round((k / of) * 1000) / 1000 : 0);
  const applicable = checks.filter((c) => c.bullet_in_range !== null);
  const sorted = checks.map((c) => c.bullet_words).sort((a, b) => a - b);
  return {
    drafts: n,
    whole_sentence: share(checks.filter((c) => c.whole_sentence).length),
    bullet_in_range: share(applicable.filter((c) => c.bullet_in_range).length, applicable.length),
    bullet_range_applicable: applicable.length,
    headline_in_range: share(checks.filter((c) => c.headline_in_range).length),
    headline_period: checks.filter((c) => c.headline_period).length,
    headline_label: checks.filter((c) => c.headline_label).length,
    boilerplate_hits: checks.reduce((k, c) => k + c.boilerplate_hits.length, 0),
    surname_caps: checks.reduce((k, c) => k + c.surname_caps.length, 0),
    duplicate_sentences: checks.reduce((k, c) => k + c.duplicate_sentences, 0),
    not_in_source: checks.reduce((k, c) => k + c.not_in_source.length, 0),
    from_others: checks.filter((c) => c.from_others > 0).length,
    bullet_words_median: n ? sorted[Math.floor((n - 1) / 2)] : 0,
  };
}
